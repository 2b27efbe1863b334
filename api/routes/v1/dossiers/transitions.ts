import type { FastifyInstance } from 'fastify';
import type { ContactRoleCode } from '../../../../db/entities/contact.js';
import { DomainError } from '../../../../services/domain-error.js';
import {
  convertIfAsked,
  dossierHistory,
  prepareTransition,
  transitionOptions,
  transitionOutcome,
} from '../../../../services/engine/dossier-transitions.js';
import { existingUpdateResult, requireTemporal, transitionDossier } from '../../../lib/dossier-workflows.js';
import {
  idempotencyKeyOf,
  rememberIfAbsent,
  replay,
  requestHash,
  updateIdFor,
} from '../../../lib/idempotency.js';
import { closed, errorResponses } from '../../../schemas/shared.js';
import { transitionBody, transitionOptionSchema } from './schemas.js';

const tags = ['dossiers'];
// A fresh object per route: the whole-lists plugin adds its paging to a list route's querystring.
const langQuery = () =>
  ({
    type: 'object',
    additionalProperties: false,
    properties: { lang: { type: 'string', enum: ['fr', 'en'] } },
  }) as const;

/** A dossier's moves: the options from its status, the move itself (through its workflow), its history. */
export default async function dossierTransitionRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string }; Querystring: { lang?: 'fr' | 'en' } }>(
    '/dossiers/:id/transitions',
    {
      config: { permission: 'CRM_DEALS_VIEW', list: { sort: ['to', 'label', 'allowed'] } },
      schema: {
        tags,
        summary: 'Transitions from the current status, each allowed for you or blocked with why',
        params: { $ref: 'IdParams#' },
        querystring: langQuery(),
        response: {
          200: {
            type: 'object',
            properties: {
              statusCode: { type: 'string' },
              data: { type: 'array', items: transitionOptionSchema },
            },
          },
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const p = request.principal!;
      const user = { id: p.userId, roles: p.roles, permissions: [...p.permissions] };
      return request.tx((em) => transitionOptions(em, request.params.id, user, request.query.lang ?? 'fr'));
    },
  );

  app.post<{
    Params: { id: string };
    Body: {
      to: string;
      reasonCode?: string;
      comment?: string;
      version?: number;
      convertContact?: boolean;
      contactRole?: ContactRoleCode;
    };
    Querystring: { lang?: 'fr' | 'en' };
  }>(
    '/dossiers/:id/transitions',
    {
      config: { permission: 'CRM_DEALS_STAGE_CHANGE' },
      schema: {
        tags,
        summary: 'Move the dossier through its workflow',
        description:
          'The workflow serialises transitions: of two racing requests from the same status, one wins and the other gets 409. WON/LOST need a reason code from the WON_REASON/LOSS_REASON dictionary.',
        params: { $ref: 'IdParams#' },
        querystring: langQuery(),
        body: transitionBody,
        response: { 200: { $ref: 'Dossier#' }, ...errorResponses(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const p = request.principal!;
      const ctx = request.tenant();
      const key = idempotencyKeyOf(request);
      const scope = `POST /dossiers/${request.params.id}/transitions`;
      const hash = requestHash(request.body);
      const pre = await request.tx(async (em) => {
        const stored = key ? await replay(em, scope, key, hash) : undefined;
        return stored ? { stored } : prepareTransition(em, request.params.id, request.body);
      });
      if ('stored' in pre) return reply.code(pre.stored.statusCode).send(pre.stored.body);
      const { dossier } = pre;
      const updateId = key ? updateIdFor(scope, key) : request.correlationId;
      const view = await transitionDossier(
        requireTemporal(app.temporal),
        dossier.workflowId,
        {
          orgId: ctx.orgId,
          to: request.body.to,
          expectedFrom: dossier.statusCode,
          reasonCode: request.body.reasonCode ?? null,
          comment: request.body.comment ?? null,
          actor: { id: p.userId, roles: p.roles, permissions: [...p.permissions] },
          correlationId: request.correlationId,
          lang: request.query.lang ?? 'fr',
        },
        updateId,
      ).catch(async (err: unknown) => {
        if (!(err instanceof DomainError) || (err.kind !== 'conflict' && err.code !== 'DOSSIER_CLOSED'))
          throw err;
        if (key) {
          const same = await existingUpdateResult(
            requireTemporal(app.temporal),
            dossier.workflowId,
            updateId,
          );
          if (same) return same;
        }
        const current = await request.tx((em) =>
          transitionOutcome(em, dossier.id, key ? updateId : undefined),
        );
        // A concurrent retry with the same key already applied this very transition: same answer.
        if (current.applied) return current.view;
        // The workflow ended because a racing request closed the dossier after we read it: that is a conflict.
        if (err.code === 'DOSSIER_CLOSED' && current.view.statusCode !== dossier.statusCode) {
          throw new DomainError(
            'engine',
            'conflict',
            'DOSSIER_STALE_STATE',
            `The dossier moved to ${current.view.statusCode} in the meantime.`,
            { status: current.view.statusCode },
          );
        }
        throw err;
      });
      const answer = request.body.convertContact
        ? await request.tx((em) => convertIfAsked(em, ctx, request.body, pre.reasonType, view))
        : view;
      if (key) {
        await request.tx((em) =>
          rememberIfAbsent(em, ctx.orgId, scope, key, hash, { statusCode: 200, body: answer }),
        );
      }
      return answer;
    },
  );

  app.get<{ Params: { id: string } }>(
    '/dossiers/:id/history',
    {
      config: { permission: 'CRM_DEALS_VIEW', list: { sort: ['at'] } },
      schema: {
        tags,
        params: { $ref: 'IdParams#' },
        response: {
          200: closed({
            type: 'object',
            properties: {
              data: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    from: { type: ['string', 'null'] },
                    to: { type: 'string' },
                    actor: { type: ['string', 'null'] },
                    actorType: { type: 'string' },
                    at: { type: 'string', format: 'date-time' },
                    reasonCode: { type: ['string', 'null'] },
                    comment: { type: ['string', 'null'] },
                    definitionVersion: { type: 'integer' },
                  },
                },
              },
            },
          } as const),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => request.tx((em) => dossierHistory(em, request.params.id)),
  );
}
