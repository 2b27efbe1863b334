import { condition, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { AppointmentActivities } from '../activities/appointment-activities.js';
import { parseIsoDuration } from '../definitions/duration.js';

export const APPOINTMENT_REMINDERS_WORKFLOW = 'appointmentReminders';

const { sendAppointmentReminder } = proxyActivities<AppointmentActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 20,
  },
});

export interface AppointmentRemindersInput {
  orgId: string;
  appointmentId: string;
  startAt: string;
  /** ISO 8601 durations before the start: PT24H, PT1H (seconds in tests). */
  offsets: string[];
}

export interface ReminderState {
  startAt: string;
  closed: boolean;
  sent: string[];
  next: { offset: string; at: string } | null;
}

export const rescheduledSignal = defineSignal<[{ startAt: string }]>('rescheduled');
/** Cancelled, done or no-show: nothing fires any more. */
export const closedSignal = defineSignal<[{ status: string }]>('closed');
export const reminderStateQuery = defineQuery<ReminderState>('reminderState');

export function appointmentWorkflowId(appointmentId: string): string {
  return `appointment-${appointmentId}`;
}

/**
 * One workflow per appointment (F-7.2): durable timers fire each reminder at start − offset;
 * rescheduling moves them (reminders are keyed by the start they announce), closing stops them, and
 * nothing fires once the appointment has started. Sending — and the consent check at that moment —
 * is the activity's.
 */
export async function appointmentReminders(input: AppointmentRemindersInput): Promise<ReminderState> {
  let startAt = Date.parse(input.startAt);
  // Reminders already past when booked (PT24H for a visit in 3 hours) are not sent late; a reminder
  // that fell due while the worker was down (after booking) still goes out.
  let since = Date.now();
  let closed = false;
  let changes = 0;
  const sent = new Set<string>();
  const keyOf = (offset: string) => `${offset}@${new Date(startAt).toISOString()}`;
  const pending = () =>
    input.offsets
      .map((offset) => ({ offset, at: startAt - parseIsoDuration(offset) }))
      .filter((r) => !sent.has(keyOf(r.offset)) && r.at >= since - 5_000)
      .sort((a, b) => a.at - b.at);
  const state = (): ReminderState => {
    const next = closed ? undefined : pending()[0];
    return {
      startAt: new Date(startAt).toISOString(),
      closed,
      sent: [...sent],
      next: next ? { offset: next.offset, at: new Date(next.at).toISOString() } : null,
    };
  };
  setHandler(rescheduledSignal, ({ startAt: s }) => {
    startAt = Date.parse(s);
    since = Date.now();
    changes++;
  });
  setHandler(closedSignal, () => {
    closed = true;
    changes++;
  });
  setHandler(reminderStateQuery, state);

  while (!closed && Date.now() < startAt) {
    const next = pending()[0];
    const seen = changes;
    if (!next) {
      // Every reminder went out; wait for a reschedule (new reminders) or the end.
      if (!(await condition(() => changes !== seen, startAt - Date.now()))) break;
      continue;
    }
    const timedOut = !(await condition(() => changes !== seen, Math.max(0, next.at - Date.now())));
    if (!timedOut) continue; // rescheduled or closed: recompute
    await sendAppointmentReminder({
      orgId: input.orgId,
      appointmentId: input.appointmentId,
      offset: next.offset,
      startAt: new Date(startAt).toISOString(),
    });
    sent.add(keyOf(next.offset));
  }
  return state();
}
