import { formatDate } from '../components/format';
import i18n from '../i18n';
import { formatCents } from './money';
import type { CoopEvent } from './types';

/**
 * A group timeline event in the UI language. The API words its titles once, in English, for the audit;
 * the screen rebuilds the sentence from the event's kind and payload (and, where the payload is thin,
 * from the title's fixed shape). Anything not recognised is shown as the API wrote it.
 */
export function eventText(
  e: CoopEvent,
  memberName: string | null | undefined,
  statusLabel: (code: string) => string,
): string {
  const t = (k: string, o: Record<string, unknown> = {}) => i18n.t(`coop:event.${k}`, o);
  const p = e.payload as Record<string, unknown>;
  const match = (re: RegExp) => re.exec(e.title);
  const name = memberName ?? (e.memberId ? e.title.split(':')[0] : '') ?? '';
  const seq = (p.seq as number | undefined) ?? match(/call #(\d+)/)?.[1] ?? '?';
  const reason = (p.reason as string | null | undefined) ?? null;
  const withReason = (text: string) => (reason ? `${text} — ${reason}` : text);
  const member = (s: unknown) => i18n.t(`coop:memberStatus.${String(s)}`, { defaultValue: String(s) });
  switch (e.kind) {
    case 'CALL_FOR_FUNDS':
      return t('call', {
        name,
        seq,
        amount: formatCents(p.amount as number),
        date: formatDate(p.dueAt as string),
      });
    case 'CONTRIBUTION_SUBMIT_PROOF':
    case 'CONTRIBUTION_CONFIRM':
      return t(e.kind, { name, seq });
    case 'CONTRIBUTION_REJECT':
    case 'CONTRIBUTION_WAIVE':
    case 'CONTRIBUTION_REVERSE':
      return withReason(t(e.kind, { name, seq }));
    case 'CONTRIBUTION_LATE':
      return t('late', {
        name,
        seq,
        count: p.penaltiesApplied,
        total: formatCents(p.penaltyTotal as number),
      });
    case 'NOTICE_CALL':
    case 'NOTICE_REMINDER':
    case 'NOTICE_LATE': {
      const what = t(`notice.${e.kind.slice(7)}`);
      if (p.sent) return t('noticeSent', { name, what, seq, channel: p.channel });
      const why = /consented/.test(String(p.reason)) ? t('noConsent') : String(p.reason ?? '');
      return t('noticeNotSent', { name, what, seq, why });
    }
    case 'NOTICE_ALLOCATION':
    case 'NOTICE_MILESTONE': {
      const what = e.kind === 'NOTICE_ALLOCATION' ? 'allocationNotice' : 'milestoneNotice';
      const about = { name, lot: p.lotCode ?? '?', milestone: p.milestoneLabel ?? p.milestone ?? '?' };
      if (p.sent) return t(`${what}Sent`, { ...about, channel: p.channel });
      const why = /consented/.test(String(p.reason)) ? t('noConsent') : String(p.reason ?? '');
      return t(`${what}NotSent`, { ...about, why });
    }
    case 'MEMBER_ADDED':
      return t('memberAdded', { name, rank: match(/rank (\d+)/)?.[1] ?? '?' });
    case 'MEMBER_STATUS':
      return withReason(t('memberStatus', { name, from: member(p.from), to: member(p.to) }));
    case 'RANK_CHANGED':
      return withReason(t('rankChanged', { name, from: p.from, to: p.to }));
    case 'KYC': {
      const m = match(/KYC (.+) (MISSING|PROVIDED|VALIDATED|REFUSED)$/);
      const state = i18n.t(`coop:kyc.statuses.${String(p.status)}`, { defaultValue: String(p.status) });
      return t('kyc', { name, piece: m?.[1] ?? p.code, state: state.toLowerCase() });
    }
    case 'STATUS_CHANGED': {
      const text = `${t('status')} : ${statusLabel(String(p.from))} → ${statusLabel(String(p.to))}`;
      return p.comment ? `${text} — ${String(p.comment)}` : text;
    }
    case 'GROUP_CREATED':
      return t('groupCreated', { group: match(/Group (.+) created/)?.[1] ?? '' });
    case 'RULES_CHANGED':
    case 'GROUP_UPDATED':
      return t(e.kind);
    case 'PLAN_CREATED':
      return t('planCreated', { plan: match(/Plan (.+) created/)?.[1] ?? '' });
    case 'PLAN_VERSION': {
      const m = match(/^Plan (.+): version (\d+) from (\d{4}-\d{2}-\d{2})(?: — (.*))?$/);
      if (!m) return e.title;
      const text = t('planVersion', { plan: m[1], version: m[2], date: formatDate(m[3]) });
      return m[4] ? `${text} — ${m[4]}` : text;
    }
    case 'PROJECT_CREATED':
      return t('projectCreated', { project: match(/Project (.+) created/)?.[1] ?? '' });
    case 'MILESTONE_REACHED':
      return t('milestone', { labels: match(/Milestone reached: (.+)/)?.[1] ?? '' });
    case 'ALLOCATION_PROPOSED': {
      const m = match(/for (.+): (\d+) lot\(s\), (\d+) skipped/);
      return m ? t('allocationProposed', { project: m[1], lots: m[2], skipped: m[3] }) : e.title;
    }
    case 'ALLOCATION_APPROVE':
    case 'ALLOCATION_SIGN':
    case 'ALLOCATION_CANCEL': {
      const m = match(/lot (\S+) for (.+)$/);
      const cancelled = match(/cancelled \((.*)\):/)?.[1];
      const text = m ? t(e.kind, { lot: m[1], name: memberName ?? m[2] }) : e.title;
      return cancelled ? `${text} — ${cancelled}` : text;
    }
    default:
      return e.title;
  }
}

/**
 * A ledger entry's description in the UI language. The ledger keeps the API's English text (it is
 * hash-chained and exported as written); the screen words the known shapes again, else shows it as is.
 */
export function ledgerText(description: string | null): string | null {
  if (!description) return null;
  const t = (k: string, o: Record<string, unknown>) => i18n.t(`coop:ledgerText.${k}`, o);
  let m = /^Call for funds #(\d+) due (\d{4}-\d{2}-\d{2})$/.exec(description);
  if (m) return t('call', { seq: m[1], date: formatDate(m[2]) });
  m = /^Indexation of call #(\d+) \(plan v(\d+)\)$/.exec(description);
  if (m) return t('indexation', { seq: m[1], version: m[2] });
  m = /^Late penalty (\d+) on call #(\d+)$/.exec(description);
  if (m) return t('penalty', { n: m[1], seq: m[2] });
  m = /^Payment of call #(\d+) confirmed(?: \((\w+)\))?$/.exec(description);
  if (m)
    return t('payment', {
      seq: m[1],
      method: m[2] ? ` · ${i18n.t(`coop:method.${m[2]}`, { defaultValue: m[2] })}` : '',
    });
  m = /^Call #(\d+) waived: (.*)$/.exec(description);
  if (m) return t('waiver', { seq: m[1], reason: m[2] });
  m = /^Payment of call #(\d+) reversed: (.*)$/.exec(description);
  if (m) return t('reversal', { seq: m[1], reason: m[2] });
  return description;
}
