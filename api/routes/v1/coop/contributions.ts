import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contributionView } from '../../../../db/coop-contributions.js';
import { CoopContribution } from '../../../../db/entities/index.js';
import {
  CONTRIBUTION_STATUSES,
  PAYMENT_METHODS,
  type ContributionAction,
} from '../../../../definitions/coop/contribution.js';
import { requireTemporal } from '../../../lib/dossier-workflows.js';
import { assertReferences } from '../../../../services/tenant-references.js';
import { idempotencyKeyOf, updateIdFor } from '../../../lib/idempotency.js';
import { problems } from '../../../problem.js';
import { errorResponses } from '../../../schemas/shared.js';
import { COOP_READERS, readableMember, requireGroup } from '../../../../services/coop/access.js';
import { decideThroughCycle } from '../../../services/coop/cycles.js';
import { listOf, reasonBody, tags, uuid } from './schemas.js';

const idParams = { $ref: 'IdParams#' };
const one = { 200: { $ref: 'CoopContribution#' }, ...errorResponses(400, 401, 403, 404, 409, 422, 503) };
const idempotencyHeader = {
  type: 'object',
  properties: { 'idempotency-key': { type: 'string', maxLength: 200 } },
};

async function readableContribution(request: FastifyRequest, id: string) {
  return request.tx(async (em) => {
    const c = await em.findOne(CoopContribution, { id });
    if (!c) throw problems.notFound('Contribution');
    await readableMember(em, request, c.memberId);
    return c;
  });
}

/** Contribution lines (F-10.4): list, proof, and the responsible's decisions — each an Update of the member's cycle. */
export default async function coopContributionRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string }; Querystring: { status?: string[]; memberId?: string; planId?: string } }>(
    '/coop/groups/:id/contributions',
    {
      config: {
        permission: 'COOP_ADMIN',
        list: { sort: ['dueAt', 'seq', 'status', 'amountDue', 'outstanding'], maxPageSize: 1000 },
      },
      schema: {
        tags,
        summary:
          'Called contribution lines of the group (e.g. status=PROOF_SUBMITTED: the review queue), by due date',
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'array', items: { type: 'string', enum: [...CONTRIBUTION_STATUSES] } },
            memberId: uuid,
            planId: uuid,
          },
        },
        response: { 200: listOf('CoopContribution'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const g = await requireGroup(em, request.params.id);
        const q = request.query;
        const rows = await em.find(
          CoopContribution,
          {
            groupId: g.id,
            ...(q.status?.length ? { status: { $in: q.status } } : {}),
            ...(q.memberId ? { memberId: q.memberId } : {}),
            ...(q.planId ? { planId: q.planId } : {}),
          },
          { orderBy: { dueAt: 'asc', seq: 'asc' }, limit: 2000 },
        );
        return { data: rows.map(contributionView), total: rows.length };
      }),
  );

  app.get<{ Params: { id: string } }>(
    '/coop/contributions/:id',
    {
      config: { permission: [...COOP_READERS] },
      schema: {
        tags,
        summary: 'One contribution line (a member: only their own)',
        params: idParams,
        response: one,
      },
    },
    async (request) => contributionView(await readableContribution(request, request.params.id)),
  );

  const decide =
    (action: ContributionAction) =>
    async (request: FastifyRequest<{ Params: { id: string }; Body: Record<string, string | undefined> }>) => {
      const c = await readableContribution(request, request.params.id);
      const documentId = request.body.documentId;
      // The workflow would store any id it is given: a proof must be a document of this organisation.
      if (documentId)
        await request.tx((em) =>
          assertReferences(em, request.tenant().orgId, [
            { field: 'documentId', entity: 'document', id: documentId },
          ]),
        );
      const key = idempotencyKeyOf(request);
      const decisionId = key ? updateIdFor(`coop-${action}:${c.id}`, key) : randomUUID();
      return decideThroughCycle(requireTemporal(app.temporal), c.workflowId, action, {
        contributionId: c.id,
        decisionId,
        actorId: request.principal!.userId,
        correlationId: request.correlationId,
        documentId: request.body.documentId ?? null,
        reason: request.body.reason ?? null,
        method: request.body.method ?? null,
        paidAt: request.body.paidAt ?? null,
      });
    };

  app.post(
    '/coop/contributions/:id/proof',
    {
      config: { permission: [...COOP_READERS] },
      schema: {
        tags,
        summary:
          'Submit a proof of payment: a document uploaded first (POST /documents, ownerType COOP_CONTRIBUTION, kind PAYMENT_PROOF)',
        params: idParams,
        headers: idempotencyHeader,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['documentId'],
          properties: { documentId: uuid },
        },
        response: one,
      },
    },
    decide('submitProof'),
  );
  app.post(
    '/coop/contributions/:id/confirm',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary:
          'Confirm the payment: a PAYMENT_CONFIRMED ledger entry for what is owed on the line (amount + penalties − waived)',
        params: idParams,
        headers: idempotencyHeader,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            method: {
              type: 'string',
              enum: [...PAYMENT_METHODS],
            },
            paidAt: { type: 'string', format: 'date-time' },
          },
        },
        response: one,
      },
    },
    decide('confirm'),
  );
  for (const [action, summary] of [
    ['reject', 'Reject the submitted proof with a reason (the member submits another)'],
    ['waive', 'Waive what is owed on the line, with a reason (WAIVER ledger entry)'],
    [
      'reverse',
      'Reverse a confirmed payment that bounced, with a reason (REJECTION_REVERSAL ledger entry; the line reopens)',
    ],
  ] as const) {
    app.post(
      `/coop/contributions/:id/${action}`,
      {
        config: { permission: 'COOP_ADMIN' },
        schema: {
          tags,
          summary,
          params: idParams,
          headers: idempotencyHeader,
          body: reasonBody,
          response: one,
        },
      },
      decide(action),
    );
  }
}
