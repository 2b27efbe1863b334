import { randomUUID } from 'node:crypto';
import { openSecret, sealSecret } from '../config/secret-box.js';
import { recordAudit } from './audit.js';
import type { Em, TenantContext } from './orm.js';

/** The secrets of a WhatsApp Cloud API number; write-only through the API. */
export const WHATSAPP_SECRETS = ['appSecret', 'accessToken', 'verifyToken'] as const;
type SecretName = (typeof WHATSAPP_SECRETS)[number];

/** An organisation's own WhatsApp number, opened (only the API and the worker hold the key). */
export interface WhatsAppConfig {
  phoneNumberId: string;
  appSecret: string;
  accessToken: string;
  verifyToken: string;
}

/** What an admin reads back: the number, and whether each secret is set — never the secrets. */
export interface WhatsAppConfigView {
  configured: boolean;
  phoneNumberId: string | null;
  appSecretSet: boolean;
  accessTokenSet: boolean;
  verifyTokenSet: boolean;
  updatedAt: string | null;
}

export type WhatsAppConfigInput = { phoneNumberId: string } & Partial<Record<SecretName, string>>;

interface Row {
  id: string;
  account_id: string;
  secrets: Partial<Record<SecretName, string>>;
  updated_at: Date;
}

/** The sealed value is bound to its owner: copied to another organisation's row, it does not open. */
const sealContext = (orgId: string, name: SecretName) => `org_channel_config/${orgId}/WHATSAPP/${name}`;

async function rowOf(em: Em, orgId: string): Promise<Row | undefined> {
  const rows = await em.execute<Row[]>(
    `select id, account_id, secrets, updated_at from org_channel_config where org_id = ? and channel = 'WHATSAPP'`,
    [orgId],
  );
  return rows[0];
}

function viewOf(row: Row | undefined): WhatsAppConfigView {
  const set = (name: SecretName) => Boolean(row?.secrets[name]);
  return {
    configured: Boolean(row) && WHATSAPP_SECRETS.every(set),
    phoneNumberId: row?.account_id ?? null,
    appSecretSet: set('appSecret'),
    accessTokenSet: set('accessToken'),
    verifyTokenSet: set('verifyToken'),
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
  };
}

export async function whatsAppConfigView(em: Em, orgId: string): Promise<WhatsAppConfigView> {
  return viewOf(await rowOf(em, orgId));
}

/** The organisation's number with its secrets opened, or null while it has none (or an incomplete one). */
export async function readWhatsAppConfig(em: Em, orgId: string, key: Buffer): Promise<WhatsAppConfig | null> {
  const row = await rowOf(em, orgId);
  if (!row || !WHATSAPP_SECRETS.every((n) => row.secrets[n])) return null;
  const open = (name: SecretName) => openSecret(key, row.secrets[name]!, sealContext(orgId, name));
  return {
    phoneNumberId: row.account_id,
    appSecret: open('appSecret'),
    accessToken: open('accessToken'),
    verifyToken: open('verifyToken'),
  };
}

/** The secrets neither given nor already stored: a first configuration needs all of them. */
export async function missingWhatsAppSecrets(em: Em, orgId: string, input: WhatsAppConfigInput) {
  const row = await rowOf(em, orgId);
  return WHATSAPP_SECRETS.filter((n) => !input[n] && !row?.secrets[n]);
}

/**
 * Creates or changes the organisation's number; a secret left out keeps its stored value. Audited
 * with the view and the names of the secrets replaced, never a secret.
 */
export async function saveWhatsAppConfig(
  em: Em,
  ctx: TenantContext,
  key: Buffer,
  input: WhatsAppConfigInput,
): Promise<WhatsAppConfigView> {
  const row = await rowOf(em, ctx.orgId);
  const secrets: Partial<Record<SecretName, string>> = { ...row?.secrets };
  for (const name of WHATSAPP_SECRETS) {
    const value = input[name];
    if (value) secrets[name] = sealSecret(key, value, sealContext(ctx.orgId, name));
  }
  const id = row?.id ?? randomUUID();
  await em.execute(
    `insert into org_channel_config (id, org_id, channel, account_id, secrets, created_at, updated_at, updated_by)
     values (?, ?, 'WHATSAPP', ?, ?::jsonb, now(), now(), ?)
     on conflict (org_id, channel) do update set account_id = excluded.account_id, secrets = excluded.secrets,
       version = org_channel_config.version + 1, updated_at = clock_timestamp(), updated_by = excluded.updated_by`,
    [id, ctx.orgId, input.phoneNumberId, JSON.stringify(secrets), ctx.userId ?? null],
  );
  const after = await whatsAppConfigView(em, ctx.orgId);
  await recordAudit(em, ctx, {
    entityType: 'ChannelConfig',
    entityId: id,
    action: row ? 'UPDATE' : 'CREATE',
    before: row ? { ...viewOf(row) } : null,
    after: { ...after, secretsReplaced: WHATSAPP_SECRETS.filter((n) => input[n]) },
  });
  return after;
}
