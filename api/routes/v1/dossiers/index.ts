import type { FastifyInstance } from 'fastify';
import dossierConsentRoutes from './consents.js';
import matchingRoutes, { checkDossierSearch } from './matching.js';
import partyRoutes from './parties.js';
import shortlistRoutes from './shortlist.js';
import { recordAudit, snapshot } from '../../../../db/audit.js';
import { activeCodes } from '../../../../db/dictionaries.js';
import type { DossierView } from '../../../../definitions/dossier-view.js';
import { dossierView } from '../../../../db/dossier-view.js';
import { recomputeDossierScore, refreshContactScore } from '../../../../db/scoring.js';
import type { ContactRoleCode } from '../../../../db/entities/contact.js';
import { convertContact } from '../../../services/contact-lifecycle.js';
import { Contact, Dossier, DossierStatusHistory, WorkflowDefinition } from '../../../../db/entities/index.js';
import type { Em } from '../../../../db/orm.js';
import { findState, reasonDictionaryType } from '../../../../definitions/guards.js';
import type { WorkflowDefinitionBody } from '../../../../definitions/workflow-definition.schema.js';
import { existingUpdateResult, requireTemporal, transitionDossier } from '../../../lib/dossier-workflows.js';
import {
  idempotencyKeyOf,
  rememberIfAbsent,
  replay,
  requestHash,
  updateIdFor,
} from '../../../lib/idempotency.js';
import { problems } from '../../../problem.js';
import { DomainError } from '../../../../services/domain-error.js';
import { assertReferences } from '../../../lib/tenant-references.js';
import { ANNONCE_CASE_TYPE } from '../../../../definitions/annonce.js';
import { closed, errorResponses } from '../../../schemas/shared.js';
import { createDossier, dossierReferences, type DossierInput } from '../../../services/dossiers.js';
import { listDossiers, kanban } from './queries.js';
import { transitionOptions } from './transition-options.js';
import workspaceRoutes from './workspace.js';
import {
  createDossierBody,
  dossierSchema,
  listQuery,
  patchDossierBody,
  transitionBody,
  transitionOptionSchema,
  type ListQuery,
} from './schemas.js';

const tags = ['dossiers'];
const page = {
  type: 'object',
  required: ['data', 'total'],
  properties: { data: { type: 'array', items: { $ref: 'Dossier#' } }, total: { type: 'integer' } },
} as const;

export default async function dossierRoutes(app: FastifyInstance) {
  await app.register(partyRoutes);
  await app.register(dossierConsentRoutes);
  await app.register(matchingRoutes);
  await app.register(shortlistRoutes);
  app.addSchema(dossierSchema);
  // After the Dossier schema: the workspace answer refers to it.
  await app.register(workspaceRoutes);

  const load = async (em: Em, id: string) => {
    const dossier = await em.findOne(Dossier, { id });
    if (!dossier) throw problems.notFound('Dossier');
    return dossier;
  };

  app.post<{ Body: DossierInput }>(
    '/dossiers',
    {
      config: { permission: 'CRM_DEALS_CREATE' },
      schema: {
        tags,
        summary: 'Create a dossier; its workflow starts on the latest published pipeline version',
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 200 } } },
        body: createDossierBody,
        response: { 201: { $ref: 'Dossier#' }, ...errorResponses(400, 401, 403, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request);
      const ctx = { ...request.tenant(), orgSlug: request.principal!.orgSlug };
      const body = request.body;
      if (body.budgetMin != null && body.budgetMax != null && body.budgetMin > body.budgetMax) {
        throw problems.validation([
          {
            field: 'budgetMax',
            message: 'must be greater than or equal to budgetMin',
            code: 'BELOW_BUDGET_MIN',
          },
        ]);
      }
      if (body.caseType === ANNONCE_CASE_TYPE)
        throw problems.validation([
          {
            field: 'caseType',
            message: 'ANNONCE is the property listing workflow; create listings at /annonces',
          },
        ]);
      await request.tx((em) => checkDossierSearch(em, body));
      const answer = await createDossier(
        {
          orm: app.orm,
          temporal: requireTemporal(app.temporal),
          taskQueue: app.env.TEMPORAL_TASK_QUEUE,
          historyLimit: app.env.DOSSIER_HISTORY_LIMIT,
        },
        ctx,
        body,
        key ? { scope: 'POST /dossiers', key, hash: requestHash(body) } : undefined,
      );
      return reply.code(answer.statusCode).send(answer.body);
    },
  );

  app.get<{ Querystring: ListQuery }>(
    '/dossiers',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags,
        summary: 'List, filter, search and sort dossiers',
        querystring: listQuery,
        response: { 200: page, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => request.tx((em) => listDossiers(em, request.tenant().orgId, request.query)),
  );

  app.get<{ Querystring: { caseType: string; pageSize?: number } }>(
    '/dossiers/kanban',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags,
        summary:
          'Kanban columns of a case type: every status of its latest pipeline with count and first cards',
        querystring: {
          type: 'object',
          required: ['caseType'],
          additionalProperties: false,
          properties: {
            caseType: { type: 'string', maxLength: 64 },
            pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          },
        },
        response: {
          200: closed({
            type: 'object',
            properties: {
              caseType: { type: 'string' },
              definitionVersion: { type: 'integer' },
              columns: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    statusCode: { type: 'string' },
                    label: { type: 'string' },
                    terminal: { type: 'boolean' },
                    total: { type: 'integer' },
                    data: { type: 'array', items: { $ref: 'Dossier#' } },
                  },
                },
              },
            },
          } as const),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx((em) =>
        kanban(em, request.tenant().orgId, request.query.caseType, request.query.pageSize ?? 20),
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/dossiers/:id',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags,
        params: { $ref: 'IdParams#' },
        response: { 200: { $ref: 'Dossier#' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => request.tx(async (em) => dossierView(await load(em, request.params.id))),
  );

  app.patch<{ Params: { id: string }; Body: Partial<DossierInput> & { version: number } }>(
    '/dossiers/:id',
    {
      config: { permission: 'CRM_DEALS_EDIT' },
      schema: {
        tags,
        summary: 'Edit business fields (optimistic locking)',
        params: { $ref: 'IdParams#' },
        body: patchDossierBody,
        response: { 200: { $ref: 'Dossier#' }, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      const { version, ...changes } = request.body;
      return request.tx(async (em) => {
        const dossier = await load(em, request.params.id);
        if (dossier.version !== version) throw problems.staleVersion('This dossier');
        const min = changes.budgetMin !== undefined ? changes.budgetMin : dossier.budgetMin;
        const max = changes.budgetMax !== undefined ? changes.budgetMax : dossier.budgetMax;
        if (min != null && max != null && min > max)
          throw problems.validation([
            {
              field: 'budgetMax',
              message: 'must be greater than or equal to budgetMin',
              code: 'BELOW_BUDGET_MIN',
            },
          ]);
        await assertReferences(em, ctx.orgId, dossierReferences(changes));
        await checkDossierSearch(em, changes);
        const before = snapshot(dossierView(dossier));
        const oldContactId = dossier.contactId ?? null;
        em.assign(dossier, changes);
        await em.flush();
        await recomputeDossierScore(em, ctx.orgId, dossier.id, new Date());
        // A contact moved off the dossier no longer counts it in its best score.
        if (oldContactId && oldContactId !== dossier.contactId)
          await refreshContactScore(em, ctx.orgId, oldContactId);
        const after = dossierView(dossier);
        await recordAudit(em, ctx, {
          entityType: 'Dossier',
          entityId: dossier.id,
          action: 'UPDATE',
          before,
          after,
        });
        return after;
      });
    },
  );

  app.get<{ Params: { id: string }; Querystring: { lang?: 'fr' | 'en' } }>(
    '/dossiers/:id/transitions',
    {
      config: { permission: 'CRM_DEALS_VIEW', list: { sort: ['to', 'label', 'allowed'] } },
      schema: {
        tags,
        summary: 'Transitions from the current status, each allowed for you or blocked with why',
        params: { $ref: 'IdParams#' },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { lang: { type: 'string', enum: ['fr', 'en'] } },
        },
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
    async (request) =>
      request.tx(async (em) => {
        const dossier = await load(em, request.params.id);
        const data = await transitionOptions(em, dossier, request.principal!, request.query.lang ?? 'fr');
        return { statusCode: dossier.statusCode, data };
      }),
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
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { lang: { type: 'string', enum: ['fr', 'en'] } },
        },
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
        if (key) {
          const stored = await replay(em, scope, key, hash);
          if (stored) return { stored };
        }
        const dossier = await load(em, request.params.id);
        if (request.body.version !== undefined && request.body.version !== dossier.version)
          throw problems.staleVersion('This dossier');
        const def = await em.findOneOrFail(WorkflowDefinition, { id: dossier.definitionId });
        const target = findState(def.body as unknown as WorkflowDefinitionBody, request.body.to);
        const dictType = target ? reasonDictionaryType(target.reasonType ?? 'NONE') : undefined;
        if (
          dictType &&
          request.body.reasonCode &&
          !(await activeCodes(em, dictType)).has(request.body.reasonCode)
        ) {
          throw problems.validation([
            { field: 'reasonCode', message: `unknown ${dictType} code ${request.body.reasonCode}` },
          ]);
        }
        return { dossier: dossierView(dossier), reasonType: target?.reasonType ?? 'NONE' };
      });
      if (pre.stored) return reply.code(pre.stored.statusCode).send(pre.stored.body);
      const dossier = pre.dossier!;
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
        const current = await request.tx(async (em) => {
          const applied = key ? await em.count(DossierStatusHistory, { updateId }) : 0;
          return { applied, view: dossierView(await load(em, dossier.id)) };
        });
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
      const answer = await convertIfAsked(request.body, pre.reasonType, view);
      if (key) {
        await request.tx((em) =>
          rememberIfAbsent(em, ctx.orgId, scope, key, hash, { statusCode: 200, body: answer }),
        );
      }
      return answer;

      /** F-3.4: a won deal can turn its contact (still a lead) into an active client in the same call. */
      async function convertIfAsked(
        body: { convertContact?: boolean; contactRole?: ContactRoleCode },
        reasonType: string | undefined,
        moved: DossierView,
      ) {
        if (!body.convertContact || reasonType !== 'WON' || !moved.contactId) return moved;
        const contactId = moved.contactId;
        const converted = await request.tx(async (em) => {
          if (!(await em.count(Contact, { id: contactId, status: 'lead' }))) return false;
          await convertContact(em, ctx, contactId, { role: body.contactRole });
          return true;
        });
        return { ...moved, contactConverted: converted };
      }
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
    async (request) =>
      request.tx(async (em) => {
        await load(em, request.params.id);
        const rows = await em.find(
          DossierStatusHistory,
          { dossierId: request.params.id },
          { orderBy: { at: 'asc', id: 'asc' } },
        );
        return {
          data: rows.map((h) => ({
            from: h.fromStatus ?? null,
            to: h.toStatus,
            actor: h.actorId ?? null,
            actorType: h.actorType,
            at: h.at.toISOString(),
            reasonCode: h.reasonCode ?? null,
            comment: h.comment ?? null,
            definitionVersion: h.definitionVersion,
          })),
        };
      }),
  );
}
