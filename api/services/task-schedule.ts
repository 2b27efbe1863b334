import { Activity, ActivityCompletion } from '../../db/entities/index.js';
import type { Em } from '../../db/orm.js';
import { TaskErrorCode } from '../../services/crm/error-codes.js';
import { DomainError } from '../../services/domain-error.js';
import type { ActivityView } from './activity-queries.js';
import { createActivity, type Actor } from './activity-records.js';

export interface TaskMove {
  dueAt?: string;
  /** Reassign: the user reminded when it is due. */
  assigneeId?: string;
}

const refuse = (kind: 'not-found' | 'conflict' | 'invalid', code: TaskErrorCode, detail: string) =>
  new DomainError('crm', kind, code, detail);

/**
 * Moves (reschedules and/or reassigns) an open task. Activities are immutable, so a move is a
 * correction: a new task with the new date and assignee, pointing at the one it replaces, which is
 * no longer open — its reminder finds it closed and stays silent; the new one gets its own.
 */
export async function moveTask(em: Em, actor: Actor, id: string, move: TaskMove): Promise<ActivityView> {
  // Two moves (or a move and a completion) of one task at once: the second waits, then finds it closed.
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`task:${id}`]);
  const task = await em.findOne(Activity, { id });
  if (!task) throw refuse('not-found', TaskErrorCode.TASK_NOT_FOUND, 'No such task in this organisation.');
  if (!task.dueAt) throw refuse('invalid', TaskErrorCode.NOT_A_TASK, 'This activity has no due date.');
  const closed =
    (await em.count(ActivityCompletion, { activityId: id })) > 0 ||
    (await em.count(Activity, { correctsId: id })) > 0;
  if (closed) throw refuse('conflict', TaskErrorCode.TASK_CLOSED, 'This task is completed or was replaced.');
  const dueAt = move.dueAt ? new Date(move.dueAt) : task.dueAt;
  const assigneeId = move.assigneeId ?? task.assigneeId ?? null;
  if (dueAt.getTime() === task.dueAt.getTime() && assigneeId === (task.assigneeId ?? null))
    throw refuse(
      'invalid',
      TaskErrorCode.NOTHING_TO_CHANGE,
      'Neither the due date nor the assignee changes.',
    );
  return createActivity(em, actor, {
    type: task.type,
    direction: task.direction as 'IN' | 'OUT' | 'INTERNAL',
    subject: task.subject ?? null,
    content: task.content ?? null,
    dossierId: task.dossierId ?? null,
    contactId: task.contactId ?? null,
    dueAt: dueAt.toISOString(),
    assigneeId,
    correctsId: id,
  });
}
