/**
 * Read scenarios at scale: bulk-loads organisations (seed/bulk-load.ts, read-only fixtures without
 * workflows), then measures lists, search, dashboard, funnel and the streamed CSV export over HTTP
 * at a 1k baseline and at the large size, with the large/small ratio and EXPLAIN on missed targets.
 */
import type pg from 'pg';
import { bulkLoadAcrossOrgs, bulkLoad, ensureBenchOrg } from '../seed/bulk-load.js';
import type { Orm } from '../db/orm.js';
import { explainScenario, type ReadScenario } from './explain.js';
import { runPool, summarize, type ScenarioStats } from './stats.js';

interface Ctx {
  base: string;
  ownerOrm: Orm;
  db: pg.ClientBase;
  quick: boolean;
  million: boolean;
  log: (m: string) => void;
}

const PASSWORD = 'demo1234';
const SEARCH = 'Camille Martin';
/** A bulk-loaded contact's phone (+33600001234), typed the French way, for the global search box. */
const PHONE = '06 00 00 12 34';
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

async function setUpOrg(ctx: Ctx, label: string, n: number) {
  const slug = `bench-${label}`;
  const orgId = await ensureBenchOrg(ctx.ownerOrm, slug, PASSWORD);
  const users = await ctx.db.query<{ id: string; email: string }>(
    `select id, email from app_user where org_id = $1`,
    [orgId],
  );
  const agentId = users.rows.find((u) => u.email.startsWith('agent@'))!.id;
  const loaded = await bulkLoad(ctx.db, {
    orgId,
    contacts: n,
    dossiers: n,
    agentIds: users.rows.map((u) => u.id),
  });
  ctx.log(`bulk-loaded ${n} contacts + ${n} dossiers into ${slug} in ${loaded.ms} ms`);
  const res = await fetch(`${ctx.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `admin@${slug}.test`, password: PASSWORD, org: slug }),
  });
  const token = ((await res.json()) as { accessToken: string }).accessToken;
  return { orgId, agentId, token, loadMs: loaded.ms };
}

/** Streams the export, counting rows and sampling the process RSS while it flows. */
async function measureExport(base: string, token: string) {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  let lines = 0;
  try {
    const res = await fetch(`${base}/api/v1/exports/contacts`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200 || !res.body) throw new Error(`export ${res.status}`);
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      for (const byte of chunk) if (byte === 10) lines++;
    }
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - t0;
  const rows = Math.max(0, lines - 1);
  return {
    rows,
    ms: Math.round(ms),
    rowsPerSec: Math.round((rows / ms) * 1000),
    rssBeforeMiB: mib(rssBefore),
    peakRssMiB: mib(peak),
    rssGrowthMiB: mib(peak - rssBefore),
  };
}

async function measureSize(ctx: Ctx, label: string, n: number) {
  const org = await setUpOrg(ctx, label, n);
  const urls: Record<Exclude<ReadScenario, 'export'>, string> = {
    contactFilter: `/api/v1/contacts?status=lead&source=WEBSITE&assignedAgentId=${org.agentId}&pageSize=25`,
    contactSearch: `/api/v1/contacts?q=${encodeURIComponent(SEARCH)}&pageSize=25`,
    dossierFilter: `/api/v1/dossiers?caseType=ACHAT&statusCode=NEGOTIATION&assignedAgentId=${org.agentId}&pageSize=25`,
    // The header's search box (issue 19): every kind the admin reads, 5 per kind, by name and by phone.
    globalSearch: `/api/v1/search?q=${encodeURIComponent(SEARCH)}&limit=5`,
    globalSearchPhone: `/api/v1/search?q=${encodeURIComponent(PHONE)}&limit=5`,
    dashboard: '/api/v1/dashboard',
    funnel: '/api/v1/reports/funnel?caseType=ACHAT',
  };
  const get = async (url: string) => {
    const res = await fetch(ctx.base + url, { headers: { authorization: `Bearer ${org.token}` } });
    await res.arrayBuffer();
    return res.status === 200;
  };
  const scenarios: Record<string, ScenarioStats> = {};
  for (const [name, url] of Object.entries(urls)) {
    await runPool(ctx.quick ? 5 : 20, 1, () => get(url)); // warm-up: plans, caches, JIT
    const run = await runPool(ctx.quick ? 30 : 200, 1, () => get(url));
    scenarios[name] = summarize(run.latencies, run.errors, run.wallMs);
    ctx.log(`${label} ${name}: p50 ${scenarios[name].p50} ms, p95 ${scenarios[name].p95} ms`);
  }
  await measureExport(ctx.base, org.token); // warm-up
  const exportRun = await measureExport(ctx.base, org.token);
  ctx.log(
    `${label} export: ${exportRun.rows} rows, ${exportRun.rowsPerSec} rows/s, +${exportRun.rssGrowthMiB} MiB`,
  );
  return {
    rows: n,
    loadMs: org.loadMs,
    orgId: org.orgId,
    agentId: org.agentId,
    scenarios,
    export: exportRun,
  };
}

export async function readScenarios(ctx: Ctx) {
  // Quick (CI): a 1k baseline and a small "large" size, to exercise the ratio without the wait.
  const largeN = ctx.quick ? 5_000 : 100_000;
  const largeLabel = ctx.quick ? '5k' : '100k';
  // First, so the 1k/100k organisations are measured inside a table of a million rows.
  let million: { contacts: number; orgs: number; loadMs: number } | undefined;
  if (ctx.million) {
    ctx.log('bulk-loading 1,000,000 contacts across ten organisations…');
    const t0 = performance.now();
    const orgs = await bulkLoadAcrossOrgs(ctx.ownerOrm, ctx.db, {
      total: 1_000_000,
      prefix: 'bench-m',
      password: PASSWORD,
    });
    million = { contacts: 1_000_000, orgs: orgs.length, loadMs: Math.round(performance.now() - t0) };
  }
  const small = await measureSize(ctx, '1k', 1_000);
  const large = await measureSize(ctx, largeLabel, largeN);
  const ratios = Object.fromEntries(
    Object.keys(small.scenarios).map((k) => [
      k,
      Math.round((large.scenarios[k]!.p95 / Math.max(small.scenarios[k]!.p95, 0.01)) * 100) / 100,
    ]),
  );
  const targets = {
    filterP95Le50ms: large.scenarios.contactFilter!.p95 <= 50 && large.scenarios.dossierFilter!.p95 <= 50,
    dashboardP95Le100ms: large.scenarios.dashboard!.p95 <= 100,
    globalSearchP95Le100ms:
      large.scenarios.globalSearch!.p95 <= 100 && large.scenarios.globalSearchPhone!.p95 <= 100,
    exportGe50kRowsPerSec: large.export.rowsPerSec >= 50_000,
    // Flat: streaming 100k rows may not grow the process by more than a fixed 64 MiB.
    exportMemoryFlat: large.export.rssGrowthMiB <= 64,
    latencyLargeLe2xSmall: Object.values(ratios).every((r) => r <= 2),
  };
  const missed: ReadScenario[] = [];
  if (!targets.filterP95Le50ms) missed.push('contactFilter', 'dossierFilter');
  if (!targets.dashboardP95Le100ms) missed.push('dashboard');
  if (!targets.globalSearchP95Le100ms) missed.push('globalSearch', 'globalSearchPhone');
  if (!targets.exportGe50kRowsPerSec || !targets.exportMemoryFlat) missed.push('export');
  for (const [k, r] of Object.entries(ratios))
    if (r > 2 && !missed.includes(k as ReadScenario)) missed.push(k as ReadScenario);
  const explain: Record<string, string[]> = {};
  for (const scenario of missed) {
    explain[scenario] = await explainScenario(ctx.ownerOrm, scenario, {
      orgId: large.orgId,
      agentId: large.agentId,
      search: SEARCH,
      phone: PHONE,
      hotStatuses: ['QUALIFIED', 'APPOINTMENT', 'VISIT', 'NEGOTIATION', 'CRM_QUALIFIED', 'CRM_PROPOSAL'],
    });
  }
  const strip = (s: typeof small) => ({
    rows: s.rows,
    loadMs: s.loadMs,
    scenarios: s.scenarios,
    export: s.export,
  });
  return {
    sizes: { '1k': strip(small), [largeLabel]: strip(large) },
    ratioP95LargeToSmall: ratios,
    targets,
    ...(million ? { million } : {}),
    ...(missed.length ? { explain } : {}),
  };
}
