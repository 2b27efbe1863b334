/**
 * A clone in a private folder (mode 0700, as root's home or any `mktemp -d`), started as root: the
 * embedded PostgreSQL runs as the `postgres` system user, who cannot reach that folder, so its
 * binaries are run from a shared copy and its data kept in a reachable place (issue 16). Root-only
 * by nature: as another user PostgreSQL runs as that user and reaches its own files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const isRoot = process.getuid?.() === 0;
const dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-private-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(isRoot)('first run in a private folder as root', () => {
  it('starts the embedded PostgreSQL from a 0700 clone and answers queries', () => {
    chmodSync(dir, 0o700);
    const clone = path.join(dir, 'atlas');
    execFileSync('git', ['clone', '-q', '--no-hardlinks', process.cwd(), clone]);
    // The dependencies as npm installs them: real files inside the private tree (hard links, quick).
    execFileSync('cp', ['-al', path.resolve('node_modules'), path.join(clone, 'node_modules')]);
    const script = `
      import pg from 'pg';
      import { startEmbeddedPostgres } from './runtime/postgres.ts';
      const db = await startEmbeddedPostgres({ dataDir: '.data/postgres', persistent: false, log: (l) => console.error(l) });
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const r = await c.query('select current_user as who, 41 + 1 as answer');
      console.log(JSON.stringify(r.rows[0]));
      await c.end();
      await db.stop();`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: clone,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toEqual({ who: 'postgres', answer: 42 });
  }, 180_000);
});
