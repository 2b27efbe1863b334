import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { historyProfile } from './history-profile.js';
import { writeTransition } from '../db/dossiers.js';
import { withTenant, type Orm } from '../db/orm.js';
import { evaluateTransitions } from '../definitions/guards.js';
import { builtInTemplate } from '../definitions/templates/index.js';
import { runPool, summarize, type ScenarioStats } from './stats.js';

interface Ctx {
  base: string;
  orm: Orm;
  temporal: Client;
  quick: boolean;
  log: (m: string) => void;
}

async function http(base: string, method: string, url: string, token: string | undefined, body?: unknown) {
  const res = await fetch(base + url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export async function scenarios({ base, orm, temporal, quick, log }: Ctx) {
  const login = await http(base, 'POST', '/api/v1/auth/login', undefined, {
    email: 'agent@demo.test',
    password: 'demo1234',
    org: 'demo',
  });
  const token = login.json.accessToken as string;
  const orgId = (login.json.user as { orgId: string }).orgId;
  const results: Record<string, ScenarioStats> = {};
  const create = async (title: string) => {
    const r = await http(base, 'POST', '/api/v1/dossiers', token, {
      caseType: 'ACHAT',
      title,
      budgetMax: 300000,
    });
    if (r.status !== 201) throw new Error(`create ${r.status}`);
    return r.json as { id: string };
  };
  const move = async (id: string, to: string) =>
    (await http(base, 'POST', `/api/v1/dossiers/${id}/transitions`, token, { to })).status === 200;

  log('warm-up…');
  for (let i = 0; i < 10; i++) await move((await create(`warm ${i}`)).id, 'QUALIFIED');

  const createN = quick ? 40 : 300;
  log(`dossier create × ${createN}`);
  const ids: string[] = [];
  const created = await runPool(createN, 1, async (i) => {
    ids.push((await create(`create ${i}`)).id);
    return true;
  });
  results.dossierCreate = summarize(created.latencies, created.errors, created.wallMs);

  const fleetN = quick ? 60 : 1000;
  log(`preparing ${fleetN} dossiers for the transition run…`);
  const fleet: string[] = [];
  const prepared = await runPool(fleetN, 8, async (i) => {
    fleet.push((await create(`fleet ${i}`)).id);
    return true;
  });
  results.dossierCreateConcurrent8 = summarize(prepared.latencies, prepared.errors, prepared.wallMs);

  log(`transitions over ${fleetN} dossiers, sequential (latency)…`);
  const sequentialN = Math.min(fleetN, quick ? 40 : 300);
  const seq = await runPool(sequentialN, 1, (i) => move(fleet[i]!, 'QUALIFIED'));
  results.transitionLatency = summarize(seq.latencies, seq.errors, seq.wallMs);

  log('sustained transitions, 16 in flight…');
  const rest = fleet.slice(sequentialN);
  const sustained = await runPool(rest.length, 16, (i) => move(rest[i]!, 'QUALIFIED'));
  const second = await runPool(fleet.length, 16, (i) => move(fleet[i]!, 'APPOINTMENT'));
  results.transitionSustained16 = summarize(
    [...sustained.latencies, ...second.latencies],
    sustained.errors + second.errors,
    sustained.wallMs + second.wallMs,
  );

  const ageN = quick ? 60 : 500;
  log(`one dossier aged to ${ageN} transitions…`);
  const agedDossier = (await create('aged')) as { id: string; workflowId: string };
  const aged = agedDossier.id;
  const ageLatencies: number[] = [];
  let to = 'QUALIFIED';
  let ageErrors = 0;
  for (let i = 0; i < ageN; i++) {
    const t0 = performance.now();
    if (!(await move(aged, to))) ageErrors++;
    ageLatencies.push(performance.now() - t0);
    to = to === 'QUALIFIED' ? 'NEW' : 'QUALIFIED';
  }
  const early = summarize(ageLatencies.slice(0, 20));
  const late = summarize(ageLatencies.slice(-20));
  results.transitionAge = {
    ...summarize(ageLatencies, ageErrors),
    p99FirstTwenty: early.p99,
    p99LastTwenty: late.p99,
    ratioLateToEarlyP99: Math.round((late.p99 / Math.max(early.p99, 0.01)) * 100) / 100,
  };

  const temporalProfile = await historyProfile(temporal, agedDossier.workflowId);

  log('durability baseline: the same transition in one SQL transaction, no Temporal…');
  const floorIds = ids.slice(0, quick ? 30 : 200);
  const floor = await runPool(floorIds.length, 1, async (i) => {
    await withTenant(orm, { orgId }, (em) =>
      writeTransition(
        em,
        { orgId },
        {
          orgId,
          dossierId: floorIds[i]!,
          from: 'NEW',
          to: 'LOST',
          terminal: true,
          reasonCode: 'BUDGET',
          actor: { userId: null, type: 'SYSTEM' },
          updateId: randomUUID(),
          definitionVersion: 1,
          at: new Date().toISOString(),
        },
      ),
    );
    return true;
  });
  results.transitionSqlFloor = summarize(floor.latencies, floor.errors, floor.wallMs);

  log('guard evaluations per second (pure)…');
  const def = builtInTemplate('ACHAT')!;
  const facts = {
    dossier: { id: 'bench', caseType: 'ACHAT', statusCode: 'NEW', budgetMax: 300000, amount: 250000 },
    counts: { activities: { CALL: 2, total: 2 }, appointments: { total: 0 }, messages: { total: 0 } },
  };
  const user = { roles: ['AGENT'], permissions: ['CRM_DEALS_STAGE_CHANGE'] };
  let evaluations = 0;
  const started = performance.now();
  while (performance.now() - started < (quick ? 300 : 2000)) {
    for (const state of ['NEW', 'NEGOTIATION', 'VISIT'])
      evaluations += evaluateTransitions(def, state, facts, user).length;
  }
  const guardPerSec = Math.round((evaluations / (performance.now() - started)) * 1000);

  const targets = {
    transitionP50Le25ms: results.transitionLatency.p50 <= 25,
    transitionP99Le100ms: results.transitionLatency.p99 <= 100,
    sustainedGe100PerSecZeroErrors:
      (results.transitionSustained16.throughputPerSec ?? 0) >= 100 &&
      results.transitionSustained16.errors === 0,
    createP99Le100ms: results.dossierCreate.p99 <= 100,
    noGrowthWithAgeLe1_5x: (results.transitionAge.ratioLateToEarlyP99 as number) <= 1.5,
  };
  return {
    scenarios: results,
    guardEvaluationsPerSec: guardPerSec,
    temporalProfileOfAgedDossier: temporalProfile,
    durabilityCostRatioP50:
      Math.round((results.transitionLatency.p50 / Math.max(results.transitionSqlFloor.p50, 0.01)) * 10) / 10,
    targets,
  };
}
