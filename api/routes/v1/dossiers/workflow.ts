import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { Dossier } from '../../../../db/entities/index.js';
import { problems } from '../../../problem.js';
import { closed, errorResponses } from '../../../schemas/shared.js';

/** A workflow's page in the Temporal UI (the latest run's when `runId` is known). */
export function temporalUiUrl(base: string, namespace: string, workflowId: string, runId?: string | null) {
  const root = `${base.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${root}/${encodeURIComponent(runId)}/history` : root;
}

/**
 * For ops: where a dossier's workflow is in the Temporal UI. The UI has no access control of its own,
 * so the link is only handed to holders of OPS_WORKFLOWS_VIEW.
 */
export default async function dossierWorkflowRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string } }>(
    '/dossiers/:id/workflow',
    {
      config: { permission: 'OPS_WORKFLOWS_VIEW' },
      schema: {
        tags: ['dossiers'],
        summary: "The dossier's workflow and its page in the Temporal UI (ops only)",
        params: { $ref: 'IdParams#' },
        response: {
          200: closed({
            type: 'object',
            properties: {
              workflowId: { type: 'string' },
              runId: {
                type: ['string', 'null'],
                description: 'the latest run; null when Temporal does not answer or has no run',
              },
              url: { type: 'string', description: 'the Temporal UI page of the workflow' },
            },
          }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const dossier = await request.tx((em) => em.findOne(Dossier, { id: request.params.id }));
      if (!dossier) throw problems.notFound('Dossier');
      const runId = await latestRunId(app, dossier.workflowId);
      const url = temporalUiUrl(
        app.env.TEMPORAL_UI_URL,
        app.env.TEMPORAL_NAMESPACE,
        dossier.workflowId,
        runId,
      );
      return { workflowId: dossier.workflowId, runId, url };
    },
  );
}

/** The link still works without the run (the UI opens the latest), so Temporal being down is no error. */
async function latestRunId(app: FastifyInstance, workflowId: string): Promise<string | null> {
  const temporal = app.temporal;
  if (!temporal) return null;
  try {
    const handle = temporal.workflow.getHandle(workflowId);
    return (await temporal.withDeadline(Date.now() + 2000, () => handle.describe())).runId;
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError))
      app.log.warn({ err }, 'Temporal did not describe a dossier workflow');
    return null;
  }
}
