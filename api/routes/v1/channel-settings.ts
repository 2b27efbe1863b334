import type { FastifyInstance } from 'fastify';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { parseEncryptionKey } from '../../../config/secret-box.js';
import {
  missingWhatsAppSecrets,
  saveWhatsAppConfig,
  whatsAppConfigView,
  type WhatsAppConfigInput,
} from '../../../db/channel-config.js';
import { HttpProblem, problems } from '../../problem.js';
import { errorResponses } from '../../schemas/shared.js';

const tags = ['settings'];
const secret = (description: string) =>
  ({ type: 'string', minLength: 8, maxLength: 2048, pattern: '^\\S+$', description }) as const;

const viewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['configured', 'phoneNumberId', 'appSecretSet', 'accessTokenSet', 'verifyTokenSet', 'updatedAt'],
  properties: {
    configured: { type: 'boolean', description: 'number and all three secrets are set: the channel works' },
    phoneNumberId: { type: ['string', 'null'] },
    appSecretSet: { type: 'boolean' },
    accessTokenSet: { type: 'boolean' },
    verifyTokenSet: { type: 'boolean' },
    updatedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

/**
 * The organisation's own WhatsApp Cloud API number (issue 15 item 6): its phone number id binds the
 * webhook deliveries it accepts, its app secret checks their signature, its access token sends, its
 * verify token answers Meta's challenge. Secrets are write-only and sealed at rest.
 */
export default async function channelSettingsRoutes(app: FastifyInstance) {
  const key = app.env.CONFIG_ENCRYPTION_KEY ? parseEncryptionKey(app.env.CONFIG_ENCRYPTION_KEY) : null;

  app.get(
    '/settings/channels/whatsapp',
    {
      config: { permission: 'USER_ADMIN' },
      schema: {
        tags,
        summary: "The organisation's WhatsApp number; whether each secret is set (never the secrets)",
        response: { 200: viewSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => request.tx((em) => whatsAppConfigView(em, request.tenant().orgId)),
  );

  app.put<{ Body: WhatsAppConfigInput }>(
    '/settings/channels/whatsapp',
    {
      config: { permission: 'USER_ADMIN' },
      schema: {
        tags,
        summary: 'Set the WhatsApp number and its secrets (audited; a secret left out keeps its value)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['phoneNumberId'],
          properties: {
            phoneNumberId: {
              type: 'string',
              pattern: '^[0-9]{5,32}$',
              description: 'Cloud API phone number id (digits), as Meta shows it for the number',
            },
            appSecret: secret('Meta app secret: checks X-Hub-Signature-256 of webhook deliveries'),
            accessToken: secret('Cloud API access token of the number (sending)'),
            verifyToken: secret('the token Meta sends with the webhook verification challenge'),
          },
        },
        response: { 200: viewSchema, ...errorResponses(400, 401, 403, 409, 422, 503) },
      },
    },
    async (request) => {
      if (!key)
        throw new HttpProblem(
          503,
          'not-configured',
          'Not configured',
          'CONFIG_ENCRYPTION_KEY is not set: channel secrets cannot be stored.',
        );
      const ctx = request.tenant();
      try {
        return await request.tx(async (em) => {
          const missing = await missingWhatsAppSecrets(em, ctx.orgId, request.body);
          if (missing.length)
            throw problems.unprocessable(
              'channel-secrets-required',
              'Secrets required',
              'A first WhatsApp configuration needs every secret.',
              {
                errors: missing.map((field) => ({
                  field,
                  message: 'is required',
                  code: 'REQUIRED',
                  params: {},
                })),
              },
            );
          return saveWhatsAppConfig(em, ctx, key, request.body);
        });
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException)
          throw problems.conflict('This phone number id belongs to another organisation.', {
            errors: [
              {
                field: 'phoneNumberId',
                message: 'is already used by another organisation',
                code: 'PHONE_NUMBER_IN_USE',
                params: {},
              },
            ],
          });
        throw err;
      }
    },
  );
}
