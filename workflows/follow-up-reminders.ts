import { proxyActivities } from '@temporalio/workflow';
import type { FollowUpActivities } from '../activities/follow-up-activities.js';

export const FOLLOW_UP_REMINDERS_WORKFLOW = 'followUpReminders';

const { listReminderOrganizations, remindOverdueTasks } = proxyActivities<FollowUpActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumInterval: '1 minute' },
});

export interface FollowUpRemindersInput {
  /** Override of the reminder day (tests); default: the workflow's current UTC day. */
  day?: string;
}

export interface FollowUpRemindersResult {
  day: string;
  organizations: number;
  notifications: number;
}

/**
 * One run of the daily reminder job (started by the `follow-up-reminders` Temporal Schedule): for
 * every active organisation, notify the assigned agent of each open overdue task, once per day.
 * Organisations are visited one by one so a failing tenant retries alone without redoing others.
 */
export async function followUpReminders(
  input: FollowUpRemindersInput = {},
): Promise<FollowUpRemindersResult> {
  // Workflow time is deterministic (replay-safe).
  const now = new Date().toISOString();
  const day = input.day ?? now.slice(0, 10);
  const orgIds = await listReminderOrganizations();
  let notifications = 0;
  for (const orgId of orgIds) notifications += await remindOverdueTasks({ orgId, day, now });
  return { day, organizations: orgIds.length, notifications };
}
