import type { FastifyInstance } from 'fastify';
import { CoopLot, CoopProject } from '../../../../db/entities/index.js';
import { problems } from '../../../problem.js';
import { errorResponses } from '../../../schemas/shared.js';
import { actorOf, COOP_READERS, readableGroup, requireGroup } from '../../../../services/coop/access.js';
import {
  createLot,
  createProject,
  lotView,
  projectView,
  requireProject,
  updateLot,
  updateProject,
  type LotInput,
  type ProjectInput,
} from '../../../../services/coop/projects.js';
import { deliverNotices, milestoneNotices } from '../../../services/coop/notices.js';
import { channelsFromEnv, configuredChannels } from '../../../../activities/channels/index.js';
import { lotBody, projectBody } from './project-schemas.js';
import { listOf, tags, versionProp } from './schemas.js';

const idParams = { $ref: 'IdParams#' };
const patchOf = (body: typeof projectBody | typeof lotBody, extra: object = {}) => ({
  ...body,
  required: ['version'],
  minProperties: 2,
  properties: { ...body.properties, ...extra, version: versionProp },
});

/** Projects with milestones and their lots (F-10.6). Members read their group's; responsibles edit. */
export default async function coopProjectRoutes(app: FastifyInstance) {
  const channels = channelsFromEnv(app.env);
  app.get<{ Params: { id: string } }>(
    '/coop/groups/:id/projects',
    {
      config: { permission: [...COOP_READERS], list: { sort: ['name', 'statusCode', 'createdAt'] } },
      schema: {
        tags,
        summary: 'Projects of the group',
        params: idParams,
        response: { 200: listOf('CoopProject'), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        await readableGroup(em, request, request.params.id);
        const rows = await em.find(
          CoopProject,
          { groupId: request.params.id },
          { orderBy: { createdAt: 'asc', id: 'asc' } },
        );
        return { data: rows.map(projectView), total: rows.length };
      }),
  );

  app.post<{ Params: { id: string }; Body: ProjectInput }>(
    '/coop/groups/:id/projects',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: 'Create a project with milestones',
        params: idParams,
        body: projectBody,
        response: { 201: { $ref: 'CoopProject#' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const view = await request.tx(async (em) =>
        projectView(
          await createProject(em, actorOf(request), await requireGroup(em, request.params.id), request.body),
        ),
      );
      return reply.code(201).send(view);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/coop/projects/:id',
    {
      config: { permission: [...COOP_READERS] },
      schema: {
        tags,
        summary: 'One project',
        params: idParams,
        response: { 200: { $ref: 'CoopProject#' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const p = await requireProject(em, request.params.id);
        await readableGroup(em, request, p.groupId).catch(() => {
          throw problems.notFound('Project');
        });
        return projectView(p);
      }),
  );

  app.patch<{ Params: { id: string }; Body: Partial<ProjectInput> & { version: number } }>(
    '/coop/projects/:id',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary:
          'Edit a project (milestones replace the whole list; a newly reached one goes on the timeline)',
        params: idParams,
        body: patchOf(projectBody),
        response: { 200: { $ref: 'CoopProject#' }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const ctx = actorOf(request);
      const { view, notices } = await request.tx(async (em) => {
        const { project, reached } = await updateProject(
          em,
          ctx,
          await requireProject(em, request.params.id),
          request.body,
        );
        return {
          view: projectView(project),
          notices: await milestoneNotices(
            em,
            ctx,
            project,
            reached,
            await configuredChannels(channels, em, ctx.orgId),
          ),
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

  app.get<{ Params: { id: string } }>(
    '/coop/projects/:id/lots',
    {
      config: {
        permission: [...COOP_READERS],
        list: { sort: ['code', 'type', 'status', 'surfaceM2', 'referencePriceCents'], maxPageSize: 1000 },
      },
      schema: {
        tags,
        summary: 'Lots of the project, in code order',
        params: idParams,
        response: { 200: listOf('CoopLot'), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const p = await requireProject(em, request.params.id);
        await readableGroup(em, request, p.groupId).catch(() => {
          throw problems.notFound('Project');
        });
        const rows = await em.find(CoopLot, { projectId: p.id }, { orderBy: { code: 'asc', id: 'asc' } });
        return { data: rows.map(lotView), total: rows.length };
      }),
  );

  app.post<{ Params: { id: string }; Body: LotInput }>(
    '/coop/projects/:id/lots',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: 'Add a lot (AVAILABLE); its code is unique in the project',
        params: idParams,
        body: lotBody,
        response: { 201: { $ref: 'CoopLot#' }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const view = await request.tx(async (em) =>
        lotView(
          await createLot(em, actorOf(request), await requireProject(em, request.params.id), request.body),
        ),
      );
      return reply.code(201).send(view);
    },
  );

  app.patch<{ Params: { id: string }; Body: Partial<LotInput> & { version: number; status?: string } }>(
    '/coop/lots/:id',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: 'Edit a lot; status by hand only ASSIGNED → DELIVERED (the rest follows allocations)',
        params: idParams,
        body: patchOf(lotBody, { status: { type: 'string', enum: ['DELIVERED'] } }),
        response: { 200: { $ref: 'CoopLot#' }, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const l = await em.findOne(CoopLot, { id: request.params.id });
        if (!l) throw problems.notFound('Lot');
        return lotView(await updateLot(em, actorOf(request), l, request.body));
      }),
  );
}
