import type { FastifyInstance } from 'fastify';
import { evaluateTransitions, findState } from '../../../../definitions/guards.js';
import { errorResponses } from '../../../schemas/shared.js';
import { bodyOf, loadDefinition } from '../../../../services/engine/definition-store.js';
import {
  BLOCKED_EVALUATION_CAP,
  costlyGuardPaths,
  simulationFacts,
  simulationImpact,
  type SimulationRequest,
} from '../../../../services/engine/definition-simulation.js';
import { ruleBudgetProblem } from '../../../../services/engine/rule-budget.js';
import { emptyBodyAsObject, idParams } from './schemas.js';

const tags = ['workflow-definitions'];

const transitionOption = {
  type: 'object',
  description: '`reason` and `reasonCode` only when the move is blocked',
  required: ['to', 'label', 'allowed', 'reasonType'],
  properties: {
    to: { type: 'string' },
    label: { type: 'string' },
    allowed: { type: 'boolean' },
    reason: { type: 'string' },
    reasonCode: { type: 'string' },
    reasonType: { type: 'string' },
  },
} as const;

const impactSchema = {
  type: 'object',
  required: ['openDossiers', 'byStatus', 'stranded', 'blocked', 'blockedEvaluated', 'blockedComplete'],
  properties: {
    openDossiers: { type: 'integer' },
    byStatus: {
      type: 'array',
      items: {
        type: 'object',
        required: ['statusCode', 'count', 'inDraft'],
        properties: {
          statusCode: { type: 'string' },
          count: { type: 'integer' },
          inDraft: { type: 'boolean' },
        },
      },
    },
    stranded: { type: 'integer', description: 'Open dossiers whose status this definition does not have' },
    blocked: {
      type: 'integer',
      description: 'Open dossiers with no move allowed for the simulating user, judged on their facts',
    },
    blockedEvaluated: { type: 'integer' },
    blockedComplete: { type: 'boolean' },
    note: { type: 'string' },
  },
} as const;

/** F-2.5: try a definition (typically a draft) before publishing it. */
export default async function definitionSimulationRoutes(app: FastifyInstance) {
  app.post<{ Params: { id: string }; Body: SimulationRequest }>(
    '/workflow-definitions/:id/simulate',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      preValidation: emptyBodyAsObject,
      schema: {
        tags,
        summary: "Evaluate the definition's transitions on a real dossier or hand-written facts",
        description: `With dossierId: that dossier's real facts, from its status (or \`state\`). With \`facts\`: guard facts as documented (sections left out get neutral values), from \`state\` or facts.dossier.statusCode or the initial state. \`user\` defaults to you. The impact covers the case type's open dossiers; \`blocked\` loads the facts of at most ${BLOCKED_EVALUATION_CAP} of them. A guard that spends its evaluation budget (on these facts or an open dossier's) answers 422 \`rule-budget-exceeded\` with the guard's JSON pointer (code RULE_BUDGET_EXCEEDED).`,
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            dossierId: { type: 'string', format: 'uuid' },
            facts: { type: 'object', additionalProperties: true },
            state: { type: 'string', maxLength: 64 },
            user: {
              type: 'object',
              additionalProperties: false,
              required: ['roles', 'permissions'],
              properties: {
                roles: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 64 } },
                permissions: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 64 } },
              },
            },
            lang: { type: 'string', enum: ['fr', 'en'] },
          },
        },
        response: {
          200: {
            type: 'object',
            required: [
              'definition',
              'source',
              'dossierId',
              'state',
              'stateInDefinition',
              'transitions',
              'impact',
            ],
            properties: {
              definition: {
                type: 'object',
                required: ['id', 'version', 'status'],
                properties: {
                  id: { type: 'string' },
                  version: { type: 'integer' },
                  status: { type: 'string' },
                },
              },
              source: { type: 'string', enum: ['dossier', 'facts'] },
              dossierId: { type: ['string', 'null'] },
              state: { type: 'string' },
              stateInDefinition: { type: 'boolean' },
              transitions: { type: 'array', items: transitionOption },
              impact: impactSchema,
            },
          },
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request) => {
      const p = request.principal!;
      const body = request.body;
      const user = {
        id: p.userId,
        roles: body.user?.roles ?? p.roles,
        permissions: body.user?.permissions ?? [...p.permissions],
      };
      const now = new Date();
      return request.tx(async (em) => {
        const row = await loadDefinition(em, request.params.id);
        const def = bodyOf(row);
        const input = await simulationFacts(em, def, body, user, now);
        // The same function the dossier workflow and the allowed-transitions endpoint decide with.
        const transitions = evaluateTransitions(def, input.state, input.facts, user, body.lang ?? 'fr');
        const costly = costlyGuardPaths(def, input.state, transitions);
        if (costly.length) throw ruleBudgetProblem(costly);
        return {
          definition: { id: row.id, version: row.version, status: row.status },
          source: input.source,
          dossierId: input.dossierId,
          state: input.state,
          stateInDefinition: !!findState(def, input.state),
          transitions,
          impact: await simulationImpact(em, def, row.caseType, user, now),
        };
      });
    },
  );
}
