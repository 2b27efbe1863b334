/**
 * Notification templates (F-7.3): text with `{{variable}}` placeholders from a fixed list, per
 * language. Hand-written rather than a template engine on purpose: no logic, no HTML, no access to
 * anything but the listed variables, so a manager's template can never leak other data.
 */
export const NOTIFICATION_EVENTS = [
  'NEW_LEAD',
  'LEAD_ASSIGNED',
  'APPOINTMENT_BOOKED',
  'APPOINTMENT_CHANGED',
  'STATUS_CHANGED',
  'TASK_DUE',
  'TASK_OVERDUE',
  'DOSSIER_TIMER',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const NOTIFICATION_RECIPIENTS = ['ASSIGNED_AGENT', 'MANAGERS', 'CONTACT'] as const;
export const NOTIFICATION_CHANNELS = ['IN_APP', 'EMAIL', 'SMS', 'WHATSAPP'] as const;

/** Variables each event offers (templates may use only these). */
export const EVENT_VARIABLES: Record<NotificationEvent, readonly string[]> = {
  NEW_LEAD: ['contact.firstName', 'contact.lastName', 'contact.source', 'agent.name'],
  LEAD_ASSIGNED: ['contact.firstName', 'contact.lastName', 'agent.name'],
  APPOINTMENT_BOOKED: [
    'contact.firstName',
    'contact.lastName',
    'agent.name',
    'appointment.title',
    'appointment.date',
    'appointment.time',
    'appointment.place',
  ],
  APPOINTMENT_CHANGED: [
    'contact.firstName',
    'contact.lastName',
    'agent.name',
    'appointment.title',
    'appointment.date',
    'appointment.time',
    'appointment.place',
    'appointment.status',
  ],
  TASK_DUE: [
    'contact.firstName',
    'contact.lastName',
    'agent.name',
    'task.subject',
    'task.dueDate',
    'dossier.reference',
    'dossier.title',
  ],
  TASK_OVERDUE: [
    'contact.firstName',
    'contact.lastName',
    'agent.name',
    'task.subject',
    'task.dueDate',
    'dossier.reference',
    'dossier.title',
  ],
  DOSSIER_TIMER: [
    'contact.firstName',
    'contact.lastName',
    'agent.name',
    'dossier.reference',
    'dossier.title',
    'dossier.status',
    'timer.title',
  ],
  STATUS_CHANGED: [
    'contact.firstName',
    'contact.lastName',
    'agent.name',
    'dossier.reference',
    'dossier.title',
    'dossier.status',
    'dossier.previousStatus',
  ],
};

export interface LocalizedTemplate {
  subject?: string;
  body: string;
}
export type NotificationTemplate = Partial<Record<'fr' | 'en', LocalizedTemplate>>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+(?:\.[a-zA-Z]+)*)\s*\}\}/g;

/** Placeholders a text uses. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Field errors for a template: a language present, bodies not empty, only the event's variables. */
export function checkTemplate(event: NotificationEvent, template: NotificationTemplate) {
  const errors: { field: string; message: string }[] = [];
  const allowed = new Set(EVENT_VARIABLES[event]);
  const langs = (['fr', 'en'] as const).filter((l) => template[l]);
  if (!langs.length) errors.push({ field: 'template', message: 'needs a French or English version' });
  for (const lang of langs) {
    const t = template[lang]!;
    if (!t.body?.trim()) errors.push({ field: `template/${lang}/body`, message: 'must not be empty' });
    for (const [part, text] of [
      ['subject', t.subject ?? ''],
      ['body', t.body ?? ''],
    ] as const)
      for (const name of placeholdersOf(text))
        if (!allowed.has(name))
          errors.push({
            field: `template/${lang}/${part}`,
            message: `{{${name}}} is not available for ${event}; use one of ${[...allowed].join(', ')}`,
          });
  }
  return errors;
}

/** Replaces each placeholder by its value (missing values become empty), in the wanted language. */
export function renderTemplate(
  template: NotificationTemplate,
  lang: 'fr' | 'en',
  values: Record<string, string | null | undefined>,
): { subject: string | null; body: string } {
  const t = template[lang] ?? template.fr ?? template.en;
  if (!t) return { subject: null, body: '' };
  const fill = (text: string) => text.replace(PLACEHOLDER, (_m, name: string) => values[name] ?? '');
  return { subject: t.subject ? fill(t.subject) : null, body: fill(t.body) };
}
