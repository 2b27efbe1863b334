import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WORKFLOWS_PATH } from '../../worker/create-worker.js';
import { spawnWorkerProcess } from '../helpers/spawn-worker.js';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { createDossier, transition } from '../helpers/dossiers.js';

const queue = `kill-test-${Date.now().toString(36)}`;
// `npm run test:faults` runs these at the scale: 500 in-flight transitions, 3,000 on one dossier.
const FULL = process.env.FAULT_SCALE === 'full';
const IN_FLIGHT = FULL ? 500 : 40;
const LONG_LIVED = FULL ? 3000 : 16;
const startWorker = () =>
  spawnWorkerProcess({
    appUrl: inject('appUrl'),
    temporalAddress: inject('temporalAddress'),
    taskQueue: queue,
  });
let t: TestApp;
let agent: Awaited<ReturnType<typeof login>>;
let worker: ChildProcess | undefined;

async function queryWhenReady<T>(query: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await query();
    } catch (err) {
      if (attempt > 20 || !String(err).includes('not scheduled yet')) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

beforeAll(async () => {
  t = await buildTestApp({ TEMPORAL_TASK_QUEUE: queue, DOSSIER_HISTORY_LIMIT: '60' });
  agent = await login(t.app, 'agent@demo.test', 'demo');
  worker = await startWorker();
});
afterAll(async () => {
  worker?.kill('SIGKILL');
  await t.close();
});

describe('durability', () => {
  it(
    'applies every accepted transition exactly once when the worker is SIGKILLed mid-flight',
    { timeout: FULL ? 900_000 : 120_000 },
    async () => {
      const dossiers = [];
      for (let i = 0; i < IN_FLIGHT; i++)
        dossiers.push(await createDossier(t.app, agent.headers, { budgetMax: 100000, title: `Kill ${i}` }));
      const inFlight = Promise.all(
        dossiers.map((d, i) =>
          transition(
            t.app,
            agent.headers,
            d.id,
            i % 2 ? { to: 'QUALIFIED' } : { to: 'LOST', reasonCode: 'BUDGET' },
          ),
        ),
      );
      await new Promise((r) => setTimeout(r, 150));
      worker!.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 500));
      worker = await startWorker();
      const results = await inFlight;
      for (const [i, d] of dossiers.entries()) {
        const expected = i % 2 ? 'QUALIFIED' : 'LOST';
        const res = results[i]!;
        const history = (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/dossiers/${d.id}/history`,
            headers: agent.headers,
          })
        ).json().data;
        const current = (
          await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: agent.headers })
        ).json();
        if (res.statusCode === 200) {
          expect(history, `dossier ${i}`).toHaveLength(2);
          expect(current.statusCode).toBe(expected);
        } else {
          // Not accepted (e.g. the request timed out): nothing half-written either way.
          expect(history.length).toBeLessThanOrEqual(2);
          expect(res.statusCode).toBeGreaterThanOrEqual(500);
        }
      }
      expect(results.filter((r) => r.statusCode === 200).length).toBeGreaterThan(IN_FLIGHT * 0.75);
    },
  );

  it(
    'continues as new before the history grows without bound, losing nothing',
    { timeout: FULL ? 900_000 : 120_000 },
    async () => {
      const d = await createDossier(t.app, agent.headers, { budgetMax: 100000 });
      const handle = t.temporal.workflow.getHandle(d.workflowId);
      const firstRun = (await handle.describe()).runId;
      let to = 'QUALIFIED';
      for (let i = 0; i < LONG_LIVED; i++) {
        const res = await transition(t.app, agent.headers, d.id, { to });
        expect(res.statusCode, res.body).toBe(200);
        to = to === 'QUALIFIED' ? 'NEW' : 'QUALIFIED';
      }
      const description = await t.temporal.workflow.getHandle(d.workflowId).describe();
      expect(description.runId).not.toBe(firstRun);
      expect(description.status.name).toBe('RUNNING');
      const history = (
        await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/history`, headers: agent.headers })
      ).json().data;
      expect(history).toHaveLength(LONG_LIVED + 1);
      // Right after a continue-as-new the new run may not have its first task yet: a query can be
      // refused with FAILED_PRECONDITION for a moment.
      const state = await queryWhenReady(() =>
        t.temporal.workflow
          .getHandle(d.workflowId)
          .query<{ statusCode: string; historyLength: number }>('state'),
      );
      expect(state.statusCode).toBe('NEW');
      expect(state.historyLength).toBeLessThan(80);
    },
  );

  it(
    'replays recorded histories against the current workflow code (determinism guard)',
    { timeout: FULL ? 900_000 : 120_000 },
    async () => {
      const d = await createDossier(t.app, agent.headers, { budgetMax: 100000 });
      for (const to of ['QUALIFIED', 'APPOINTMENT', 'QUALIFIED', 'LOST']) {
        const res = await transition(
          t.app,
          agent.headers,
          d.id,
          to === 'LOST' ? { to, reasonCode: 'BUDGET' } : { to },
        );
        expect(res.statusCode).toBe(200);
      }
      const history = await t.temporal.workflow.getHandle(d.workflowId).fetchHistory();
      await expect(
        Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH }, history, d.workflowId),
      ).resolves.toBeUndefined();
      // Histories recorded by earlier versions of the code must still replay (committed fixtures).
      const fixtures = path.resolve('test/fixtures/histories');
      if (process.env.UPDATE_HISTORY_FIXTURES)
        writeFileSync(path.join(fixtures, 'dossier-walk.json'), historyToJSON(history));
      const files = readdirSync(fixtures).filter((f) => f.endsWith('.json'));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const recorded = JSON.parse(readFileSync(path.join(fixtures, file), 'utf8'));
        await expect(
          Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH }, recorded, file),
        ).resolves.toBeUndefined();
      }
    },
  );
});
