import { httpFailure, providerFetch, type Channel, type OutboundMessage } from './types.js';

export interface WhatsAppSettings {
  baseUrl: string;
  apiVersion: string;
  phoneNumberId: string;
  accessToken: string;
  timeoutMs: number;
}

/** Cloud API error codes that are throttling, so worth a retry despite their 4xx status. */
const THROTTLING_CODES = new Set([4, 80007, 130429, 131048, 131056]);

/**
 * WhatsApp Business Cloud API: POST /{version}/{phone-number-id}/messages with a text or an approved
 * template. Whether free text is allowed (24-hour window) is decided before calling, by the sender.
 */
export function whatsAppCloudChannel(s: WhatsAppSettings): Channel {
  const url = `${s.baseUrl.replace(/\/$/, '')}/${s.apiVersion}/${encodeURIComponent(s.phoneNumberId)}/messages`;
  return {
    async send(message: OutboundMessage) {
      const to = message.to.replace(/^\+/, '');
      const payload = message.template
        ? {
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to,
            type: 'template',
            template: {
              name: message.template.name,
              language: { code: message.template.language },
              components: message.template.parameters.length
                ? [
                    {
                      type: 'body',
                      parameters: message.template.parameters.map((text) => ({ type: 'text', text })),
                    },
                  ]
                : [],
            },
          }
        : {
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to,
            type: 'text',
            text: { body: message.content },
          };
      const res = await providerFetch(
        url,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${s.accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(payload),
        },
        s.timeoutMs,
      );
      const body = (await res.json().catch(() => ({}))) as {
        messages?: { id: string }[];
        error?: { message?: string; code?: number };
      };
      if (!res.ok) {
        const code = body.error?.code;
        const status = code !== undefined && THROTTLING_CODES.has(code) ? 429 : res.status;
        throw httpFailure(
          status,
          body.error?.message ?? res.statusText,
          code !== undefined ? String(code) : null,
        );
      }
      const id = body.messages?.[0]?.id;
      if (!id) throw httpFailure(502, 'answer without a message id', null);
      return { providerId: id };
    },
  };
}
