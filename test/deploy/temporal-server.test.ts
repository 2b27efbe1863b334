/**
 * Issue 20: with TEMPORAL_MODE=server (`npm run test:engine-server`, part of `npm test`) the suite runs on
 * the real Temporal server on PostgreSQL that `npm run temporal:server` starts — not the dev server. This
 * file proves which engine the engine and durability suites of that run talked to.
 */
import { Connection } from '@temporalio/client';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DYNAMIC_CONFIG,
  ensureTemporalServerBinaries,
  TEMPORAL_SERVER_VERSION,
} from '../../runtime/temporal-pg-server.js';
import { SEARCH_ATTRIBUTES } from '../../runtime/temporal-admin.js';
import { freePort } from '../../runtime/postgres.js';
import { startTemporalUiServer, TEMPORAL_UI_SERVER_VERSION } from '../../runtime/temporal-ui-server.js';

describe.skipIf(process.env.TEMPORAL_MODE !== 'server')('the suite on the real Temporal server', () => {
  it('is Temporal 1.29.1 persisting in PostgreSQL, with the namespace and search attributes set up', async () => {
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    try {
      const info = await connection.workflowService.getSystemInfo({});
      expect(info.serverVersion).toBe(TEMPORAL_SERVER_VERSION.replace(/^v/, ''));
      const attributes = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      for (const name of SEARCH_ATTRIBUTES)
        expect(Object.keys(attributes.customAttributes ?? {})).toContain(name);
    } finally {
      await connection.close();
    }
    // The server's own tables, in the PostgreSQL database the setup created for it.
    const db = new pg.Client({ connectionString: inject('temporalDatabaseUrl') });
    await db.connect();
    try {
      const namespaces = await db.query<{ name: string }>('select name from namespaces');
      expect(namespaces.rows.map((r) => r.name)).toEqual(
        expect.arrayContaining(['default', 'temporal-system']),
      );
      const version = await db.query<{ curr_version: string }>('select curr_version from schema_version');
      expect(version.rows[0]?.curr_version).toMatch(/^1\.\d+$/);
    } finally {
      await db.end();
    }
  });

  it('accepts the committed dynamic config: every key known to 1.29.1, every value of its type', () => {
    const home = ensureTemporalServerBinaries();
    const run = spawnSync(`${home}/bin/server`, ['validate-dynamic-config', DYNAMIC_CONFIG], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/warning|error/i);
  });

  it(`serves the Temporal Web UI ${TEMPORAL_UI_SERVER_VERSION} for it, as the dev server does`, async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-temporal-ui-'));
    const ui = await startTemporalUiServer({
      temporalAddress: inject('temporalAddress'),
      port: await freePort(),
      dataDir,
    });
    try {
      // The UI server's proxy to the frontend: what the UI's screens call.
      const res = await fetch(`${ui.url.replace('localhost', '127.0.0.1')}/api/v1/namespaces`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { namespaces: { namespaceInfo: { name: string } }[] };
      expect(body.namespaces.map((n) => n.namespaceInfo.name)).toContain('default');
      // And the screens themselves (the single-page app's shell).
      const page = await fetch(`${ui.url.replace('localhost', '127.0.0.1')}/namespaces/default/workflows`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
    } finally {
      await ui.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
