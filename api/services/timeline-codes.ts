/**
 * The stable event code and parameters of a timeline entry (dossier and contact timelines), so a client
 * phrases it in its user's language; the English `title` stays for API users. Derived at read time from
 * the entry's kind and payload, so rows written before the codes existed get them too; where an older
 * payload is thin, the English title's fixed shape fills in (new rows carry the values in the payload).
 */
export type TimelineParam = string | number | boolean | null;

export interface TimelineCode {
  code: string;
  params: Record<string, TimelineParam>;
}

export interface CodedEvent {
  kind: string;
  channel: string | null;
  title: string;
  payload: Record<string, unknown> | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** The user-written subject of an activity, or null when the server fell back to the type code. */
const subjectOf = (title: string, type: string | null) => (title && title !== type ? title : null);

function appointmentCode(e: CodedEvent, p: Record<string, unknown>): TimelineCode {
  const subject = text(p.title);
  const base = { subject, status: text(p.status), startAt: text(p.startAt) };
  const event =
    text(p.event) ??
    (/^(Visit|Appointment) booked: /.test(e.title)
      ? 'BOOKED'
      : /^Reminder not sent: /.test(e.title)
        ? 'REMINDER_NOT_SENT'
        : / moved to \S+$/.test(e.title)
          ? 'MOVED'
          : 'STATUS');
  const visit = text(p.appointmentKind) === 'VISITE' || /^Visit booked: /.test(e.title);
  switch (event) {
    case 'BOOKED':
      return { code: visit ? 'VISIT_BOOKED' : 'APPOINTMENT_BOOKED', params: base };
    case 'MOVED':
      return { code: 'APPOINTMENT_MOVED', params: base };
    case 'REMINDER_NOT_SENT':
      return {
        code: 'APPOINTMENT_REMINDER_NOT_SENT',
        params: { ...base, reason: text(p.reason) ?? e.title.replace(/^Reminder not sent: /, '') },
      };
    default:
      return { code: 'APPOINTMENT_STATUS', params: base };
  }
}

function shortlistCode(e: CodedEvent, p: Record<string, unknown>): TimelineCode {
  const reference = text(p.reference) ?? /^Listing (.+?)(?:: | shortlisted$)/.exec(e.title)?.[1] ?? null;
  const from = text(p.from);
  const to = text(p.to) ?? text(p.status);
  return from
    ? { code: 'SHORTLIST_MOVED', params: { reference, from, to } }
    : { code: 'SHORTLIST_ADDED', params: { reference, status: to } };
}

function automationCode(e: CodedEvent, p: Record<string, unknown>): TimelineCode {
  if (typeof p.code === 'string' && p.params && typeof p.params === 'object')
    return { code: p.code, params: p.params as Record<string, TimelineParam> };
  // A pipeline's own message (written in the pipeline's languages) is shown as it is.
  return { code: `${e.kind}_MESSAGE`, params: { message: e.title } };
}

/** The code and parameters of one timeline entry. */
export function timelineCode(e: CodedEvent): TimelineCode {
  const p = e.payload ?? {};
  switch (e.kind) {
    case 'CREATED':
      return {
        code: 'DOSSIER_CREATED',
        params: { status: text(p.status) ?? /^Dossier created in (\S+)$/.exec(e.title)?.[1] ?? null },
      };
    case 'STATUS_CHANGE':
      return {
        code: 'STATUS_CHANGED',
        params: { from: text(p.from), to: text(p.to), reasonCode: text(p.reasonCode) },
      };
    case 'SHORTLIST':
      return shortlistCode(e, p);
    case 'MATCHING':
      return {
        code: 'MATCHING_RAN',
        params: { count: num(p.resultCount) ?? 0, bestScore: num(p.bestScore) },
      };
    case 'NOTE':
      return { code: 'NOTE_ADDED', params: { subject: subjectOf(e.title, text(p.type)) } };
    case 'ACTIVITY':
      return {
        code: 'ACTIVITY_LOGGED',
        params: { type: text(p.type), subject: subjectOf(e.title, text(p.type)), outcome: text(p.outcome) },
      };
    case 'TASK_COMPLETED':
      return {
        code: 'TASK_COMPLETED',
        params: { type: text(p.type), subject: subjectOf(e.title, text(p.type)), outcome: text(p.outcome) },
      };
    case 'MESSAGE':
      return { code: 'MESSAGE', params: { channel: e.channel, preview: e.title } };
    case 'MESSAGE_STATUS':
      return {
        code: 'MESSAGE_DELIVERY',
        params: {
          channel: e.channel,
          status: text(p.deliveryStatus),
          reason: text(p.failureReason) ?? text(p.reason) ?? /: (.+)$/.exec(e.title)?.[1] ?? null,
        },
      };
    case 'APPOINTMENT':
      return appointmentCode(e, p);
    case 'CONSENT':
      return p.status === null && typeof p.removed === 'string'
        ? { code: 'CONSENT_REMOVED', params: { channel: e.channel, previous: p.removed } }
        : {
            code: 'CONSENT_SET',
            params: {
              channel: e.channel,
              status: text(p.status),
              dossierOnly:
                typeof p.dossierOnly === 'boolean' ? p.dossierOnly : /\(this dossier\)$/.test(e.title),
            },
          };
    case 'PARTY':
      return {
        code: 'PARTY_ADDED',
        params: { role: text(p.role), name: text(p.name) ?? e.title.split(':')[0] ?? null },
      };
    case 'ROLE_CHANGE':
      return typeof p.startDate === 'string'
        ? { code: 'ROLE_ADDED', params: { role: text(p.role), startDate: p.startDate } }
        : { code: 'ROLE_ENDED', params: { role: text(p.role), endDate: text(p.endDate) } };
    case 'ASSIGNMENT':
      return {
        code: p.toAgentId ? 'CONTACT_ASSIGNED' : 'CONTACT_UNASSIGNED',
        params: { fromAgentId: text(p.fromAgentId), toAgentId: text(p.toAgentId), reason: text(p.reason) },
      };
    case 'REMINDER':
    case 'ESCALATION':
    case 'AUTOMATION':
      return automationCode(e, p);
    default:
      return { code: e.kind, params: {} };
  }
}
