import { proxyActivities, sleep } from '@temporalio/workflow';
import type { FollowUpActivities } from '../activities/follow-up-activities.js';

export const TASK_REMINDER_WORKFLOW = 'taskReminder';

/** One reminder per task: the id makes a second start of the same task's reminder a no-op. */
export function taskReminderWorkflowId(activityId: string): string {
  return `task-${activityId}`;
}

/** The contract of the reminder: which task, and when it is due (ISO). */
export interface TaskReminderInput {
  orgId: string;
  activityId: string;
  dueAt: string;
}

export interface TaskReminderResult {
  /** false: the task was completed or moved before its time (a moved task has its own reminder). */
  notified: boolean;
}

const { remindTaskDue } = proxyActivities<FollowUpActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

/**
 * Sleeps durably until the task is due, then tells its assignee (in the app, and through the
 * organisation's TASK_DUE rules). The activity re-reads the task, so a completion or a move while
 * this sleeps needs no signal: the reminder then finds the task closed and stays silent.
 */
export async function taskReminder(input: TaskReminderInput): Promise<TaskReminderResult> {
  const wait = Date.parse(input.dueAt) - Date.now();
  if (wait > 0) await sleep(wait);
  const notified = await remindTaskDue({ orgId: input.orgId, activityId: input.activityId });
  return { notified };
}
