import { httpFailure, providerFetch, type Channel, type OutboundMessage } from './types.js';

export interface TwilioSettings {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  timeoutMs: number;
}

/**
 * SMS through Twilio's Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json, form-encoded,
 * basic auth). `I-Twilio-Idempotency-Token` makes a retried request one message at Twilio.
 */
export function twilioSmsChannel(s: TwilioSettings): Channel {
  const url = `${s.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(s.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${s.accountSid}:${s.authToken}`).toString('base64')}`;
  return {
    async send(message: OutboundMessage) {
      const res = await providerFetch(
        url,
        {
          method: 'POST',
          headers: {
            authorization: auth,
            'content-type': 'application/x-www-form-urlencoded',
            'i-twilio-idempotency-token': message.id,
          },
          body: new URLSearchParams({ To: message.to, From: s.from, Body: message.content }),
        },
        s.timeoutMs,
      );
      const body = (await res.json().catch(() => ({}))) as { sid?: string; message?: string; code?: number };
      if (!res.ok)
        throw httpFailure(res.status, body.message ?? res.statusText, body.code ? String(body.code) : null);
      if (!body.sid) throw httpFailure(502, 'answer without a message sid', null);
      return { providerId: body.sid };
    },
  };
}
