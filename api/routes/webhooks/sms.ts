import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { withTenant } from '../../../db/orm.js';
import { HttpProblem, problems } from '../../problem.js';
import {
  applyDeliveryStatus,
  openDossierOf,
  senderContact,
  storeInbound,
} from '../../../services/messaging/inbound-messages.js';

const STATUS: Record<string, 'SENT' | 'DELIVERED' | 'READ' | 'FAILED'> = {
  sent: 'SENT',
  delivered: 'DELIVERED',
  undelivered: 'FAILED',
  failed: 'FAILED',
  read: 'READ',
};

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed with the auth token, of the full URL Twilio
 * called followed by every POST parameter name and value, sorted by name.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

function sameSignature(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Twilio webhook per organisation (`/webhooks/sms/<org slug>`): inbound SMS (stored once per
 * MessageSid on the sender's contact and open dossier; "STOP" records the opt-out) and status
 * callbacks of our messages. `PUBLIC_BASE_URL` is the address Twilio calls, part of the signature.
 */
export default async function smsWebhook(app: FastifyInstance) {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.post<{ Params: { org: string }; Body: Record<string, string> }>(
    '/webhooks/sms/:org',
    { config: { public: true }, schema: { hide: true } },
    async (request, reply) => {
      const token = app.env.SMS_AUTH_TOKEN;
      if (!token)
        throw new HttpProblem(503, 'not-configured', 'Not configured', 'SMS_AUTH_TOKEN is not set.');
      const params = request.body ?? {};
      const url = `${app.env.PUBLIC_BASE_URL.replace(/\/$/, '')}${request.url}`;
      if (
        !sameSignature(
          request.headers['x-twilio-signature'] as string | undefined,
          twilioSignature(token, url, params),
        )
      )
        throw new HttpProblem(
          401,
          'invalid-signature',
          'Invalid signature',
          'X-Twilio-Signature does not match.',
        );
      const rows = await app.orm.em
        .fork()
        .execute<{ id: string }[]>('select id from app_org_by_slug(?)', [request.params.org]);
      const orgId = rows[0]?.id;
      if (!orgId) throw problems.notFound('Organisation');
      const ctx = { orgId, orgSlug: request.params.org };
      const status = params.MessageStatus ? STATUS[params.MessageStatus] : undefined;
      if (status && params.MessageSid && !params.Body) {
        const reason = params.ErrorCode ? `${params.ErrorCode} ${params.ErrorMessage ?? ''}`.trim() : null;
        await withTenant(app.orm, ctx, (em) =>
          applyDeliveryStatus(em, 'SMS', params.MessageSid!, status, reason),
        );
      } else if (params.MessageSid && params.From && params.Body !== undefined) {
        const msg = {
          channel: 'SMS' as const,
          providerId: params.MessageSid,
          from: params.From,
          profileName: null,
          text: params.Body,
          at: new Date(),
        };
        await withTenant(app.orm, ctx, async (em) => {
          // A sender that is not an E.164 number is an unknown sender: no contact is made of it.
          const contact = await senderContact(em, orgId, msg);
          const dossier = contact ? await openDossierOf(em, contact.id) : null;
          await storeInbound(em, orgId, contact?.id ?? null, dossier?.id ?? null, msg);
        });
      } else {
        throw problems.validation([
          { field: 'MessageSid', message: 'expected an inbound message or a status callback' },
        ]);
      }
      // Twilio reads TwiML back: an empty response sends nothing.
      return reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    },
  );
}
