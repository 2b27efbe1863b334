import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (tenant channel credentials): AES-256-GCM under CONFIG_ENCRYPTION_KEY, a fresh
 * 96-bit IV per value, and the owner (org, channel, secret name) as additional authenticated data, so
 * a ciphertext copied onto another organisation's row does not decrypt. Stored as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url); the version leaves room for a key rotation.
 */
const VERSION = 'v1';

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/** The key as configured: base64 of exactly 32 bytes (`openssl rand -base64 32`). */
export function parseEncryptionKey(value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32 || key.toString('base64') !== value.replace(/\s+/g, ''))
    throw new SecretBoxError('CONFIG_ENCRYPTION_KEY must be the base64 of 32 random bytes.');
  return key;
}

export function sealSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function openSecret(key: Buffer, sealed: string, context: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined)
    throw new SecretBoxError('not a sealed secret of a known version');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SecretBoxError('the secret does not open with this key (wrong key, or moved to another owner)');
  }
}
