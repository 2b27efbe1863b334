import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from './env.js';

/** Where development keeps the secrets it generated for itself (one set per data directory). */
export const devSecretPath = (env: Pick<Env, 'DATA_DIR'>, name: string) =>
  path.resolve(env.DATA_DIR, 'secrets', name);

function readOrCreate(file: string, make: () => string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      // `wx`: of two processes starting at once (API and worker), the second reads the first's value.
      writeFileSync(file, `${make()}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return readFileSync(file, 'utf8').trim();
  }
}

/**
 * In development only, secrets the environment leaves unset are generated once per DATA_DIR and kept
 * under DATA_DIR/secrets (mode 0600), so the API and the worker of one `.data` agree and a restart
 * still opens what was sealed: the channel-config encryption key and the /metrics bearer token.
 * Never printed; `npm start` says where the metrics token is. Other modes are returned unchanged.
 */
export function withDevSecrets(env: Env): Env {
  if (env.NODE_ENV !== 'development') return env;
  return {
    ...env,
    CONFIG_ENCRYPTION_KEY:
      env.CONFIG_ENCRYPTION_KEY ??
      readOrCreate(devSecretPath(env, 'config-encryption.key'), () => randomBytes(32).toString('base64')),
    METRICS_TOKEN:
      env.METRICS_TOKEN ??
      readOrCreate(devSecretPath(env, 'metrics-token'), () => randomBytes(24).toString('base64url')),
  };
}
