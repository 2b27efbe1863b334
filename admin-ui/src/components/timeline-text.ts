import i18n from '../i18n';
import { formatDate, formatDateTime, formatIsoDuration } from './format';

/** A timeline entry as the API sends it: a stable `code` with scalar `params` (and the English `title`). */
export interface CodedTimelineEvent {
  kind: string;
  channel: string | null;
  title: string;
  code?: string;
  params?: Record<string, string | number | boolean | null>;
}

/** Labels of the codes an entry refers to (the organisation's dictionaries and users). */
export interface EventLabels {
  status: (code: string) => string;
  activityType: (code: string) => string;
  partyRole: (code: string) => string;
  contactRole: (code: string) => string;
  userName: (id: string) => string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const channelLabel = (c: unknown) =>
  i18n.t(`agent:timeline.channels.${str(c)}`, { defaultValue: str(c) || '—' });

/**
 * The entry's sentence in the UI language, from its code and params. Codes this UI does not know yet
 * read as the entry's kind label, never as the server's English title.
 */
export function timelineText(e: CodedTimelineEvent, labels: EventLabels): string {
  const p = e.params ?? {};
  const t = (key: string, o: Record<string, unknown> = {}) => i18n.t(`events:${key}`, o);
  const withSubject = (text: string) =>
    typeof p.subject === 'string' && p.subject ? t('withSubject', { text, subject: p.subject }) : text;
  const appointment = () => ({
    subject: str(p.subject),
    start: formatDateTime(str(p.startAt) || null),
    status: i18n.t(`engagement:appointment.statuses.${str(p.status)}`, { defaultValue: str(p.status) }),
  });
  const shortlist = (s: unknown) => i18n.t(`annonces:shortlist.badge.${str(s)}`, { defaultValue: str(s) });
  switch (e.code) {
    case 'DOSSIER_CREATED':
      return t(e.code, { status: labels.status(str(p.status)) });
    case 'STATUS_CHANGED':
      return p.from
        ? t(e.code, { from: labels.status(str(p.from)), to: labels.status(str(p.to)) })
        : labels.status(str(p.to));
    case 'SHORTLIST_ADDED':
      return t(e.code, { reference: p.reference ?? '' });
    case 'SHORTLIST_MOVED':
      return t(e.code, { reference: p.reference ?? '', from: shortlist(p.from), to: shortlist(p.to) });
    case 'MATCHING_RAN':
      return t('MATCHING_RAN', { count: Number(p.count ?? 0), bestScore: p.bestScore ?? '—' });
    case 'NOTE_ADDED':
      return withSubject(t(e.code));
    case 'ACTIVITY_LOGGED':
    case 'TASK_COMPLETED':
      return withSubject(t(e.code, { type: labels.activityType(str(p.type)) }));
    case 'MESSAGE':
      return str(p.preview) || e.title; // the message's own words, as written
    case 'VISIT_BOOKED':
    case 'APPOINTMENT_BOOKED':
    case 'APPOINTMENT_MOVED':
    case 'APPOINTMENT_STATUS':
    case 'APPOINTMENT_REMINDER_NOT_SENT':
      return t(e.code, appointment());
    case 'MESSAGE_DELIVERY': {
      const status = i18n.t(`engagement:delivery.${str(p.status)}`, { defaultValue: str(p.status) });
      return t(e.code, { channel: channelLabel(p.channel), status });
    }
    case 'CONSENT_SET':
      return t(p.dossierOnly ? 'CONSENT_SET_DOSSIER' : 'CONSENT_SET', {
        channel: channelLabel(p.channel),
        status: i18n.t(`engagement:consent.${str(p.status)}`, { defaultValue: str(p.status) }),
      });
    case 'CONSENT_REMOVED':
      return t(e.code, { channel: channelLabel(p.channel) });
    case 'PARTY_ADDED':
      return t(e.code, { name: p.name ?? '', role: labels.partyRole(str(p.role)) });
    case 'ROLE_ADDED':
      return t(e.code, { role: labels.contactRole(str(p.role)), date: formatDate(str(p.startDate) || null) });
    case 'ROLE_ENDED':
      return t(e.code, { role: labels.contactRole(str(p.role)), date: formatDate(str(p.endDate) || null) });
    case 'CONTACT_ASSIGNED':
      return t(e.code, { agent: labels.userName(str(p.toAgentId)) });
    case 'CONTACT_UNASSIGNED':
      return t(e.code);
    case 'DOSSIER_REMINDER':
    case 'DOSSIER_ESCALATION':
      return t(e.code, { status: labels.status(str(p.status)), after: formatIsoDuration(str(p.after)) });
    case 'AUTO_MOVE_BLOCKED':
      return t(e.code, { to: labels.status(str(p.to)), reason: str(p.reason) });
    case 'REMINDER_MESSAGE':
    case 'ESCALATION_MESSAGE':
    case 'AUTOMATION_MESSAGE':
      return str(p.message); // the pipeline's own message, written by its manager
    default:
      return i18n.t(`agent:timeline.kinds.${e.kind}`, { defaultValue: t('unknown') });
  }
}
