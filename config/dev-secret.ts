import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where a development install keeps its token-signing secret, inside its data directory. */
export const DEV_SECRET_FILE = 'jwt-secret';

const MIN_LENGTH = 32;

/**
 * The token-signing secret of a development install: read from `DATA_DIR/jwt-secret`, created on
 * first use (48 random bytes, mode 0600). Each data directory has its own, so a token minted for one
 * local install — or with a constant from the source — is worthless on another. Never logged.
 */
export function devJwtSecret(dataDir: string): string {
  const file = path.resolve(dataDir, DEV_SECRET_FILE);
  const existing = readSecret(file);
  if (existing !== undefined) return existing;
  mkdirSync(path.dirname(file), { recursive: true });
  // Written aside, then linked into place: the API and the worker may start at the same moment, and
  // link() is atomic and fails if the file exists, so both end up reading one complete secret.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  chmodSync(draft, 0o600); // whatever the umask
  try {
    linkSync(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(draft);
  }
  return readSecret(file)!;
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (text.length < MIN_LENGTH) {
    throw new Error(
      `${file} holds a secret shorter than ${MIN_LENGTH} characters; delete it to get a new one.`,
    );
  }
  // A copy made with looser permissions is tightened rather than trusted as is.
  if (statSync(file).mode & 0o077) chmodSync(file, 0o600);
  return text;
}
