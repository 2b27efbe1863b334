import type { Env } from '../../config/env.js';
import { parseEncryptionKey, SecretBoxError } from '../../config/secret-box.js';
import { readWhatsAppConfig } from '../../db/channel-config.js';
import type { Em } from '../../db/orm.js';
import { emailChannel } from './email.js';
import { twilioSmsChannel } from './sms-twilio.js';
import type { Channels } from './types.js';
import { whatsAppCloudChannel } from './whatsapp-cloud.js';

export * from './types.js';

/**
 * Where an organisation's messages go out: the platform's SMTP relay and Twilio account (from the
 * environment), and the organisation's own WhatsApp number (its settings; there is no platform-wide
 * number, so one organisation never sends, nor receives replies, on another's).
 */
export interface ChannelSource {
  /** The channels configured for the organisation; `em` is in its tenant transaction. */
  forOrg(em: Em, orgId: string): Promise<Channels>;
}

export const NO_CHANNELS: ChannelSource = { forOrg: () => Promise.resolve({}) };

export function channelsFromEnv(env: Env): ChannelSource {
  const platform: Channels = {};
  if (env.SMTP_HOST)
    platform.EMAIL = emailChannel({
      host: env.SMTP_HOST,
      port: env.SMTP_PORT,
      secure: env.SMTP_SECURE,
      user: env.SMTP_USER,
      password: env.SMTP_PASSWORD,
      from: env.MAIL_FROM,
      timeoutMs: env.CHANNEL_TIMEOUT_MS,
    });
  if (env.SMS_ACCOUNT_SID && env.SMS_AUTH_TOKEN && env.SMS_FROM)
    platform.SMS = twilioSmsChannel({
      baseUrl: env.SMS_API_BASE_URL,
      accountSid: env.SMS_ACCOUNT_SID,
      authToken: env.SMS_AUTH_TOKEN,
      from: env.SMS_FROM,
      timeoutMs: env.CHANNEL_TIMEOUT_MS,
    });
  const key = env.CONFIG_ENCRYPTION_KEY ? parseEncryptionKey(env.CONFIG_ENCRYPTION_KEY) : null;
  return {
    async forOrg(em, orgId) {
      if (!key) return platform;
      let number;
      try {
        number = await readWhatsAppConfig(em, orgId, key);
      } catch (err) {
        // Sealed under another key: as good as unconfigured (the admin enters the secrets again).
        if (err instanceof SecretBoxError) return platform;
        throw err;
      }
      if (!number) return platform;
      return {
        ...platform,
        WHATSAPP: whatsAppCloudChannel({
          baseUrl: env.WHATSAPP_API_BASE_URL,
          apiVersion: env.WHATSAPP_API_VERSION,
          phoneNumberId: number.phoneNumberId,
          accessToken: number.accessToken,
          timeoutMs: env.CHANNEL_TIMEOUT_MS,
        }),
      };
    },
  };
}

/** The names of the channels configured for the organisation (where a notice may be queued). */
export async function configuredChannels(source: ChannelSource, em: Em, orgId: string): Promise<Set<string>> {
  return new Set(Object.keys(await source.forOrg(em, orgId)));
}
