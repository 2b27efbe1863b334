import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireTemporal } from '../../../lib/dossier-workflows.js';
import {
  rescoreJobOf,
  rescoreJobStatus,
  rescoreWorkflowId,
  startRescore,
} from '../../../lib/rescore-jobs.js';
import { problems } from '../../../problem.js';
import { errorResponses } from '../../../schemas/shared.js';
import { loadRuleset } from '../../../../services/engine/scoring-store.js';
import { idParams } from '../workflow-definitions/schemas.js';
import { rescoreJobRef } from './schemas.js';

const tags = ['scoring-rules'];

/** The background rescoring job of a published version: follow it, or (re)start it. */
export default async function scoringRescoreRoutes(app: FastifyInstance) {
  const publishedVersion = async (request: FastifyRequest, id: string) =>
    request.tx(async (em) => {
      const ruleset = await loadRuleset(em, id);
      if (ruleset.status === 'DRAFT')
        throw problems.conflict(
          `Version ${ruleset.version} is a draft: only a published version is rescored.`,
        );
      return ruleset.version;
    });

  app.get<{ Params: { id: string } }>(
    '/scoring-rules/:id/rescore',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags,
        summary:
          "Progress of the version's rescoring job (RUNNING with a count, COMPLETED, FAILED, NOT_STARTED)",
        params: idParams,
        response: { 200: rescoreJobRef, ...errorResponses(401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const version = await publishedVersion(request, request.params.id);
      const org = { orgId: request.tenant().orgId, orgSlug: request.principal!.orgSlug };
      return rescoreJobOf(requireTemporal(app.temporal), org, version);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/scoring-rules/:id/rescore',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: 'Start the rescoring job of a published version if it never started (idempotent)',
        params: idParams,
        response: { 202: rescoreJobRef, ...errorResponses(401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const org = { orgId: request.tenant().orgId, orgSlug: request.principal!.orgSlug };
      const version = await publishedVersion(request, request.params.id);
      const temporal = requireTemporal(app.temporal);
      // A job that ran or runs under its legacy id is the version's one job (a failed one may run again).
      const existing = await rescoreJobOf(temporal, org, version);
      if (existing.status === 'RUNNING' || existing.status === 'COMPLETED')
        return reply.code(202).send(existing);
      const workflowId = rescoreWorkflowId(org.orgSlug, version);
      await startRescore(temporal, app.env.TEMPORAL_TASK_QUEUE, workflowId, { ...org, reason: 'MANUAL' });
      return reply.code(202).send(await rescoreJobStatus(temporal, workflowId));
    },
  );
}
