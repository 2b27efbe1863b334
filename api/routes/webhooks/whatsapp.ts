import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { withTenant } from '../../../db/orm.js';
import { createDossier } from '../../services/dossiers.js';
import {
  applyDeliveryStatus,
  openDossierOf,
  senderContact,
  storeInbound,
  type InboundText,
} from '../../../services/messaging/inbound-messages.js';
import { HttpProblem, problems } from '../../problem.js';
import { parseEncryptionKey, SecretBoxError } from '../../../config/secret-box.js';
import { readWhatsAppConfig } from '../../../db/channel-config.js';

interface CloudValue {
  metadata?: { phone_number_id?: string };
  contacts?: { wa_id: string; profile?: { name?: string } }[];
  messages?: { from: string; id: string; timestamp: string; type: string; text?: { body?: string } }[];
  statuses?: { id: string; status: string; errors?: { code?: number; title?: string; message?: string }[] }[];
}
interface CloudPayload {
  object?: string;
  entry?: { changes?: { field?: string; value?: CloudValue }[] }[];
}

const STATUS: Record<string, 'SENT' | 'DELIVERED' | 'READ' | 'FAILED'> = {
  sent: 'SENT',
  delivered: 'DELIVERED',
  read: 'READ',
  failed: 'FAILED',
};

/** `X-Hub-Signature-256: sha256=<hex>`: HMAC-SHA256 of the raw body with the app secret. */
export function validSignature(raw: Buffer, header: string | undefined, secret: string): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', secret).update(raw).digest();
  const given = Buffer.from(header.slice(7), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Constant-time comparison of two strings (tokens); false when either is missing. */
function sameToken(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const FORBIDDEN = () => new HttpProblem(403, 'forbidden', 'Forbidden', 'Verification token mismatch.');
const BAD_SIGNATURE = () =>
  new HttpProblem(401, 'invalid-signature', 'Invalid signature', 'X-Hub-Signature-256 does not match.');

/**
 * WhatsApp Business Cloud API webhook, one URL per organisation (`/webhooks/whatsapp/<org slug>`, as
 * configured for its number in Meta's app): the verification challenge, then signed deliveries of
 * inbound messages and status callbacks. Everything is checked against that organisation's own number
 * (settings/channels/whatsapp): its verify token, its app secret, and its phone number id, which every
 * change of a delivery must carry — the same signed bytes posted to another organisation's URL are
 * refused. An unknown organisation, one without a number and a wrong token or signature answer alike.
 * Redeliveries are idempotent (provider ids are unique).
 */
export default async function whatsAppWebhook(app: FastifyInstance) {
  // The signature covers the raw bytes: keep them, parse after checking (replaces the API's parser).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const key = app.env.CONFIG_ENCRYPTION_KEY ? parseEncryptionKey(app.env.CONFIG_ENCRYPTION_KEY) : null;

  /** The organisation of the slug and its WhatsApp number, or null when either is missing. */
  const numberOf = async (slug: string) => {
    if (!key) return null;
    const rows = await app.orm.em
      .fork()
      .execute<{ id: string }[]>('select id from app_org_by_slug(?)', [slug]);
    const orgId = rows[0]?.id;
    if (!orgId) return null;
    try {
      const config = await withTenant(app.orm, { orgId }, (em) => readWhatsAppConfig(em, orgId, key));
      return config && { orgId, config };
    } catch (err) {
      // Sealed under another key: no usable number until its admin enters the secrets again.
      if (err instanceof SecretBoxError) return null;
      throw err;
    }
  };

  app.get<{ Params: { org: string }; Querystring: Record<string, string> }>(
    '/webhooks/whatsapp/:org',
    { config: { public: true }, schema: { hide: true } },
    async (request, reply) => {
      const q = request.query;
      const number = await numberOf(request.params.org);
      if (q['hub.mode'] !== 'subscribe' || !sameToken(q['hub.verify_token'], number?.config.verifyToken))
        throw FORBIDDEN();
      return reply.type('text/plain').send(q['hub.challenge'] ?? '');
    },
  );

  app.post<{ Params: { org: string }; Body: Buffer }>(
    '/webhooks/whatsapp/:org',
    { config: { public: true }, schema: { hide: true } },
    async (request) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.from('');
      const number = await numberOf(request.params.org);
      const signature = request.headers['x-hub-signature-256'] as string | undefined;
      if (!number || !validSignature(raw, signature, number.config.appSecret)) throw BAD_SIGNATURE();
      let payload: CloudPayload;
      try {
        payload = JSON.parse(raw.toString('utf8')) as CloudPayload;
      } catch {
        throw problems.validation([{ field: 'body', message: 'is not JSON' }]);
      }
      const changes = (payload.entry ?? []).flatMap((e) => (e.changes ?? []).map((c) => c.value ?? {}));
      // One delivery, one number: a change for any other number (or none) refuses the whole delivery.
      if (changes.some((v) => v.metadata?.phone_number_id !== number.config.phoneNumberId))
        throw new HttpProblem(
          403,
          'phone-number-mismatch',
          'Another number',
          "The delivery is not for this organisation's WhatsApp number.",
        );
      const orgId = number.orgId;
      const ctx = { orgId, orgSlug: request.params.org };
      let stored = 0;
      for (const value of changes) {
        for (const m of value.messages ?? []) {
          const msg: InboundText = {
            channel: 'WHATSAPP',
            providerId: m.id,
            from: `+${m.from.replace(/^\+/, '')}`,
            profileName: value.contacts?.find((c) => c.wa_id === m.from)?.profile?.name ?? null,
            text: m.type === 'text' ? (m.text?.body ?? '') : `[${m.type}]`,
            at: new Date(Number(m.timestamp) * 1000 || Date.now()),
          };
          const found = await withTenant(app.orm, ctx, async (em) => {
            const contact = await senderContact(em, orgId, msg);
            if (!contact) return { contactId: null, dossierId: null };
            return { contactId: contact.id, dossierId: (await openDossierOf(em, contact.id))?.id ?? null };
          });
          // A sender with nothing open is a new request: a lead dossier on the engine.
          if (found.contactId && !found.dossierId && app.temporal) {
            const answer = await createDossier(
              { orm: app.orm, temporal: app.temporal, taskQueue: app.env.TEMPORAL_TASK_QUEUE },
              ctx,
              {
                caseType: 'LEAD',
                title: `WhatsApp ${msg.profileName ?? msg.from}`,
                contactId: found.contactId,
                source: 'WHATSAPP',
              },
            );
            found.dossierId = (answer.body as { id: string }).id;
          }
          if (
            await withTenant(app.orm, ctx, (em) =>
              storeInbound(em, orgId, found.contactId, found.dossierId, msg),
            )
          )
            stored++;
        }
        for (const s of value.statuses ?? []) {
          const status = STATUS[s.status];
          if (!status) continue;
          const reason = s.errors?.[0]
            ? `${s.errors[0].code ?? ''} ${s.errors[0].title ?? s.errors[0].message ?? ''}`.trim()
            : null;
          await withTenant(app.orm, ctx, (em) => applyDeliveryStatus(em, 'WHATSAPP', s.id, status, reason));
        }
      }
      return { received: true, stored };
    },
  );
}
