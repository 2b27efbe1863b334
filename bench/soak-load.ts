/**
 * The soak's steady mixed load: an open-loop schedule at a fixed rate (an operation every 1/rate s,
 * whether or not earlier ones finished, bounded in flight) over creates, transitions back and forth,
 * outbound SMS, appointments whose reminders fire during the run, and reads. Every operation's
 * latency is kept with its start time so the report can compare windows.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BENCH_PASSWORD } from './stack.js';

export type OpKind = 'create' | 'transition' | 'message' | 'appointment' | 'read';
export interface Sample {
  at: number;
  kind: OpKind;
  ms: number;
  ok: boolean;
}

/** Weights of the mix, in percent. */
const MIX: [OpKind, number][] = [
  ['create', 20],
  ['transition', 35],
  ['message', 20],
  ['appointment', 10],
  ['read', 15],
];

export interface LoadCounters {
  samples: Sample[];
  skipped: number;
  messagesAccepted: number;
  remindersDueBefore: (t: number) => number;
}

async function call(base: string, token: string | undefined, method: string, url: string, body?: unknown) {
  const res = await fetch(base + url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export async function prepareLoad(base: string, contactsN: number) {
  const login = await call(base, undefined, 'POST', '/api/v1/auth/login', {
    email: 'admin@rival.test',
    password: BENCH_PASSWORD,
    org: 'rival',
  });
  const token = login.json.accessToken as string;
  // Reminders one minute before each appointment, booked 90 s ahead: they fire during the run.
  await call(base, token, 'PUT', '/api/v1/settings', { appointmentReminderOffsets: ['PT60S'] });
  const contacts: { id: string; phone: string }[] = [];
  for (let i = 0; i < contactsN; i++) {
    const phone = `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const c = await call(base, token, 'POST', '/api/v1/contacts', {
      firstName: 'Soak',
      lastName: `Contact${i}`,
      email: `soak.${randomUUID()}@example.test`,
      phone,
    });
    if (c.status !== 201) throw new Error(`contact ${c.status} ${JSON.stringify(c.json)}`);
    const id = c.json.id as string;
    await call(base, token, 'PUT', `/api/v1/contacts/${id}/consents/SMS`, {
      status: 'OPT_IN',
      source: 'FORM',
    });
    contacts.push({ id, phone });
  }
  return { token, contacts };
}

/** Runs the mix at `rate` operations per second until `until` (epoch ms). */
export async function runLoad(opts: {
  base: string;
  token: string;
  contacts: { id: string; phone: string }[];
  rate: number;
  until: number;
  maxInFlight: number;
}): Promise<LoadCounters> {
  const { base, token, contacts } = opts;
  const samples: Sample[] = [];
  const dossiers: { id: string; status: string; busy: boolean }[] = [];
  const reminderDue: number[] = [];
  let inFlight = 0;
  let skipped = 0;
  let messagesAccepted = 0;
  let seq = 0;
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

  const ops: Record<OpKind, () => Promise<boolean>> = {
    create: async () => {
      const r = await call(base, token, 'POST', '/api/v1/dossiers', {
        caseType: 'ACHAT',
        title: `Soak ${seq++}`,
        budgetMax: 250000,
      });
      if (r.status === 201) dossiers.push({ id: r.json.id as string, status: 'NEW', busy: false });
      return r.status === 201;
    },
    transition: async () => {
      const d = pick(dossiers.filter((x) => !x.busy));
      if (!d) return ops.create();
      d.busy = true;
      try {
        const to = d.status === 'QUALIFIED' ? 'APPOINTMENT' : 'QUALIFIED';
        const r = await call(base, token, 'POST', `/api/v1/dossiers/${d.id}/transitions`, { to });
        if (r.status === 200) d.status = to;
        return r.status === 200;
      } finally {
        d.busy = false;
      }
    },
    message: async () => {
      const c = pick(contacts)!;
      const r = await call(base, token, 'POST', `/api/v1/contacts/${c.id}/messages`, {
        channel: 'SMS',
        content: `Soak message ${seq++}`,
      });
      if (r.status === 202) messagesAccepted++;
      return r.status === 202;
    },
    appointment: async () => {
      const c = pick(contacts)!;
      const start = Date.now() + 90_000;
      const r = await call(base, token, 'POST', '/api/v1/appointments', {
        kind: 'RDV',
        title: `Soak ${seq++}`,
        startAt: new Date(start).toISOString(),
        endAt: new Date(start + 30 * 60_000).toISOString(),
        contactId: c.id,
      });
      if (r.status === 201) reminderDue.push(start - 60_000);
      return r.status === 201;
    },
    read: async () => {
      const d = pick(dossiers);
      if (!d) return ops.create();
      return (await call(base, token, 'GET', `/api/v1/dossiers/${d.id}`)).status === 200;
    },
  };
  const chooser: OpKind[] = MIX.flatMap(([k, w]) => Array<OpKind>(w).fill(k));

  const pending = new Set<Promise<void>>();
  const interval = 1000 / opts.rate;
  let next = Date.now();
  while (Date.now() < opts.until) {
    next += interval;
    if (inFlight >= opts.maxInFlight) skipped++;
    else {
      const kind = pick(chooser)!;
      const at = Date.now();
      inFlight++;
      const p = ops[kind]()
        .catch(() => false)
        .then((ok) => {
          samples.push({ at, kind, ms: Date.now() - at, ok });
          inFlight--;
        });
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }
    const wait = next - Date.now();
    if (wait > 0) await sleep(wait);
  }
  await Promise.all(pending);
  return {
    samples,
    skipped,
    messagesAccepted,
    remindersDueBefore: (t) => reminderDue.filter((d) => d <= t).length,
  };
}
