import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

export const FOLLOW_UP_SCHEDULE_ID = 'follow-up-reminders';
/** Workflow type name (the workflow module is not imported here: it only runs inside the bundle). */
const FOLLOW_UP_REMINDERS_WORKFLOW = 'followUpReminders';

/**
 * Creates (or retunes) the one global schedule of the follow-up reminder job. Idempotent: every
 * process start calls it; an existing schedule gets the configured interval and task queue.
 */
export async function ensureFollowUpReminderSchedule(
  client: Client,
  opts: { taskQueue: string; intervalSeconds: number; scheduleId?: string },
): Promise<void> {
  const scheduleId = opts.scheduleId ?? FOLLOW_UP_SCHEDULE_ID;
  const spec = { intervals: [{ every: `${opts.intervalSeconds}s` }] };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: FOLLOW_UP_REMINDERS_WORKFLOW,
    workflowId: scheduleId,
    taskQueue: opts.taskQueue,
    args: [{}],
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      // A run still going when the next is due is simply skipped: the next day catches up.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
}
