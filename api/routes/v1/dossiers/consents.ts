import type { FastifyInstance } from 'fastify';
import {
  CONSENT_CHANNELS,
  clearDossierConsent,
  consentHistory,
  dossierConsents,
  recordConsent,
  type ConsentChannel,
  type ConsentChoice,
} from '../../../../db/consent.js';
import { Dossier, DossierParty } from '../../../../db/entities/index.js';
import type { Em } from '../../../../db/orm.js';
import { problems } from '../../../problem.js';
import {
  consentChannelParamsSchema,
  consentChoiceBodySchema,
  consentHistorySchema,
  consentStateSchema,
} from '../../../schemas/consent.js';
import { closed, errorResponses } from '../../../schemas/shared.js';

const tags = ['consents'];
const contactQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    contactId: {
      type: 'string',
      format: 'uuid',
      description: "A party of the dossier; default: the dossier's contact",
    },
  },
} as const;

const channelState = {
  type: 'object',
  properties: {
    status: { type: ['string', 'null'], enum: ['OPT_IN', 'OPT_OUT', null] },
    scope: {
      type: ['string', 'null'],
      enum: ['CONTACT', 'DOSSIER', null],
      description: 'Which choice applies to messages about this dossier (null: never asked)',
    },
    dossier: consentStateSchema,
    contact: consentStateSchema,
  },
} as const;

/** Per channel, what applies to messages about a dossier; also a part of the dossier workspace. */
export const dossierConsentsSchema = closed({
  type: 'object',
  properties: {
    contactId: { type: 'string' },
    channels: {
      type: 'object',
      properties: Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, channelState])),
    },
  },
} as const);

/** The person whose choice is read or written: the dossier's contact or one of its parties. */
async function consentSubject(em: Em, dossierId: string, contactId: string | undefined) {
  const dossier = await em.findOne(Dossier, { id: dossierId });
  if (!dossier) throw problems.notFound('Dossier');
  const subject = contactId ?? dossier.contactId ?? null;
  if (!subject)
    throw problems.validation([{ field: 'contactId', message: 'the dossier has no contact; name a party' }]);
  if (subject !== dossier.contactId && !(await em.findOne(DossierParty, { dossierId, contactId: subject })))
    throw problems.validation([
      { field: 'contactId', message: 'is neither the dossier’s contact nor one of its parties' },
    ]);
  return subject;
}

/**
 * Consent for messages about one dossier (the customer's schema keys consent by dossier): a choice
 * here overrides the person's general choice for this dossier only — see resolveConsent.
 */
export default async function dossierConsentRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string }; Querystring: { contactId?: string } }>(
    '/dossiers/:id/consents',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags,
        summary: 'Per channel: the choice that applies to this dossier, its own choice and the general one',
        params: { $ref: 'IdParams#' },
        querystring: contactQuery,
        response: {
          200: dossierConsentsSchema,
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const contactId = await consentSubject(em, request.params.id, request.query.contactId);
        return dossierConsents(em, contactId, request.params.id);
      }),
  );

  app.put<{
    Params: { id: string; channel: ConsentChannel };
    Querystring: { contactId?: string };
    Body: ConsentChoice;
  }>(
    '/dossiers/:id/consents/:channel',
    {
      config: { permission: 'CRM_DEALS_EDIT' },
      schema: {
        tags,
        summary: 'Record the person’s choice for messages about this dossier only (audited)',
        params: consentChannelParamsSchema,
        querystring: contactQuery,
        body: consentChoiceBodySchema,
        response: { 200: consentStateSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const { id, channel } = request.params;
        const contactId = await consentSubject(em, id, request.query.contactId);
        return recordConsent(em, request.tenant(), contactId, channel, request.body, id);
      }),
  );

  app.delete<{ Params: { id: string; channel: ConsentChannel }; Querystring: { contactId?: string } }>(
    '/dossiers/:id/consents/:channel',
    {
      config: { permission: 'CRM_DEALS_EDIT' },
      schema: {
        tags,
        summary: 'Remove the dossier’s own choice: the person’s general choice applies again (audited)',
        params: consentChannelParamsSchema,
        querystring: contactQuery,
        response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const removed = await request.tx(async (em) => {
        const { id, channel } = request.params;
        const contactId = await consentSubject(em, id, request.query.contactId);
        return clearDossierConsent(em, request.tenant(), contactId, channel, id);
      });
      if (!removed) throw problems.notFound('Dossier consent');
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string } }>(
    '/dossiers/:id/consents/history',
    {
      config: { permission: 'CRM_DEALS_VIEW', list: { sort: ['at'] } },
      schema: {
        tags,
        summary: 'Every dossier-scoped consent change, newest first (before/after, who, when)',
        params: { $ref: 'IdParams#' },
        response: { 200: consentHistorySchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        if (!(await em.findOne(Dossier, { id: request.params.id }, { fields: ['id'] })))
          throw problems.notFound('Dossier');
        return { data: await consentHistory(em, 'DOSSIER', request.params.id) };
      }),
  );
}
