import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../../../db/audit.js';
import { eraseContact, exportContactData } from '../../../../db/privacy.js';
import { withExportSlot } from '../../../lib/export-slots.js';
import { problems } from '../../../problem.js';
import { closed, errorResponses } from '../../../schemas/shared.js';
import { loadContact } from '../../../../services/crm/contact-lifecycle.js';

const tags = ['privacy'];

/** Data-subject requests (F-6.5): access (everything held, as JSON) and erasure. */
export default async function privacyRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string } }>(
    '/contacts/:id/personal-data',
    {
      config: { permission: 'EXPORT' },
      schema: {
        tags,
        summary: 'Everything held about the contact, as one JSON document (audited)',
        params: { $ref: 'IdParams#' },
        response: {
          200: { type: 'object', additionalProperties: true },
          ...errorResponses(401, 403, 404, 429, 503),
        },
      },
    },
    async (request, reply) =>
      withExportSlot(reply, request.tenant().orgId, () =>
        request.tx(async (em) => {
          const contact = await loadContact(em, request.params.id);
          const data = await exportContactData(em, contact.id);
          await recordAudit(em, request.tenant(), {
            entityType: 'Contact',
            entityId: contact.id,
            action: 'DSR_EXPORT',
            after: { tables: Object.keys(data).filter((k) => k !== 'exportedAt') },
          });
          return reply
            .header('content-disposition', `attachment; filename="contact-${contact.id}.json"`)
            .send(data);
        }),
      ),
  );

  app.post<{ Params: { id: string }; Body: { reason: string; confirmEmail: string } }>(
    '/contacts/:id/erase',
    {
      config: { permission: 'CRM_CONTACTS_DELETE' },
      schema: {
        tags,
        summary:
          "Erase the contact's personal data on request: fields replaced, message and activity text redacted",
        description:
          'Irreversible. `confirmEmail` must repeat the contact’s current email. The audit trail keeps its rows (and its chain verifies); the erasure itself is audited without the erased values.',
        params: { $ref: 'IdParams#' },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['reason', 'confirmEmail'],
          properties: {
            reason: { type: 'string', minLength: 3, maxLength: 2000 },
            confirmEmail: { type: 'string', maxLength: 320 },
          },
        },
        response: {
          200: closed({
            type: 'object',
            properties: {
              erased: { type: 'boolean' },
              redacted: {
                type: 'object',
                properties: {
                  messages: { type: 'integer' },
                  activities: { type: 'integer' },
                  timelineEvents: { type: 'integer' },
                },
              },
            },
          } as const),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const contact = await loadContact(em, request.params.id);
        if (contact.erasedAt) throw problems.conflict('This contact was already erased.');
        if (contact.email.toLowerCase() !== request.body.confirmEmail.trim().toLowerCase())
          throw problems.validation([
            { field: 'confirmEmail', message: "does not match the contact's email" },
          ]);
        const redacted = await eraseContact(em, request.tenant(), contact.id, request.body.reason);
        return { erased: true, redacted };
      }),
  );
}
