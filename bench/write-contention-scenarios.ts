/**
 * Write contention inside one tenant (issue 20): the same write mix — contact creation, activity
 * logging, dossier transitions — with 16 clients in one organisation, then 8 + 8 in two. Anything that
 * serialises an organisation's writes until commit (a per-organisation lock) shows as
 * `ratio = one-org ÷ two-org` below 1.
 */
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../db/audit.js';
import { withTenant, type Orm } from '../db/orm.js';

interface Ctx {
  base: string;
  orm: Orm;
  quick: boolean;
  log: (m: string) => void;
}

type Op = 'contact' | 'activity' | 'transition';
const OPS: Op[] = ['contact', 'activity', 'transition'];

async function post(base: string, url: string, token: string, body: unknown) {
  const res = await fetch(base + url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function login(base: string, org: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `agent@${org}.test`, password: 'demo1234', org }),
  });
  const body = (await res.json()) as { accessToken: string; user: { orgId: string } };
  return { token: body.accessToken, orgId: body.user.orgId };
}

/** A write transaction holds its connection this long after its audit row (statements, flush, round trips). */
const REST_OF_TRANSACTION_MS = 5;

/**
 * The audit write path without HTTP or CPU in the way: 16 transactions at a time, each an audit row
 * (recordAudit, the code every write uses) then REST_OF_TRANSACTION_MS before commit, spread over
 * `orgIds`. What a per-organisation lock held to commit costs shows here even on a loaded machine.
 */
async function auditPathPerSec(orm: Orm, orgIds: string[], ms: number) {
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async (_, k) => {
      const orgId = orgIds[k % orgIds.length]!;
      while (performance.now() - started < ms) {
        await withTenant(orm, { orgId }, async (em) => {
          await recordAudit(em, { orgId }, { entityType: 'Bench', entityId: randomUUID(), action: 'CREATE' });
          await em.execute(`select pg_sleep(${REST_OF_TRANSACTION_MS / 1000})`);
        });
        n++;
      }
    }),
  );
  return Math.round((n / ((performance.now() - started) / 1000)) * 10) / 10;
}

/** One client: its own dossier (toggled NEW ↔ QUALIFIED) and the contact it last created. */
interface Client {
  token: string;
  dossierId: string;
  status: 'NEW' | 'QUALIFIED';
  contactId: string | null;
}

async function prepareClient(base: string, token: string): Promise<Client> {
  const d = await post(base, '/api/v1/dossiers', token, {
    caseType: 'ACHAT',
    title: `contention ${randomUUID()}`,
    budgetMax: 300000,
  });
  if (d.status !== 201) throw new Error(`contention: dossier create ${d.status}`);
  return { token, dossierId: d.json.id as string, status: 'NEW', contactId: null };
}

/** Status (or error) of failed writes, by kind: why a run has errors, in the report. */
type Failures = Record<string, number>;

async function runOp(base: string, c: Client, op: Op, failures: Failures): Promise<boolean> {
  const ok = await runOpOnce(base, c, op).catch((err: unknown) => String(err).slice(0, 60));
  if (ok !== true) failures[`${op} ${ok}`] = (failures[`${op} ${ok}`] ?? 0) + 1;
  return ok === true;
}

async function runOpOnce(base: string, c: Client, op: Op): Promise<true | number> {
  if (op === 'contact' || !c.contactId) {
    const r = await post(base, '/api/v1/contacts', c.token, {
      firstName: 'Bench',
      lastName: `Contention ${randomUUID().slice(0, 8)}`,
      email: `contention.${randomUUID()}@example.test`,
    });
    if (r.status !== 201) return r.status;
    c.contactId = r.json.id as string;
    return true;
  }
  if (op === 'activity') {
    const r = await post(base, '/api/v1/activities', c.token, {
      type: 'CALL',
      subject: 'Contention call',
      contactId: c.contactId,
      dossierId: c.dossierId,
    });
    return r.status === 201 || r.status;
  }
  const to = c.status === 'NEW' ? 'QUALIFIED' : 'NEW';
  const r = await post(base, `/api/v1/dossiers/${c.dossierId}/transitions`, c.token, { to });
  if (r.status !== 200) return r.status;
  c.status = to;
  return true;
}

/** Every client loops over the mix for `ms`; writes per second overall and per kind. */
async function measure(base: string, clients: Client[], ms: number) {
  const done: Record<Op, number> = { contact: 0, activity: 0, transition: 0 };
  let errors = 0;
  const failures: Failures = {};
  const started = performance.now();
  await Promise.all(
    clients.map(async (c, k) => {
      for (let i = k; performance.now() - started < ms; i++) {
        const op = OPS[i % OPS.length]!;
        if (await runOp(base, c, op, failures)) done[op]++;
        else errors++;
      }
    }),
  );
  const secs = (performance.now() - started) / 1000;
  const perSec = (n: number) => Math.round((n / secs) * 10) / 10;
  const total = done.contact + done.activity + done.transition;
  return {
    clients: clients.length,
    writes: total,
    errors,
    failures,
    writesPerSec: perSec(total),
    contactsPerSec: perSec(done.contact),
    activitiesPerSec: perSec(done.activity),
    transitionsPerSec: perSec(done.transition),
  };
}

export async function writeContentionScenarios({ base, orm, quick, log }: Ctx) {
  const [demoLogin, rivalLogin] = [await login(base, 'demo'), await login(base, 'rival')];
  const [demo, rival] = [demoLogin.token, rivalLogin.token];
  const prepare = (token: string, n: number) =>
    Promise.all(Array.from({ length: n }, () => prepareClient(base, token)));
  const oneOrg = await prepare(demo, 16);
  const twoOrgs = [...(await prepare(demo, 8)), ...(await prepare(rival, 8))];
  const ms = quick ? 5000 : 15000;
  log(`write contention: warm-up, then 16 clients in one organisation vs 8 + 8 in two, ${ms / 1000} s each…`);
  await measure(base, twoOrgs, 1000);
  // Alternated twice, so a drift of the machine's load weighs on both sides alike.
  const one = [await measure(base, oneOrg, ms / 2)];
  const two = [await measure(base, twoOrgs, ms / 2)];
  two.push(await measure(base, twoOrgs, ms / 2));
  one.push(await measure(base, oneOrg, ms / 2));
  const merge = (runs: Awaited<ReturnType<typeof measure>>[]) => ({
    clients: runs[0]!.clients,
    writes: runs.reduce((s, r) => s + r.writes, 0),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    failures: runs.map((r) => r.failures),
    writesPerSec: Math.round((runs.reduce((s, r) => s + r.writesPerSec, 0) / runs.length) * 10) / 10,
    contactsPerSec: Math.round((runs.reduce((s, r) => s + r.contactsPerSec, 0) / runs.length) * 10) / 10,
    activitiesPerSec: Math.round((runs.reduce((s, r) => s + r.activitiesPerSec, 0) / runs.length) * 10) / 10,
    transitionsPerSec:
      Math.round((runs.reduce((s, r) => s + r.transitionsPerSec, 0) / runs.length) * 10) / 10,
  });
  const oneOrgResult = merge(one);
  const twoOrgResult = merge(two);
  const ratio = (a: number, b: number) => Math.round((a / Math.max(b, 0.01)) * 100) / 100;
  log('write contention: the audit write path alone, 16 transactions in one organisation vs two…');
  const floorMs = quick ? 2000 : 5000;
  const floorOne = [await auditPathPerSec(orm, [demoLogin.orgId], floorMs)];
  const floorTwo = [await auditPathPerSec(orm, [demoLogin.orgId, rivalLogin.orgId], floorMs)];
  floorTwo.push(await auditPathPerSec(orm, [demoLogin.orgId, rivalLogin.orgId], floorMs));
  floorOne.push(await auditPathPerSec(orm, [demoLogin.orgId], floorMs));
  const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
  return {
    'write-contention-org': {
      oneOrg: oneOrgResult,
      twoOrgs: twoOrgResult,
      ratio: ratio(oneOrgResult.writesPerSec, twoOrgResult.writesPerSec),
      ratioByKind: {
        contact: ratio(oneOrgResult.contactsPerSec, twoOrgResult.contactsPerSec),
        activity: ratio(oneOrgResult.activitiesPerSec, twoOrgResult.activitiesPerSec),
        transition: ratio(oneOrgResult.transitionsPerSec, twoOrgResult.transitionsPerSec),
      },
    },
    'write-contention-org-audit-path': {
      restOfTransactionMs: REST_OF_TRANSACTION_MS,
      oneOrgPerSec: mean(floorOne),
      twoOrgsPerSec: mean(floorTwo),
      ratio: ratio(mean(floorOne), mean(floorTwo)),
    },
  };
}
