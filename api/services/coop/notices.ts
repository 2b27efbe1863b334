import type { Client } from '@temporalio/client';
import { queueAllocationNotice, queueMilestoneNotices, type NoticeResult } from '../../../db/coop-notices.js';
import { CoopAllocation, CoopLot, CoopMember, CoopProject } from '../../../db/entities/index.js';
import type { ICoopAllocationRun, ICoopProject, Milestone } from '../../../db/entities/index.js';
import type { Em, TenantContext } from '../../../db/orm.js';
import { startDelivery } from '../message-send.js';

const queuedIds = (results: NoticeResult[]) =>
  results.flatMap((r) => (r.status === 'QUEUED' ? [r.messageId] : []));

/** F-10.7: each member an approved run gives a lot is told which one (consent applies). */
export async function allocationNotices(
  em: Em,
  ctx: TenantContext,
  run: ICoopAllocationRun,
  available: ReadonlySet<string>,
): Promise<string[]> {
  const lines = await em.find(
    CoopAllocation,
    { runId: run.id, status: 'ASSIGNED' },
    { orderBy: { fifoRank: 'asc' } },
  );
  if (!lines.length) return [];
  const project = await em.findOneOrFail(CoopProject, { id: run.projectId });
  const lots = new Map((await em.find(CoopLot, { projectId: project.id })).map((l) => [l.id, l.code]));
  const members = new Map(
    (await em.find(CoopMember, { id: { $in: lines.map((l) => l.memberId) } })).map((m) => [m.id, m]),
  );
  const results: NoticeResult[] = [];
  for (const line of lines) {
    const member = members.get(line.memberId);
    if (!member) continue;
    results.push(
      await queueAllocationNotice(
        em,
        ctx,
        {
          runId: run.id,
          member,
          lotId: line.lotId,
          lotCode: lots.get(line.lotId) ?? '?',
          projectName: project.name,
        },
        available,
      ),
    );
  }
  return queuedIds(results);
}

/** F-10.7: the group's members are told of each milestone newly reached. */
export async function milestoneNotices(
  em: Em,
  ctx: TenantContext,
  project: ICoopProject,
  reached: Milestone[],
  available: ReadonlySet<string>,
): Promise<string[]> {
  const results: NoticeResult[] = [];
  for (const milestone of reached)
    results.push(
      ...(await queueMilestoneNotices(
        em,
        ctx,
        { groupId: project.groupId, projectId: project.id, projectName: project.name, milestone },
        available,
      )),
    );
  return queuedIds(results);
}

/** After the commit: start each queued notice's delivery (the outbox sweep covers a failure here). */
export async function deliverNotices(
  temporal: Client | undefined,
  taskQueue: string,
  org: { orgId: string; orgSlug: string },
  messageIds: string[],
  log: { warn: (o: object, m: string) => void },
): Promise<void> {
  for (const id of messageIds) await startDelivery(temporal, taskQueue, { id, ...org }, log);
}
