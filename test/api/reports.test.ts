import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { publishTestDefinition } from '../helpers/definitions.js';
import { createDossier, transition } from '../helpers/dossiers.js';

let t: TestApp;
let agent: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await buildTestApp();
  agent = await login(t.app, 'agent@demo.test', 'demo');
});
afterAll(() => t.close());

/** An organisation's rollup rows of one case type, in key order (to compare with a rebuild). */
async function rollupSnapshot(owner: pg.Client, orgId: string, caseType: string) {
  const funnel = await owner.query(
    `select created_day::text, definition_version, status_code, reached, stays, round(stay_seconds::numeric, 3)::text as secs, stay_histogram
       from funnel_stage_rollup where org_id = $1 and case_type = $2 order by 1, 2, 3`,
    [orgId, caseType],
  );
  const outcomes = await owner.query(
    `select created_day::text, source, status_code, close_reason_code, closed, n
       from dossier_outcome_rollup where org_id = $1 and case_type = $2 and n <> 0 order by 1, 2, 3, 4, 5`,
    [orgId, caseType],
  );
  const open = await owner.query(
    `select status_code, agent_id, n, weighted::text from open_dossier_rollup
      where org_id = $1 and case_type = $2 and n <> 0 order by 1, 2`,
    [orgId, caseType],
  );
  return { funnel: funnel.rows, outcomes: outcomes.rows, open: open.rows };
}

describe('funnel report (F-9.2)', () => {
  it('counts who reached each stage, conversion, time in stage, reasons and sources', async () => {
    const caseType = await publishTestDefinition(t.orm, agent.user.orgId, {
      name: { fr: 'Entonnoir' },
      states: [
        { code: 'NEW', initial: true },
        { code: 'QUALIFIED' },
        { code: 'NEGOTIATION' },
        { code: 'WON', terminal: true, reasonType: 'WON' },
        { code: 'LOST', terminal: true, reasonType: 'LOSS' },
      ],
      transitions: [
        { from: 'NEW', to: 'QUALIFIED' },
        { from: 'QUALIFIED', to: 'NEW' },
        { from: 'QUALIFIED', to: 'NEGOTIATION' },
        { from: 'NEGOTIATION', to: 'WON' },
        { from: 'NEW', to: 'LOST' },
        { from: 'QUALIFIED', to: 'LOST' },
        { from: 'NEGOTIATION', to: 'LOST' },
      ],
    });
    const walk = async (source: string, steps: Array<{ to: string; reasonCode?: string }>) => {
      const d = await createDossier(t.app, agent.headers, { caseType, source });
      for (const step of steps)
        expect((await transition(t.app, agent.headers, d.id, step)).statusCode).toBe(200);
    };
    await walk('WEBSITE', [
      { to: 'QUALIFIED' },
      { to: 'NEGOTIATION' },
      { to: 'WON', reasonCode: 'OFFER_ACCEPTED' },
    ]);
    await walk('WEBSITE', [
      { to: 'QUALIFIED' },
      { to: 'NEW' },
      { to: 'QUALIFIED' },
      { to: 'LOST', reasonCode: 'BUDGET' },
    ]);
    await walk('PHONE', [{ to: 'LOST', reasonCode: 'BUDGET' }]);
    await walk('PHONE', []);

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/funnel?caseType=${caseType}`,
      headers: agent.headers,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const stage = (code: string) => body.stages.find((s: { statusCode: string }) => s.statusCode === code);
    expect(stage('NEW').reached).toBe(4);
    // The dossier that went back to NEW and forward again counts once.
    expect(stage('QUALIFIED').reached).toBe(2);
    expect(stage('NEGOTIATION').reached).toBe(1);
    expect(stage('WON').reached).toBe(1);
    expect(stage('LOST').reached).toBe(2);
    expect(stage('NEW').conversionToNext).toBe(0.5);
    expect(stage('QUALIFIED').conversionToNext).toBe(0.5);
    expect(stage('NEW').avgHoursInStage).toBeGreaterThanOrEqual(0);
    expect(body.closeReasons).toEqual(
      expect.arrayContaining([
        { statusCode: 'LOST', reasonCode: 'BUDGET', count: 2 },
        { statusCode: 'WON', reasonCode: 'OFFER_ACCEPTED', count: 1 },
      ]),
    );
    expect(body.sources).toEqual(
      expect.arrayContaining([
        { source: 'WEBSITE', leads: 2, wins: 1, winRate: 0.5 },
        { source: 'PHONE', leads: 2, wins: 0, winRate: 0 },
      ]),
    );
    expect(body.byDefinitionVersion).toContainEqual({ definitionVersion: 1, statusCode: 'NEW', reached: 4 });

    const future = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/funnel?caseType=${caseType}&from=2099-01-01T00:00:00Z`,
      headers: agent.headers,
    });
    expect(future.json().stages[0].reached).toBe(0);
    const rival = await login(t.app, 'agent@rival.test', 'rival');
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/reports/funnel?caseType=${caseType}`,
          headers: rival.headers,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('keeps the rollups equal to a recomputation from the facts after transitions and back moves', async () => {
    const caseType = await publishTestDefinition(t.orm, agent.user.orgId, {
      name: { fr: 'Cohérence' },
      states: [
        { code: 'A', initial: true },
        { code: 'B' },
        { code: 'C', terminal: true, reasonType: 'LOSS' },
      ],
      transitions: [
        { from: 'A', to: 'B' },
        { from: 'B', to: 'A' },
        { from: 'B', to: 'C' },
      ],
    });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const d = await createDossier(t.app, agent.headers, { caseType, source: i % 2 ? 'PHONE' : 'WEBSITE' });
      ids.push(d.id);
      for (const to of ['B', 'A', 'B', 'C'].slice(0, i + 1))
        expect((await transition(t.app, agent.headers, d.id, { to, reasonCode: 'BUDGET' })).statusCode).toBe(
          200,
        );
    }
    const owner = new pg.Client({ connectionString: inject('ownerUrl') });
    await owner.connect();
    try {
      const snapshot = () => rollupSnapshot(owner, agent.user.orgId, caseType);
      const incremental = await snapshot();
      expect(incremental.funnel.find((r) => r.status_code === 'B')).toMatchObject({ reached: 4, stays: 4 });
      expect(incremental.outcomes.map((r) => `${r.status_code}:${r.n}`).sort()).toEqual([
        'A:1',
        'B:2',
        'C:1',
      ]);
      expect(incremental.open.map((r) => `${r.status_code}:${r.n}`)).toEqual(['A:1', 'B:2']); // C is closed
      await owner.query('select rollups_rebuild($1)', [agent.user.orgId]);
      expect(await snapshot()).toEqual(incremental);
    } finally {
      await owner.end();
    }
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/funnel?caseType=${caseType}`,
      headers: agent.headers,
    });
    const b = res.json().stages.find((s: { statusCode: string }) => s.statusCode === 'B');
    expect(b.reached).toBe(4);
    expect(b.medianHoursInStage).toBeGreaterThanOrEqual(0);
    expect(b.medianHoursInStage).toBeLessThan(0.01); // stays of milliseconds, not hours
  });
  it('keeps the rollups exact when one organisation writes dossiers concurrently (no organisation lock)', async () => {
    const caseType = await publishTestDefinition(t.orm, agent.user.orgId, {
      name: { fr: 'Concurrence' },
      states: [
        { code: 'A', initial: true },
        { code: 'B' },
        { code: 'C', terminal: true, reasonType: 'LOSS' },
      ],
      transitions: [
        { from: 'A', to: 'B' },
        { from: 'B', to: 'A' },
        { from: 'B', to: 'C' },
      ],
    });
    const n = 12;
    const dossiers = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        createDossier(t.app, agent.headers, { caseType, source: i % 2 ? 'PHONE' : 'WEBSITE' }),
      ),
    );
    const moveAll = (to: (i: number) => string) =>
      Promise.all(
        dossiers.map(async (d, i) =>
          expect(
            (await transition(t.app, agent.headers, d.id, { to: to(i), reasonCode: 'BUDGET' })).statusCode,
          ).toBe(200),
        ),
      );
    await moveAll(() => 'B');
    await moveAll((i) => (i % 3 ? 'A' : 'C'));
    const owner = new pg.Client({ connectionString: inject('ownerUrl') });
    await owner.connect();
    try {
      const incremental = await rollupSnapshot(owner, agent.user.orgId, caseType);
      expect(incremental.funnel.find((r) => r.status_code === 'B')).toMatchObject({ reached: n, stays: n });
      await owner.query('select rollups_rebuild($1)', [agent.user.orgId]);
      expect(await rollupSnapshot(owner, agent.user.orgId, caseType)).toEqual(incremental);
    } finally {
      await owner.end();
    }
  });
});
