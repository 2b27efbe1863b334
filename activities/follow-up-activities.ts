import { activeOrganizationIds, remindDueTask, remindOverdueTasks } from '../db/activities.js';
import { systemEm, withTenant, type Orm } from '../db/orm.js';

export interface OverdueReminderRequest {
  orgId: string;
  /** UTC day (YYYY-MM-DD) the reminders are for: one notification per task and day. */
  day: string;
  now: string;
}

/** Nothing here is a business refusal: every failure (database down…) is worth retrying. */
export const FOLLOW_UP_NON_RETRYABLE: string[] = [];

/** I/O of the follow-up reminder workflow; each call is one short transaction, idempotent per day. */
export function createFollowUpActivities({ orm }: { orm: Orm }) {
  return {
    async listReminderOrganizations(): Promise<string[]> {
      return activeOrganizationIds(systemEm(orm));
    },

    async remindOverdueTasks(req: OverdueReminderRequest): Promise<number> {
      return withTenant(orm, { orgId: req.orgId }, (em) =>
        remindOverdueTasks(em, req.orgId, req.day, new Date(req.now)),
      );
    },

    /** At a task's due time; idempotent (the reminder ledger), silent if the task closed meanwhile. */
    async remindTaskDue(req: { orgId: string; activityId: string }): Promise<boolean> {
      return withTenant(orm, { orgId: req.orgId }, (em) =>
        remindDueTask(em, req.orgId, req.activityId, new Date()),
      );
    },
  };
}

export type FollowUpActivities = ReturnType<typeof createFollowUpActivities>;
