import type { FastifyInstance } from 'fastify';
import { definitionView } from '../../../../db/definitions.js';
import { WorkflowDefinition } from '../../../../db/entities/index.js';
import { problems } from '../../../problem.js';
import { errorResponses } from '../../../schemas/shared.js';
import { publishDocument } from '../../../../services/engine/versioned-documents.js';
import {
  auditDefinition,
  definitionKind,
  latestPublishedVersions,
  listItem,
  loadDefinition,
  lockCaseType,
  openDossierCount,
  validateForTenant,
  validationErrors,
} from '../../../../services/engine/definition-store.js';
import { definitionRef, idParams, invalidDefinitionProblem, validationResult } from './schemas.js';

const tags = ['workflow-definitions'];

/** draft → validate → publish (immutable) → retire (F-2.2); publishing applies to the next dossier (F-2.4). */
export default async function definitionLifecycleRoutes(app: FastifyInstance) {
  app.post<{ Params: { id: string } }>(
    '/workflow-definitions/:id/validate',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: "Static validation against the organisation's active CASE_STATUS codes",
        params: idParams,
        response: { 200: validationResult, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const validation = await validateForTenant(em, await loadDefinition(em, request.params.id));
        return { valid: validation.valid, errors: validationErrors(validation) };
      }),
  );

  app.post<{ Params: { id: string } }>(
    '/workflow-definitions/:id/publish',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: 'Publish a valid draft: new dossiers of its case type start on it at once',
        description:
          'Refused with 422 (and the same errors as /validate) when the definition is invalid, and with 409 when a higher version is already published. Dossiers already running stay on their version until migrated.',
        params: idParams,
        response: {
          200: definitionRef,
          422: invalidDefinitionProblem,
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      return request.tx(async (em) => {
        const def = await publishDocument(
          em,
          ctx,
          definitionKind,
          await loadDefinition(em, request.params.id),
        );
        return listItem(def, await latestPublishedVersions(em));
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/workflow-definitions/:id/retire',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: 'Retire a published version: no new dossier starts on it',
        description:
          'New dossiers then start on the highest remaining published version. Refused (409) for the only published version of a case type while open dossiers run on it.',
        params: idParams,
        response: { 200: definitionRef, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      return request.tx(async (em) => {
        const probe = await loadDefinition(em, request.params.id);
        await lockCaseType(em, ctx.orgId, probe.caseType);
        const def = await em.refreshOrFail(probe);
        if (def.status !== 'PUBLISHED') {
          throw problems.conflict(
            `Only published versions can be retired; version ${def.version} of ${def.caseType} is ${def.status.toLowerCase()}.`,
          );
        }
        // Retiring a version that is not the only published one leaves its dossiers running, pinned to it.
        const publishedCount = await em.count(WorkflowDefinition, {
          caseType: def.caseType,
          status: 'PUBLISHED',
        });
        const open = await openDossierCount(em, { definitionId: def.id });
        const onlyOne = publishedCount === 1;
        if (onlyOne && open > 0) {
          throw problems.conflict(
            `Version ${def.version} is the only published version of ${def.caseType} and ${open} open dossier(s) still run on it. Publish a newer version and migrate them (POST /workflow-definitions/:id/migrations) before retiring this one.`,
            { openDossiers: open },
          );
        }
        const before = definitionView(def);
        def.status = 'RETIRED';
        def.retiredAt = new Date();
        await em.flush();
        await auditDefinition(em, ctx, 'RETIRE', def, before, { openDossiers: open });
        return listItem(def, await latestPublishedVersions(em));
      });
    },
  );
}
