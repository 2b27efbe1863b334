import type { FastifyInstance } from 'fastify';
import { CoopPlan } from '../../../../db/entities/index.js';
import { requireTemporal } from '../../../lib/dossier-workflows.js';
import { problems } from '../../../problem.js';
import { errorResponses } from '../../../schemas/shared.js';
import {
  actorOf,
  COOP_READERS,
  readableGroup,
  readableMember,
  requireGroup,
} from '../../../../services/coop/access.js';
import { cycleState, signalPlanChanged, startCycle } from '../../../services/coop/cycles.js';
import {
  addPlanVersion,
  createPlan,
  cycleMembers,
  memberSchedule,
  planView,
  type PlanVersionBody,
} from '../../../../services/coop/plans.js';
import { dateTime, formulaProperties, listOf, scheduleSchema, tags, uuid } from './schemas.js';

const idParams = { $ref: 'IdParams#' };
const versionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['effectiveFrom', 'schedule'],
  properties: {
    effectiveFrom: { ...dateTime, description: 'governs due dates from this instant on' },
    schedule: scheduleSchema,
    formula: {
      type: 'object',
      additionalProperties: false,
      properties: formulaProperties,
      description: 'defaults: the group rules',
    },
    reason: { type: ['string', 'null'], maxLength: 2000 },
  },
} as const;

/** Contribution plans (F-10.3): versioned schedule and formula; each member's schedule. */
export default async function coopPlanRoutes(app: FastifyInstance) {
  const startAll = async (
    tenant: { orgId: string; orgSlug: string },
    groupId: string,
    planId: string,
    memberIds: string[],
  ) => {
    const temporal = requireTemporal(app.temporal);
    const { orgId, orgSlug } = tenant;
    for (const memberId of memberIds)
      await startCycle(temporal, app.env.TEMPORAL_TASK_QUEUE, {
        orgId,
        orgSlug,
        groupId,
        planId,
        memberId,
      });
  };

  app.get<{ Params: { id: string } }>(
    '/coop/groups/:id/plans',
    {
      config: { permission: [...COOP_READERS], list: { sort: ['name', 'status', 'createdAt'] } },
      schema: {
        tags,
        summary: 'Plans of the group with their versions',
        params: idParams,
        response: { 200: listOf('CoopPlan'), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        await readableGroup(em, request, request.params.id);
        const plans = await em.find(
          CoopPlan,
          { groupId: request.params.id },
          { orderBy: { createdAt: 'asc' } },
        );
        const data = [];
        for (const p of plans) data.push(await planView(em, p));
        return { data, total: data.length };
      }),
  );

  app.post<{ Params: { id: string }; Body: PlanVersionBody & { name: string } }>(
    '/coop/groups/:id/plans',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: 'Create a plan (version 1) and start the contribution cycle of every ACTIVE member',
        params: idParams,
        body: {
          ...versionBody,
          required: ['name', 'effectiveFrom', 'schedule'],
          properties: { ...versionBody.properties, name: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: { 201: { $ref: 'CoopPlan#' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      requireTemporal(app.temporal);
      const { view, members } = await request.tx(async (em) => {
        const g = await requireGroup(em, request.params.id);
        const plan = await createPlan(em, actorOf(request), g, request.body);
        const active = (await cycleMembers(em, g.id)).filter((m) => m.status === 'ACTIVE');
        return { view: await planView(em, plan), members: active.map((m) => m.id) };
      });
      await startAll(
        { orgId: request.tenant().orgId, orgSlug: request.principal!.orgSlug },
        view.groupId,
        view.id,
        members,
      );
      return reply.code(201).send(view);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/coop/plans/:id',
    {
      config: { permission: [...COOP_READERS] },
      schema: {
        tags,
        summary: 'One plan',
        params: idParams,
        response: { 200: { $ref: 'CoopPlan#' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const plan = await em.findOne(CoopPlan, { id: request.params.id });
        if (!plan) throw problems.notFound('Plan');
        await readableGroup(em, request, plan.groupId);
        return planView(em, plan);
      }),
  );

  app.post<{ Params: { id: string }; Body: PlanVersionBody }>(
    '/coop/plans/:id/versions',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary:
          'Publish a new version from its effective date (after every line already called): running cycles pick it up',
        params: idParams,
        body: versionBody,
        response: { 201: { $ref: 'CoopPlan#' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const temporal = requireTemporal(app.temporal);
      const { view, members, version } = await request.tx(async (em) => {
        const plan = await em.findOne(CoopPlan, { id: request.params.id });
        if (!plan) throw problems.notFound('Plan');
        const v = await addPlanVersion(
          em,
          actorOf(request),
          await requireGroup(em, plan.groupId),
          plan,
          request.body,
        );
        return {
          view: await planView(em, plan),
          members: (await cycleMembers(em, plan.groupId)).map((m) => m.id),
          version: v.version,
        };
      });
      await signalPlanChanged(
        temporal,
        { orgSlug: request.principal!.orgSlug, groupId: view.groupId, planId: view.id },
        members,
        version,
      );
      return reply.code(201).send(view);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/coop/plans/:id/cycles',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary:
          'Start any missing cycle of an ACTIVE member (idempotent: a running cycle is never started twice)',
        params: idParams,
        response: {
          200: { type: 'object', required: ['members'], properties: { members: { type: 'integer' } } },
          ...errorResponses(401, 403, 404, 503),
        },
      },
    },
    async (request) => {
      const { groupId, members } = await request.tx(async (em) => {
        const plan = await em.findOne(CoopPlan, { id: request.params.id });
        if (!plan) throw problems.notFound('Plan');
        return {
          groupId: plan.groupId,
          members: (await cycleMembers(em, plan.groupId))
            .filter((m) => m.status === 'ACTIVE')
            .map((m) => m.id),
        };
      });
      await startAll(
        { orgId: request.tenant().orgId, orgSlug: request.principal!.orgSlug },
        groupId,
        request.params.id,
        members,
      );
      return { members: members.length };
    },
  );

  app.get<{ Params: { id: string; memberId: string } }>(
    '/coop/plans/:id/members/:memberId/schedule',
    {
      config: {
        permission: [...COOP_READERS],
        list: { sort: ['seq', 'dueAt', 'status'], maxPageSize: 1000 },
      },
      schema: {
        tags,
        summary:
          "A member's schedule (échéancier): every due line with amount, status and proof; future lines SCHEDULED",
        params: { type: 'object', required: ['id', 'memberId'], properties: { id: uuid, memberId: uuid } },
        response: { 200: listOf('CoopScheduleLine'), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const m = await readableMember(em, request, request.params.memberId);
        const plan = await em.findOne(CoopPlan, { id: request.params.id, groupId: m.groupId });
        if (!plan) throw problems.notFound('Plan');
        const data = await memberSchedule(em, plan.id, m.id);
        return { data, total: data.length };
      }),
  );

  app.get<{ Params: { id: string; memberId: string } }>(
    '/coop/plans/:id/members/:memberId/cycle',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: "The member's running cycle as the workflow sees it (Temporal query; null when none)",
        params: { type: 'object', required: ['id', 'memberId'], properties: { id: uuid, memberId: uuid } },
        response: {
          200: {
            type: ['object', 'null'],
            description: "The cycle workflow's state (null when it runs no more)",
            required: ['memberStatus', 'done', 'lines'],
            properties: {
              memberStatus: { type: 'string' },
              callFrom: { type: 'number' },
              done: { type: 'boolean' },
              lines: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['seq', 'dueAt', 'status'],
                  properties: {
                    seq: { type: 'integer' },
                    dueAt: { type: 'string' },
                    contributionId: { type: ['string', 'null'] },
                    status: { type: 'string' },
                  },
                },
              },
            },
          },
          ...errorResponses(401, 403, 404, 503),
        },
      },
    },
    async (request) => {
      const member = await request.tx((em) => readableMember(em, request, request.params.memberId));
      return cycleState(requireTemporal(app.temporal), {
        orgSlug: request.principal!.orgSlug,
        groupId: member.groupId,
        planId: request.params.id,
        memberId: member.id,
      });
    },
  );
}
