import type { Env } from '../../config/env.js';
import { emailChannel } from './email.js';
import { twilioSmsChannel } from './sms-twilio.js';
import type { Channels } from './types.js';
import { whatsAppCloudChannel } from './whatsapp-cloud.js';

export * from './types.js';

/** The channels the environment configures; an unconfigured one is absent (sending to it fails). */
export function channelsFromEnv(env: Env): Channels {
  const channels: Channels = {};
  if (env.SMTP_HOST)
    channels.EMAIL = emailChannel({
      host: env.SMTP_HOST,
      port: env.SMTP_PORT,
      secure: env.SMTP_SECURE,
      user: env.SMTP_USER,
      password: env.SMTP_PASSWORD,
      from: env.MAIL_FROM,
      timeoutMs: env.CHANNEL_TIMEOUT_MS,
    });
  if (env.SMS_ACCOUNT_SID && env.SMS_AUTH_TOKEN && env.SMS_FROM)
    channels.SMS = twilioSmsChannel({
      baseUrl: env.SMS_API_BASE_URL,
      accountSid: env.SMS_ACCOUNT_SID,
      authToken: env.SMS_AUTH_TOKEN,
      from: env.SMS_FROM,
      timeoutMs: env.CHANNEL_TIMEOUT_MS,
    });
  if (env.WHATSAPP_PHONE_NUMBER_ID && env.WHATSAPP_ACCESS_TOKEN)
    channels.WHATSAPP = whatsAppCloudChannel({
      baseUrl: env.WHATSAPP_API_BASE_URL,
      apiVersion: env.WHATSAPP_API_VERSION,
      phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID,
      accessToken: env.WHATSAPP_ACCESS_TOKEN,
      timeoutMs: env.CHANNEL_TIMEOUT_MS,
    });
  return channels;
}

/** The names of the channels the environment configures (where a notice may be queued). */
export function configuredChannels(env: Env): Set<string> {
  return new Set(Object.keys(channelsFromEnv(env)));
}
