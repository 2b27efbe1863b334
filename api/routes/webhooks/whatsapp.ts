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
} from '../../services/inbound-messages.js';
import { HttpProblem, problems } from '../../problem.js';

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

/**
 * WhatsApp Business Cloud API webhook, one URL per organisation (`/webhooks/whatsapp/<org slug>`, as
 * configured for its number in Meta's app): the verification challenge, then signed deliveries of
 * inbound messages and status callbacks. Redeliveries are idempotent (provider ids are unique).
 */
export default async function whatsAppWebhook(app: FastifyInstance) {
  // The signature covers the raw bytes: keep them, parse after checking.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const orgBySlug = async (slug: string) => {
    const rows = await app.orm.em
      .fork()
      .execute<{ id: string }[]>('select id from app_org_by_slug(?)', [slug]);
    if (!rows[0]) throw problems.notFound('Organisation');
    return rows[0].id;
  };

  app.get<{ Params: { org: string }; Querystring: Record<string, string> }>(
    '/webhooks/whatsapp/:org',
    { config: { public: true }, schema: { hide: true } },
    async (request, reply) => {
      await orgBySlug(request.params.org);
      const q = request.query;
      const token = app.env.WHATSAPP_VERIFY_TOKEN;
      if (q['hub.mode'] !== 'subscribe' || !token || q['hub.verify_token'] !== token)
        throw new HttpProblem(403, 'forbidden', 'Forbidden', 'Verification token mismatch.');
      return reply.type('text/plain').send(q['hub.challenge'] ?? '');
    },
  );

  app.post<{ Params: { org: string }; Body: Buffer }>(
    '/webhooks/whatsapp/:org',
    { config: { public: true }, schema: { hide: true } },
    async (request) => {
      const secret = app.env.WHATSAPP_APP_SECRET;
      if (!secret)
        throw new HttpProblem(503, 'not-configured', 'Not configured', 'WHATSAPP_APP_SECRET is not set.');
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.from('');
      if (!validSignature(raw, request.headers['x-hub-signature-256'] as string | undefined, secret))
        throw new HttpProblem(
          401,
          'invalid-signature',
          'Invalid signature',
          'X-Hub-Signature-256 does not match.',
        );
      let payload: CloudPayload;
      try {
        payload = JSON.parse(raw.toString('utf8')) as CloudPayload;
      } catch {
        throw problems.validation([{ field: 'body', message: 'is not JSON' }]);
      }
      const orgId = await orgBySlug(request.params.org);
      const ctx = { orgId, orgSlug: request.params.org };
      let stored = 0;
      for (const value of (payload.entry ?? []).flatMap((e) => (e.changes ?? []).map((c) => c.value ?? {}))) {
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
