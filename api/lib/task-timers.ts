import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import { taskReminder, taskReminderWorkflowId } from '../../workflows/task-reminder.js';

export interface TimedTask {
  id: string;
  dueAt: string | null;
  open?: boolean;
}

/**
 * Starts the due-time reminder of each open task, after the transaction that created it committed
 * (a rolled-back task must not ring). A task already due gets none: the daily overdue job tells
 * its assignee. Failing to reach Temporal does not undo the task — it is logged, and the daily job
 * still reminds it once overdue.
 */
export async function startTaskTimers(
  temporal: Client | undefined,
  taskQueue: string,
  orgId: string,
  tasks: TimedTask[],
  log: FastifyBaseLogger,
): Promise<void> {
  const now = Date.now();
  const due = tasks.filter((t) => t.dueAt && t.open !== false && Date.parse(t.dueAt) > now);
  if (!due.length) return;
  if (!temporal) {
    log.warn({ tasks: due.map((t) => t.id) }, 'task reminders not planned: Temporal is not connected');
    return;
  }
  for (const task of due) {
    try {
      await temporal.workflow.start(taskReminder, {
        taskQueue,
        workflowId: taskReminderWorkflowId(task.id),
        args: [{ orgId, activityId: task.id, dueAt: task.dueAt! }],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) continue;
      log.warn({ err, taskId: task.id }, 'task reminder not planned; the daily overdue job remains');
    }
  }
}
