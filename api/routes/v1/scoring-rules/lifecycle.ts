import type { FastifyInstance } from 'fastify';
import { Dossier } from '../../../../db/entities/index.js';
import { loadGuardFacts } from '../../../../db/facts.js';
import { rulesetView } from '../../../../db/scoring.js';
import { scoreOf } from '../../../../definitions/scoring.js';
import { DEFAULT_HOT_THRESHOLD } from '../../../../definitions/scoring-rules.schema.js';
import { validateScoring } from '../../../../definitions/validate-scoring.js';
import { rescoreJobStatus, rescoreWorkflowId, startRescore } from '../../../lib/rescore-jobs.js';
import { problems } from '../../../problem.js';
import { errorResponses } from '../../../schemas/shared.js';
import { ruleBudgetProblem } from '../../../../services/engine/rule-budget.js';
import { publishDocument } from '../../../../services/engine/versioned-documents.js';
import {
  rulesetKind,
  bodyOfRuleset,
  loadRuleset,
  problemList,
} from '../../../../services/engine/scoring-store.js';
import {
  emptyBodyAsObject,
  idParams,
  invalidDefinitionProblem,
  validationResult,
} from '../workflow-definitions/schemas.js';
import { rulesetRef, simulateBody, simulateResult } from './schemas.js';

const tags = ['scoring-rules'];

/** draft → validate → publish (immutable; rescoring every open dossier) and simulate. */
export default async function scoringLifecycleRoutes(app: FastifyInstance) {
  app.post<{ Params: { id: string } }>(
    '/scoring-rules/:id/validate',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: 'Validate the rules: shape, allowed operators, documented facts, unique codes',
        params: idParams,
        response: { 200: validationResult, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const validation = validateScoring((await loadRuleset(em, request.params.id)).body);
        return { valid: validation.valid, errors: problemList(validation.errors) };
      }),
  );

  app.post<{ Params: { id: string } }>(
    '/scoring-rules/:id/publish',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary:
          'Publish a valid draft: it replaces the rules in force, and a background job rescores every open dossier',
        description:
          'Refused with 422 (and the same errors as /validate) when the rules are invalid, and with 409 when the version is not a draft or a higher version is already published. The previously published version is retired. Rescoring runs as a Temporal workflow in short batches (`rescore` in the answer; follow it with GET /scoring-rules/{id}/rescore); when the workflow engine is unreachable the publish still stands and `rescore.status` is NOT_STARTED: POST /scoring-rules/{id}/rescore starts it, and the nightly job catches up anyway.',
        params: idParams,
        response: { 200: rulesetRef, 422: invalidDefinitionProblem, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      const view = await request.tx(async (em) => {
        const ruleset = await publishDocument(em, ctx, rulesetKind, await loadRuleset(em, request.params.id));
        return { ...rulesetView(ruleset), isLatestPublished: true };
      });
      // After the commit: the job must see the published rules. Its id is per version, so a retried
      // publish or a manual restart never runs two jobs.
      const workflowId = rescoreWorkflowId(request.principal!.orgSlug, view.version);
      if (!app.temporal) return { ...view, rescore: { workflowId, status: 'NOT_STARTED' } };
      try {
        await startRescore(app.temporal, app.env.TEMPORAL_TASK_QUEUE, workflowId, {
          orgId: ctx.orgId,
          orgSlug: request.principal!.orgSlug,
          reason: 'PUBLISH',
        });
      } catch (err) {
        request.log.warn({ err, workflowId }, 'rescore job not started');
        return { ...view, rescore: { workflowId, status: 'NOT_STARTED' } };
      }
      return { ...view, rescore: await rescoreJobStatus(app.temporal, workflowId) };
    },
  );

  app.post<{ Params: { id: string }; Body: { dossierId?: string; facts?: Record<string, unknown> } }>(
    '/scoring-rules/:id/simulate',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      preValidation: emptyBodyAsObject,
      schema: {
        tags,
        summary: "Score a dossier's real facts, or hand-written facts, with this version (nothing is stored)",
        description:
          'A rule that spends its evaluation budget answers 422 `rule-budget-exceeded` with the JSON pointer of its condition (code RULE_BUDGET_EXCEEDED); when scoring stored dossiers, such a rule simply does not match.',
        params: idParams,
        body: simulateBody,
        response: { 200: simulateResult, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { dossierId, facts } = request.body;
      if (dossierId && facts) {
        throw problems.validation([
          {
            field: '/facts',
            message: 'give either dossierId (its real facts) or hand-written facts, not both',
          },
        ]);
      }
      return request.tx(async (em) => {
        const ruleset = bodyOfRuleset(await loadRuleset(em, request.params.id));
        let input: unknown = facts ?? {};
        if (dossierId) {
          if (!(await em.count(Dossier, { id: dossierId }))) throw problems.notFound('Dossier');
          const user = { id: 'system', roles: [], permissions: [] };
          input = await loadGuardFacts(em, dossierId, user, new Date());
        }
        const result = scoreOf(ruleset, input);
        const costly = (result.refused ?? []).filter((r) => r.reason === 'RULE_BUDGET_EXCEEDED');
        if (costly.length) throw ruleBudgetProblem(costly.map((r) => `/rules/${r.index}/when`));
        return { ...result, hot: result.score >= (ruleset.hotThreshold ?? DEFAULT_HOT_THRESHOLD) };
      });
    },
  );
}
