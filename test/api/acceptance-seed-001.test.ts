/**
 * The customer's acceptance scenarios (seed 001 user stories 3, 6 and 7; the AZALSCORE CRM guide's
 * opportunity operations) played over HTTP against the real stack, plus a sweep proving that no list,
 * search or export of one organisation shows a record of another. Stories 1 and 2 and the edge cases
 * live in contacts*, dossiers and accounts tests; story 4 (appointments) comes with its feature.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { createDossier, transition } from '../helpers/dossiers.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let agent: Session;
let rival: Session;
let manager: Session;
const run = randomUUID().slice(0, 8);
beforeAll(async () => {
  t = await buildTestApp();
  [agent, manager, rival] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'manager@demo.test', 'demo'),
    login(t.app, 'admin@rival.test', 'rival'),
  ]);
});
afterAll(() => t.close());

const api = (s: Session, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });

async function newContact(lastName: string) {
  const res = await api(agent, 'POST', '/contacts', {
    firstName: 'Inès',
    lastName,
    email: `${lastName.toLowerCase()}.${randomUUID().slice(0, 6)}@example.test`,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('US3 — activity tracking and interaction history', () => {
  it('3.1 a call with outcome "interested" and a next action in 3 days creates the follow-up task', async () => {
    const contactId = await newContact(`Appel${run}`);
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const res = await api(agent, 'POST', '/activities', {
      type: 'CALL',
      direction: 'OUT',
      outcome: 'INTERESTED',
      subject: 'Premier appel',
      contactId,
      nextAction: { dueAt: due, subject: 'Rappeler dans 3 jours' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const call = res.json();
    expect(call).toMatchObject({ type: 'CALL', outcome: 'INTERESTED', authorId: agent.user.id, contactId });
    expect(Date.parse(call.occurredAt)).toBeGreaterThan(Date.now() - 60_000);
    const task = (await api(agent, 'GET', `/activities/${call.nextActionId}`)).json();
    expect(task).toMatchObject({
      type: 'FOLLOW_UP',
      subject: 'Rappeler dans 3 jours',
      contactId,
      open: true,
      overdue: false,
    });
    expect(Date.parse(task.dueAt)).toBe(Date.parse(due));
    const bad = await api(agent, 'POST', '/activities', {
      type: 'CALL',
      contactId,
      nextAction: { subject: 'no date' },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('dueAt');
  });

  it('3.2 an email logged on a deal is OUT, keeps subject and content, and is linked to deal and contact', async () => {
    const contactId = await newContact(`Mail${run}`);
    const deal = await createDossier(t.app, agent.headers, { contactId });
    const res = await api(agent, 'POST', '/activities', {
      type: 'EMAIL',
      direction: 'OUT',
      subject: 'Votre recherche',
      content: 'Voici trois biens…',
      dossierId: deal.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      direction: 'OUT',
      dossierId: deal.id,
      contactId,
      subject: 'Votre recherche',
    });
  });

  it("3.3 the contact's timeline shows every activity in order with type, date, outcome and author", async () => {
    const contactId = await newContact(`Fil${run}`);
    for (const [type, outcome, at] of [
      ['CALL', 'INTERESTED', '2026-01-05T09:00:00Z'],
      ['VISIT', null, '2026-01-12T14:00:00Z'],
      ['NOTE', null, '2026-01-20T08:30:00Z'],
    ] as const) {
      const res = await api(agent, 'POST', '/activities', {
        type,
        outcome,
        occurredAt: at,
        contactId,
        subject: type,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const timeline = await api(agent, 'GET', `/contacts/${contactId}/timeline?kind=ACTIVITY,NOTE`);
    expect(timeline.statusCode, timeline.body).toBe(200);
    const items = timeline.json().data as Array<{ title: string; occurredAt: string; authorId: string }>;
    expect(items.map((i) => i.title)).toEqual(['NOTE', 'VISIT', 'CALL']); // newest first
    expect(items.every((i) => i.authorId === agent.user.id)).toBe(true);
    const outcomes = timeline
      .json()
      .data.map((i: { payload: { outcome: string | null } }) => i.payload.outcome);
    expect(outcomes).toEqual([null, null, 'INTERESTED']);
  });

  it('3.4 a next action whose date has passed is flagged overdue and offered as a next best action', async () => {
    const contactId = await newContact(`Retard${run}`);
    const deal = await createDossier(t.app, agent.headers, { contactId, assignedAgentId: agent.user.id });
    const res = await api(agent, 'POST', '/activities', {
      type: 'CALL',
      dossierId: deal.id,
      subject: `Relance ${run}`,
      nextAction: { dueAt: new Date(Date.now() - 86_400_000).toISOString(), subject: `Relance ${run}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    const task = (await api(agent, 'GET', `/activities/${res.json().nextActionId}`)).json();
    expect(task).toMatchObject({ open: true, overdue: true });
    const dashboard = (await api(agent, 'GET', `/dashboard?agentId=${agent.user.id}`)).json();
    const action = dashboard.nextBestActions.find((a: { activityId: string }) => a.activityId === task.id);
    expect(action).toMatchObject({ kind: 'OVERDUE_FOLLOW_UP', contactId, dossierId: deal.id });
    expect(action.contactName).toContain(`Retard${run}`);
  });
});

describe('US6 — lead to client conversion', () => {
  it('6.1 converting with ACQUEREUR activates the role and keeps every activity and deal linked', async () => {
    const contactId = await newContact(`Conv${run}`);
    const deal = await createDossier(t.app, agent.headers, { contactId });
    await api(agent, 'POST', '/activities', { type: 'NOTE', subject: 'avant', contactId });
    const before = (await api(agent, 'GET', `/contacts/${contactId}`)).json();
    const res = await api(agent, 'POST', `/contacts/${contactId}/convert`, {
      version: before.version,
      role: 'ACQUEREUR',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await api(agent, 'GET', `/contacts/${contactId}`)).json();
    expect(after).toMatchObject({ id: contactId, status: 'active_client' });
    expect(after.convertedAt).toBeTruthy();
    expect(after.roles).toEqual([expect.objectContaining({ role: 'ACQUEREUR', active: true })]);
    const deals = (await api(agent, 'GET', `/dossiers?contactId=${contactId}`)).json();
    expect(deals.data.map((d: { id: string }) => d.id)).toEqual([deal.id]);
    const notes = (await api(agent, 'GET', `/activities?contactId=${contactId}`)).json();
    expect(notes.data.map((a: { subject: string }) => a.subject)).toContain('avant');
    const clients = (await api(agent, 'GET', `/contacts?status=active_client&q=Conv${run}`)).json();
    expect(clients.data.map((c: { id: string }) => c.id)).toEqual([contactId]);
  });
});

describe('US7 — dashboard scoped to the tenant', () => {
  it("7.1 a hot lead of one organisation never counts on another's dashboard", async () => {
    const kpis = async (s: Session) => (await api(s, 'GET', '/dashboard')).json().kpis;
    const rivalBefore = await kpis(rival);
    const demoBefore = await kpis(agent);
    const contactId = await newContact(`Chaud${run}`);
    const deal = await createDossier(t.app, agent.headers, { contactId, budgetMax: 250000 });
    expect((await transition(t.app, agent.headers, deal.id, { to: 'QUALIFIED' })).statusCode).toBe(200);
    expect((await kpis(agent)).hotLeads).toBe(demoBefore.hotLeads + 1);
    expect((await kpis(agent)).newLeads7d).toBe(demoBefore.newLeads7d + 1);
    expect(await kpis(rival)).toEqual(rivalBefore);
  });
});

describe('AZALSCORE CRM guide — opportunities', () => {
  it('weighted amount, win and loss with a reason, close date, and the ";" CSV of won deals', async () => {
    const contactId = await newContact(`Opp${run}`);
    const opp = await createDossier(t.app, agent.headers, {
      contactId,
      title: `Projet ${run}`,
      amount: 50000,
      probability: 30,
      expectedCloseDate: '2026-03-31',
      budgetMax: 60000,
    });
    const created = (await api(agent, 'GET', `/dossiers/${opp.id}`)).json();
    expect(created).toMatchObject({ amount: 50000, probability: 30, weightedAmount: 15000 });
    for (const to of ['QUALIFIED', 'APPOINTMENT', 'VISIT', 'NEGOTIATION'])
      expect((await transition(t.app, agent.headers, opp.id, { to })).statusCode).toBe(200);
    const noReason = await transition(t.app, agent.headers, opp.id, { to: 'WON' });
    expect(noReason.statusCode).toBeGreaterThanOrEqual(400);
    expect(noReason.statusCode).toBeLessThan(500);
    const won = await transition(t.app, agent.headers, opp.id, { to: 'WON', reasonCode: 'OFFER_ACCEPTED' });
    expect(won.statusCode, won.body).toBe(200);
    const closed = (await api(agent, 'GET', `/dossiers/${opp.id}`)).json();
    expect(closed).toMatchObject({ statusCode: 'WON', closeReasonCode: 'OFFER_ACCEPTED' });
    expect(closed.closedAt).toBeTruthy();

    const lost = await createDossier(t.app, agent.headers, { contactId, title: `Perdu ${run}` });
    const lose = await transition(t.app, agent.headers, lost.id, { to: 'LOST', reasonCode: 'BUDGET' });
    expect(lose.statusCode, lose.body).toBe(200);

    const csv = await api(manager, 'GET', `/exports/dossiers?statusCode=WON&q=${run}`);
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toContain(';');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`Projet ${run}`);
    expect(lines[1]).not.toContain(`Perdu ${run}`);
  });
});

describe('tenant isolation of every list, search and export', () => {
  it('another organisation finds none of these records, by list, search, id or export', async () => {
    const marker = `Isol${run}`;
    const contactId = await newContact(marker);
    const deal = await createDossier(t.app, agent.headers, { contactId, title: `Dossier ${marker}` });
    const account = await api(agent, 'POST', '/accounts', { code: `ACC-${run}`, name: `Compte ${marker}` });
    expect(account.statusCode, account.body).toBe(201);
    const note = await api(agent, 'POST', '/activities', { type: 'NOTE', subject: marker, contactId });
    expect(note.statusCode, note.body).toBe(201);
    // The owner sees each of them…
    for (const url of [`/contacts?q=${marker}`, `/dossiers?q=${marker}`, `/accounts?q=${marker}`])
      expect((await api(agent, 'GET', url)).json().total, url).toBe(1);
    // …the other organisation sees nothing, whichever way it asks.
    for (const url of [
      `/contacts?q=${marker}`,
      `/dossiers?q=${marker}`,
      `/accounts?q=${marker}`,
      `/dossiers?contactId=${contactId}`,
      `/activities?contactId=${contactId}`,
    ]) {
      const res = await api(rival, 'GET', url);
      expect([200, 404], url).toContain(res.statusCode);
      if (res.statusCode === 200) expect(res.json().data, url).toEqual([]);
    }
    for (const url of [
      `/contacts/${contactId}`,
      `/dossiers/${deal.id}`,
      `/accounts/${account.json().id}`,
      `/activities/${note.json().id}`,
      `/contacts/${contactId}/timeline`,
      `/dossiers/${deal.id}/timeline`,
    ])
      expect((await api(rival, 'GET', url)).statusCode, url).toBe(404);
    for (const url of [
      `/exports/contacts?q=${marker}`,
      `/exports/dossiers?q=${marker}`,
      `/exports/accounts?q=${marker}`,
      `/exports/activities`,
      `/exports/contacts`,
    ]) {
      const res = await api(rival, 'GET', url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(marker);
      expect(res.body, url).not.toContain(contactId);
    }
  });
});
