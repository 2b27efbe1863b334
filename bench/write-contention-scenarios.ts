/**
 * Write contention inside one tenant (issue 20): the same write mix — contact creation, activity
 * logging, dossier transitions — with 16 clients in one organisation, then 8 + 8 in two. Anything that
 * serialises an organisation's writes until commit (a per-organisation lock) shows as
 * `ratio = one-org ÷ two-org` below 1.
 */
import { randomUUID } from 'node:crypto';

interface Ctx {
  base: string;
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
  return ((await res.json()) as { accessToken: string }).accessToken;
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

export async function writeContentionScenarios({ base, quick, log }: Ctx) {
  const [demo, rival] = [await login(base, 'demo'), await login(base, 'rival')];
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
  };
}
