import { createHmac, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { STAND_IN } from './stand-ins.js';

/** Payloads shaped as the WhatsApp Cloud API delivers them to our webhook, for one number. */
export function inboundPayload(
  from: string,
  text: string,
  opts: { id?: string; name?: string; phoneNumberId?: string } = {},
) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: '33700000000',
                phone_number_id: opts.phoneNumberId ?? STAND_IN.phoneNumberId,
              },
              contacts: [{ wa_id: from, profile: { name: opts.name ?? 'Yasmine Benali' } }],
              messages: [
                {
                  from,
                  id: opts.id ?? `wamid.${randomUUID()}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

export function statusPayload(id: string, status: string, phoneNumberId: string = STAND_IN.phoneNumberId) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '33700000000', phone_number_id: phoneNumberId },
              statuses: [{ id, status, timestamp: '1', recipient_id: 'x' }],
            },
          },
        ],
      },
    ],
  };
}

/** Posts the exact bytes, signed as Meta signs them (HMAC-SHA256 of the body with the app secret). */
export function deliverSigned(app: FastifyInstance, slug: string, raw: string, secret: string) {
  const signature = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  return app.inject({
    method: 'POST',
    url: `/webhooks/whatsapp/${slug}`,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    payload: raw,
  });
}
