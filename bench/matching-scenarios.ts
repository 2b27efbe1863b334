/**
 * Matching at scale (F-8.2): one organisation with 1,000 then 100,000 listings (seed/bulk-annonces.ts),
 * `POST /dossiers/{id}/matches?limit=10` over real HTTP for a few realistic searches, p50/p95 at both
 * sizes and their ratio (target: p95 ≤ 150 ms, ≤ 2× growth), plus the prefilter's plan.
 */
import type pg from 'pg';
import { bulkLoadAnnonces, ensureBenchOrg } from '../seed/bulk-load.js';
import type { Orm } from '../db/orm.js';
import { runPool, summarize, type ScenarioStats } from './stats.js';

interface Ctx {
  base: string;
  ownerOrm: Orm;
  db: pg.ClientBase;
  quick: boolean;
  log: (m: string) => void;
}

const PASSWORD = 'demo1234';
const TARGET_P95_MS = 150;
const SEARCHES = [
  {
    caseType: 'ACHAT',
    budgetMin: 250_000,
    budgetMax: 400_000,
    criteria: { cities: ['Lyon'], roomsMin: 3, bedroomsMin: 2, surfaceMin: 60, niceFeatures: ['BALCONY'] },
  },
  {
    caseType: 'ACHAT',
    budgetMax: 900_000,
    criteria: {
      zones: ['PARIS_MARAIS', 'PARIS_BASTILLE'],
      propertyTypes: ['APARTMENT'],
      roomsMin: 3,
      requiredFeatures: ['ELEVATOR'],
    },
  },
  {
    caseType: 'LOCATION',
    budgetMax: 1_400,
    criteria: { cities: ['Bordeaux'], roomsMin: 2, niceFeatures: ['FURNISHED'] },
  },
  {
    caseType: 'ACHAT',
    budgetMax: 350_000,
    criteria: { near: { lat: 47.214, lng: -1.556, radiusKm: 2 }, roomsMin: 2 },
  },
  {
    caseType: 'LOCATION',
    budgetMin: 800,
    budgetMax: 2_000,
    criteria: { cities: ['Marseille', 'Lille'], bedroomsMin: 2 },
  },
];

async function api(base: string, token: string, method: string, url: string, body?: unknown) {
  const res = await fetch(base + url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as Record<string, unknown>;
  return { status: res.status, json };
}

async function measure(ctx: Ctx, token: string, dossiers: string[], label: string): Promise<ScenarioStats> {
  const run = (i: number) =>
    api(ctx.base, token, 'POST', `/api/v1/dossiers/${dossiers[i % dossiers.length]}/matches?limit=10`).then(
      (r) => r.status === 200 && Array.isArray(r.json.data) && (r.json.data as unknown[]).length === 10,
    );
  await runPool(ctx.quick ? 10 : 40, 1, run); // warm-up: plans, caches, JIT
  const r = await runPool(ctx.quick ? 50 : 300, 1, run);
  const stats = summarize(r.latencies, r.errors, r.wallMs);
  ctx.log(`matching top 10 @${label}: p50 ${stats.p50} ms, p95 ${stats.p95} ms, errors ${stats.errors}`);
  return stats;
}

/** The prefilter's plan for the first search, as annonce_match_candidates runs it (owner, one org). */
async function explainPrefilter(ctx: Ctx, orgId: string) {
  const plan = await ctx.db.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers, costs off)
     select a.id from annonce a
      where a.org_id = $1 and a.status_code = 'AVAILABLE' and a.transaction = 'SALE'
        and a.price_cents <= 42000000 and (a.city_key = any('{lyon}'::text[]))`,
    [orgId],
  );
  return plan.rows.map((r) => r['QUERY PLAN']);
}

export async function matchingScenarios(ctx: Ctx) {
  const slug = 'bench-matching';
  const orgId = await ensureBenchOrg(ctx.ownerOrm, slug, PASSWORD);
  const login = await fetch(`${ctx.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `agent@${slug}.test`, password: PASSWORD, org: slug }),
  });
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  const dossiers: string[] = [];
  for (const [i, s] of SEARCHES.entries()) {
    const res = await api(ctx.base, token, 'POST', '/api/v1/dossiers', { title: `Recherche ${i + 1}`, ...s });
    if (res.status !== 201) throw new Error(`bench dossier: ${res.status} ${JSON.stringify(res.json)}`);
    dossiers.push(res.json.id as string);
  }
  const small = 1_000;
  const large = 100_000;
  const first = await bulkLoadAnnonces(ctx.db, { orgId, count: small, batch: 's' });
  ctx.log(`bulk-loaded ${small} listings in ${first.ms} ms`);
  const atSmall = await measure(ctx, token, dossiers, '1k');
  const second = await bulkLoadAnnonces(ctx.db, { orgId, count: large - small, batch: 'l' });
  ctx.log(`bulk-loaded ${large - small} more listings in ${second.ms} ms`);
  const atLarge = await measure(ctx, token, dossiers, '100k');
  const growth = Math.round((atLarge.p95 / Math.max(atSmall.p95, 0.01)) * 100) / 100;
  const targets = {
    'matching p95 @100k ≤ 150 ms': { value: atLarge.p95, ok: atLarge.p95 <= TARGET_P95_MS },
    'matching p95 growth 1k→100k ≤ 2×': { value: growth, ok: growth <= 2 },
  };
  return {
    sizes: {
      '1k': { rows: small, loadMs: first.ms, stats: atSmall },
      '100k': { rows: large, loadMs: second.ms, stats: atLarge },
    },
    growthP95: growth,
    prefilterPlan: await explainPrefilter(ctx, orgId),
    targets,
  };
}
