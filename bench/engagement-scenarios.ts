/**
 * Messaging and reminders under load, against local stand-ins of the providers (the same SMTP /
 * Twilio / WhatsApp Cloud API shapes the tests use): outbound messages per second through the outbox
 * and one delivery workflow each, and how late appointment reminders fire when many are due together.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StandIns } from '../test/helpers/stand-ins.js';
import { runPool, summarize, type ScenarioStats } from './stats.js';

interface Ctx {
  base: string;
  standIns: StandIns;
  quick: boolean;
  log: (m: string) => void;
}

async function http(base: string, method: string, url: string, token: string, body?: unknown) {
  const res = await fetch(base + url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function login(base: string, email: string, org: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo1234', org }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Contacts with a phone and an SMS opt-in, created through the API. */
async function smsContacts(base: string, token: string, n: number) {
  const contacts: { id: string; phone: string }[] = [];
  await runPool(n, 8, async () => {
    const phone = `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const c = await http(base, 'POST', '/api/v1/contacts', token, {
      firstName: 'Bench',
      lastName: `Sms${randomUUID().slice(0, 6)}`,
      email: `bench.${randomUUID()}@example.test`,
      phone,
    });
    if (c.status !== 201) return false;
    const id = c.json.id as string;
    const ok = await http(base, 'PUT', `/api/v1/contacts/${id}/consents/SMS`, token, {
      status: 'OPT_IN',
      source: 'FORM',
    });
    contacts.push({ id, phone });
    return ok.status === 200;
  });
  return contacts;
}

async function waitFor(check: () => boolean, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await sleep(100);
  return check();
}

export async function engagementScenarios(ctx: Ctx) {
  const { base, standIns, log } = ctx;
  // The rival organisation: its reminder offset is set for the bench without touching the demo's.
  const token = await login(base, 'admin@rival.test', 'rival');
  const n = ctx.quick ? 20 : 200;
  const contacts = await smsContacts(base, token, n);
  const results: Record<string, ScenarioStats> = {};

  // Outbound messages: queued over HTTP with 16 in flight, until the stand-in has them all.
  const phones = new Set(contacts.map((c) => c.phone));
  const sentBefore = standIns.received.sms.filter((m) => phones.has(m.to)).length;
  const started = performance.now();
  const queued = await runPool(contacts.length, 16, async (i) => {
    const r = await http(base, 'POST', `/api/v1/contacts/${contacts[i]!.id}/messages`, token, {
      channel: 'SMS',
      content: `Bench message ${i}`,
    });
    return r.status === 202;
  });
  await waitFor(
    () => standIns.received.sms.filter((m) => phones.has(m.to)).length - sentBefore >= contacts.length,
    120_000,
  );
  const wallMs = performance.now() - started;
  const delivered = standIns.received.sms.filter((m) => phones.has(m.to)).length - sentBefore;
  results.outboundSms = {
    ...summarize(queued.latencies, queued.errors + Math.max(0, contacts.length - delivered)),
    deliveredPerSec: Math.round((delivered / wallMs) * 1000 * 100) / 100,
    delivered,
  };
  log(`outbound: ${delivered}/${contacts.length} SMS delivered in ${Math.round(wallMs)} ms`);

  // Reminders: n appointments whose reminder is due at the same instant.
  await http(base, 'PUT', '/api/v1/settings', token, { appointmentReminderOffsets: ['PT60S'] });
  const dueAt = Date.now() + (ctx.quick ? 20_000 : 40_000);
  const booked = await runPool(contacts.length, 8, async (i) => {
    const r = await http(base, 'POST', '/api/v1/appointments', token, {
      kind: 'RDV',
      title: `Bench ${i}`,
      startAt: new Date(dueAt + 60_000).toISOString(),
      endAt: new Date(dueAt + 90_000).toISOString(),
      contactId: contacts[i]!.id,
    });
    return r.status === 201;
  });
  if (Date.now() > dueAt) log('reminder bench: booking took longer than the lead time; delays include it');
  const reminderTexts = (m: { body: string; to: string }) =>
    phones.has(m.to) && m.body.startsWith('Rappel : Bench');
  await waitFor(
    () => standIns.received.sms.filter(reminderTexts).length >= contacts.length,
    Math.max(0, dueAt - Date.now()) + 60_000,
  );
  const delays = standIns.received.sms.filter(reminderTexts).map((m) => m.at - dueAt);
  results.reminderDelay = {
    ...summarize(delays, booked.errors + Math.max(0, contacts.length - delays.length)),
    dueTogether: contacts.length,
  };
  log(
    `reminders: ${delays.length}/${contacts.length}, delay p50 ${results.reminderDelay.p50} ms, p99 ${results.reminderDelay.p99} ms`,
  );
  await http(base, 'PUT', '/api/v1/settings', token, { appointmentReminderOffsets: ['PT24H', 'PT1H'] });
  return { scenarios: results };
}
