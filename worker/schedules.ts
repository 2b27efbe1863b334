import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleSpec,
} from '@temporalio/client';

export const FOLLOW_UP_SCHEDULE_ID = 'follow-up-reminders';
export const NIGHTLY_RESCORE_SCHEDULE_ID = 'nightly-rescore';
export const OUTBOX_SWEEP_SCHEDULE_ID = 'outbox-sweep';
// Workflow type names (the workflow modules are not imported here: they only run inside the bundle).
const FOLLOW_UP_REMINDERS_WORKFLOW = 'followUpReminders';
const NIGHTLY_RESCORE_WORKFLOW = 'nightlyRescore';
const OUTBOX_SWEEP_WORKFLOW = 'outboxSweep';

/**
 * Creates (or retunes) one global schedule. Idempotent: every process start calls it, and an
 * existing schedule gets the configured spec and task queue. A run still going when the next is due
 * is skipped: the next one catches up.
 */
async function ensureSchedule(
  client: Client,
  opts: { scheduleId: string; workflowType: string; taskQueue: string; spec: ScheduleSpec },
): Promise<void> {
  const action = {
    type: 'startWorkflow' as const,
    workflowType: opts.workflowType,
    workflowId: opts.scheduleId,
    taskQueue: opts.taskQueue,
    args: [{}],
  };
  try {
    await client.schedule.create({
      scheduleId: opts.scheduleId,
      spec: opts.spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule
      .getHandle(opts.scheduleId)
      .update((previous) => ({ ...previous, spec: opts.spec, action }));
  }
}

/** The follow-up reminder job, every `intervalSeconds` (a day by default). */
export async function ensureFollowUpReminderSchedule(
  client: Client,
  opts: { taskQueue: string; intervalSeconds: number; scheduleId?: string },
): Promise<void> {
  await ensureSchedule(client, {
    scheduleId: opts.scheduleId ?? FOLLOW_UP_SCHEDULE_ID,
    workflowType: FOLLOW_UP_REMINDERS_WORKFLOW,
    taskQueue: opts.taskQueue,
    spec: { intervals: [{ every: `${opts.intervalSeconds}s` }] },
  });
}

/** The nightly rescoring job (time-based scoring rules), at 02:30 UTC when agencies are closed. */
export async function ensureNightlyRescoreSchedule(
  client: Client,
  opts: { taskQueue: string; scheduleId?: string },
): Promise<void> {
  await ensureSchedule(client, {
    scheduleId: opts.scheduleId ?? NIGHTLY_RESCORE_SCHEDULE_ID,
    workflowType: NIGHTLY_RESCORE_WORKFLOW,
    taskQueue: opts.taskQueue,
    spec: { calendars: [{ hour: 2, minute: 30, comment: 'nightly rescore' }] },
  });
}

/** Every schedule the product runs; called by the worker and by `npm start`. */
export async function ensureSchedules(
  client: Client,
  opts: { taskQueue: string; followUpIntervalSeconds: number },
): Promise<void> {
  await ensureFollowUpReminderSchedule(client, {
    taskQueue: opts.taskQueue,
    intervalSeconds: opts.followUpIntervalSeconds,
  });
  await ensureNightlyRescoreSchedule(client, { taskQueue: opts.taskQueue });
  // Restarts deliveries whose start was lost between the API's commit and the workflow start.
  await ensureSchedule(client, {
    scheduleId: OUTBOX_SWEEP_SCHEDULE_ID,
    workflowType: OUTBOX_SWEEP_WORKFLOW,
    taskQueue: opts.taskQueue,
    spec: { intervals: [{ every: '15s' }] },
  });
}
