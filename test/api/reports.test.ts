import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
