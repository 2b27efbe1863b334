import type { FastifyInstance } from 'fastify';
import {
  CONSENT_CHANNELS,
  consentHistory,
  currentConsents,
  recordConsent,
  type ConsentChannel,
  type ConsentChoice,
} from '../../../../db/consent.js';
import {
  consentChannelParamsSchema,
  consentChoiceBodySchema,
  consentHistorySchema,
  consentStateSchema as consentState,
} from '../../../schemas/consent.js';
import { closed, errorResponses } from '../../../schemas/shared.js';
import { loadContact } from '../../../../services/crm/contact-lifecycle.js';

const tags = ['consents'];

/** Consent per contact and channel (F-6.1); its history is the audit trail of ContactConsent. */
export default async function consentRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string } }>(
    '/contacts/:id/consents',
    {
      config: { permission: 'CRM_CONTACTS_VIEW' },
      schema: {
        tags,
        summary: 'Current consent per channel (null = never asked), with date and author of the last choice',
        params: { $ref: 'IdParams#' },
        response: {
          200: closed({
            type: 'object',
            properties: Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, consentState])),
          } as const),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => currentConsents(em, (await loadContact(em, request.params.id)).id)),
  );

  app.put<{ Params: { id: string; channel: ConsentChannel }; Body: ConsentChoice }>(
    '/contacts/:id/consents/:channel',
    {
      config: { permission: 'CRM_CONTACTS_EDIT' },
      schema: {
        tags,
        summary: 'Record the contact’s choice for a channel (audited; replaces the current one)',
        params: consentChannelParamsSchema,
        body: consentChoiceBodySchema,
        response: { 200: consentState, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const contact = await loadContact(em, request.params.id);
        return recordConsent(em, request.tenant(), contact.id, request.params.channel, request.body);
      }),
  );

  app.get<{ Params: { id: string } }>(
    '/contacts/:id/consents/history',
    {
      config: { permission: 'CRM_CONTACTS_VIEW', list: { sort: ['at'] } },
      schema: {
        tags,
        summary:
          'Every consent change of the contact, newest first, from the audit trail (before/after, who, when)',
        params: { $ref: 'IdParams#' },
        response: {
          200: consentHistorySchema,
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const contact = await loadContact(em, request.params.id);
        return { data: await consentHistory(em, 'CONTACT', contact.id) };
      }),
  );
}
