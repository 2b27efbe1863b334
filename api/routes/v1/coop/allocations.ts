import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CoopAllocationRun, type ICoopAllocationRun } from '../../../../db/entities/index.js';
import type { Em } from '../../../../db/orm.js';
import { problems } from '../../../problem.js';
import { errorResponses } from '../../../schemas/shared.js';
import { approveRun, cancelRun, signRun } from '../../../../services/coop/allocation-decisions.js';
import { requireRun, runAllocation, runView } from '../../../../services/coop/allocations.js';
import {
  actorOf,
  callerMember,
  COOP_READERS,
  isCoopAdmin,
  readableGroup,
} from '../../../../services/coop/access.js';
import { allocationNotices, deliverNotices } from '../../../services/coop/notices.js';
import { channelsFromEnv, configuredChannels } from '../../../../activities/channels/index.js';
import { requireProject } from '../../../../services/coop/projects.js';
import { approveBody, runBody } from './project-schemas.js';
import { listOf, reasonBody, tags } from './schemas.js';

const idParams = { $ref: 'IdParams#' };
const runResponse = (code: number, ...errors: number[]) => ({
  [code]: { $ref: 'CoopAllocationRun#' },
  ...errorResponses(401, 403, 404, ...errors),
});

/** A run as the caller may see it: everything for a responsible, the member's own line for a member. */
async function visibleRun(em: Em, request: FastifyRequest, run: ICoopAllocationRun) {
  if (isCoopAdmin(request)) return runView(em, run);
  const me = await callerMember(em, request, run.groupId);
  if (!me) throw problems.notFound('Allocation run');
  return runView(em, run, me.id);
}

/** FIFO lot allocation (F-10.6): PROPOSED run → approved with a PV (ASSIGNED) → SIGNED, or cancelled. */
export default async function coopAllocationRoutes(app: FastifyInstance) {
  const channels = channelsFromEnv(app.env);
  app.post<{ Params: { id: string }; Body: { cutoffAt?: string; usePreferences?: boolean } }>(
    '/coop/projects/:id/allocations',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary:
          'Run the allocation: ACTIVE members up to date at the cut-off, in FIFO order, against AVAILABLE lots → PROPOSED run with reasons for every member skipped',
        params: idParams,
        body: runBody,
        response: runResponse(201, 400),
      },
    },
    async (request, reply) => {
      const view = await request.tx(async (em) => {
        const project = await requireProject(em, request.params.id);
        return runView(em, await runAllocation(em, actorOf(request), project, request.body ?? {}));
      });
      return reply.code(201).send(view);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/coop/groups/:id/allocations',
    {
      config: { permission: [...COOP_READERS], list: { sort: ['createdAt', 'status', 'decidedAt'] } },
      schema: {
        tags,
        summary: "The group's allocation runs, newest first (a member sees their own line only)",
        params: idParams,
        response: { 200: listOf('CoopAllocationRun'), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        await readableGroup(em, request, request.params.id);
        const runs = await em.find(
          CoopAllocationRun,
          { groupId: request.params.id },
          { orderBy: { createdAt: 'desc', id: 'asc' }, limit: 200 },
        );
        const data = [];
        for (const run of runs) data.push(await visibleRun(em, request, run));
        return { data, total: data.length };
      }),
  );

  app.get<{ Params: { id: string } }>(
    '/coop/allocations/:id',
    {
      config: { permission: [...COOP_READERS] },
      schema: {
        tags,
        summary: 'One allocation run with its lines',
        params: idParams,
        response: runResponse(200),
      },
    },
    async (request) =>
      request.tx(async (em) => visibleRun(em, request, await requireRun(em, request.params.id))),
  );

  app.post<{ Params: { id: string }; Body: { pvDocumentId: string } }>(
    '/coop/allocations/:id/approve',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary:
          'Approve a PROPOSED run with its PV (422 without): lots ASSIGNED; 409 when a lot is already held',
        params: idParams,
        body: approveBody,
        response: runResponse(200, 400, 409, 422),
      },
    },
    async (request) => {
      const ctx = actorOf(request);
      const { view, notices } = await request.tx(async (em) => {
        const run = await requireRun(em, request.params.id);
        const approved = await approveRun(em, ctx, run, request.body.pvDocumentId);
        return {
          view: approved,
          notices: await allocationNotices(em, ctx, run, await configuredChannels(channels, em, ctx.orgId)),
        };
      });
      await deliverNotices(
        app.temporal,
        app.env.TEMPORAL_TASK_QUEUE,
        { orgId: ctx.orgId, orgSlug: request.principal!.orgSlug },
        notices,
        request.log,
      );
      return view;
    },
  );

  app.post<{ Params: { id: string } }>(
    '/coop/allocations/:id/sign',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: 'The assignment deeds are signed: every ASSIGNED line becomes SIGNED',
        params: idParams,
        response: runResponse(200, 409),
      },
    },
    async (request) =>
      request.tx(async (em) => signRun(em, actorOf(request), await requireRun(em, request.params.id))),
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/coop/allocations/:id/cancel',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: 'Cancel a run with a reason: its lines CANCELLED, the lots they held AVAILABLE again',
        params: idParams,
        body: reasonBody,
        response: runResponse(200, 400, 409),
      },
    },
    async (request) =>
      request.tx(async (em) =>
        cancelRun(em, actorOf(request), await requireRun(em, request.params.id), request.body.reason),
      ),
  );
}
