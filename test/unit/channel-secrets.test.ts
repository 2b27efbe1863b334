import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { devSecretPath, withDevSecrets } from '../../config/dev-secrets.js';
import { ConfigError, loadEnv } from '../../config/env.js';
import { openSecret, parseEncryptionKey, sealSecret, SecretBoxError } from '../../config/secret-box.js';

const key = randomBytes(32);

describe('sealed channel secrets (AES-256-GCM)', () => {
  it('opens what it sealed, with a fresh IV each time, and never shows the plaintext', () => {
    const a = sealSecret(key, 'app-secret-value', 'org-1/WHATSAPP/appSecret');
    const b = sealSecret(key, 'app-secret-value', 'org-1/WHATSAPP/appSecret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('app-secret-value');
    expect(a).not.toContain(Buffer.from('app-secret-value').toString('base64url'));
    expect(openSecret(key, a, 'org-1/WHATSAPP/appSecret')).toBe('app-secret-value');
  });

  it('refuses another key, another owner and a tampered value', () => {
    const sealed = sealSecret(key, 'token', 'org-1/WHATSAPP/accessToken');
    expect(() => openSecret(randomBytes(32), sealed, 'org-1/WHATSAPP/accessToken')).toThrow(SecretBoxError);
    expect(() => openSecret(key, sealed, 'org-2/WHATSAPP/accessToken')).toThrow(SecretBoxError);
    const [v, iv, tag, data] = sealed.split('.');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() =>
      openSecret(key, [v, iv, tag, flipped.toString('base64url')].join('.'), 'org-1/WHATSAPP/accessToken'),
    ).toThrow(SecretBoxError);
    expect(() => openSecret(key, 'plain-text', 'org-1/WHATSAPP/accessToken')).toThrow(SecretBoxError);
  });

  it('takes a key of exactly 32 bytes in base64; production refuses to start without one', () => {
    expect(parseEncryptionKey(key.toString('base64'))).toEqual(key);
    expect(() => parseEncryptionKey(randomBytes(16).toString('base64'))).toThrow(SecretBoxError);
    expect(() => parseEncryptionKey('not base64 at all!')).toThrow(SecretBoxError);
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgres://a@b/c',
      TEMPORAL_ADDRESS: 't:7233',
      APP_DB_PASSWORD: 'secret',
    };
    expect(() => loadEnv(production)).toThrow(/CONFIG_ENCRYPTION_KEY/);
    expect(() => loadEnv({ ...production, CONFIG_ENCRYPTION_KEY: 'short' })).toThrow(ConfigError);
    expect(
      loadEnv({ ...production, CONFIG_ENCRYPTION_KEY: key.toString('base64') }).CONFIG_ENCRYPTION_KEY,
    ).toBe(key.toString('base64'));
  });
});

describe('development secrets', () => {
  it('are generated once per data directory (0600) and read back; other modes are left alone', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-dev-secrets-'));
    try {
      const env = loadEnv({ NODE_ENV: 'development', DATA_DIR: dir });
      const first = withDevSecrets(env);
      expect(parseEncryptionKey(first.CONFIG_ENCRYPTION_KEY!)).toHaveLength(32);
      expect(first.METRICS_TOKEN!.length).toBeGreaterThanOrEqual(16);
      expect(withDevSecrets(env)).toMatchObject({
        CONFIG_ENCRYPTION_KEY: first.CONFIG_ENCRYPTION_KEY,
        METRICS_TOKEN: first.METRICS_TOKEN,
      });
      expect(statSync(devSecretPath(env, 'metrics-token')).mode & 0o777).toBe(0o600);
      const other = withDevSecrets(loadEnv({ NODE_ENV: 'development', DATA_DIR: path.join(dir, 'other') }));
      expect(other.CONFIG_ENCRYPTION_KEY).not.toBe(first.CONFIG_ENCRYPTION_KEY);
      const given = withDevSecrets({ ...env, METRICS_TOKEN: 'given-token-0123456789' });
      expect(given.METRICS_TOKEN).toBe('given-token-0123456789');
      const test = loadEnv({ NODE_ENV: 'test', DATA_DIR: dir });
      expect(withDevSecrets(test)).toEqual(test);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
