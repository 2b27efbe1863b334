import i18n from '../i18n';
import { formatDateTime } from './format';

interface NotificationLike {
  kind: string;
  title: string;
  body: string | null;
}

/**
 * What the bell shows for a notification. Task reminders carry the task's subject as `title` and
 * the due time (ISO) as `body`: they are phrased here, in the reader's language and `Intl` dates.
 * Other notifications (rule messages) were written by the organisation in its own words.
 */
export function notificationText(n: NotificationLike): { title: string; body: string | null } {
  if (n.kind === 'TASK_DUE' || n.kind === 'TASK_OVERDUE') {
    const date = n.body && !Number.isNaN(Date.parse(n.body)) ? formatDateTime(n.body) : null;
    return {
      title: i18n.t(`tasks:reminder.${n.kind}`, { subject: n.title }),
      body: date ? i18n.t('tasks:reminder.dueAt', { date }) : n.body,
    };
  }
  return { title: n.title, body: n.body };
}

/** Where a notification about an entity opens. */
export const NOTIFICATION_LINKS: Record<string, string> = {
  Contact: '/contacts/show/',
  Dossier: '/dossiers/show/',
  Appointment: '/appointments/show/',
};
