import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { touchLastInteraction } from '../../db/contacts.js';
import { contactSearchDocument } from '../../db/entities/contact.js';
import { withTenant } from '../../db/orm.js';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { contactApi, type ContactBody, type Session } from '../helpers/contacts.js';
import { createDossier, transition } from '../helpers/dossiers.js';

let t: TestApp;
let agent: Session;
let manager: Session;
let readonly: Session;
let rival: Session;
const run = randomUUID().slice(0, 8);
const { email, api, newContact, getContact } = contactApi(() => t, run);

beforeAll(async () => {
  t = await buildTestApp();
  [agent, manager, readonly, rival] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'manager@demo.test', 'demo'),
    login(t.app, 'readonly@demo.test', 'demo'),
    login(t.app, 'agent@rival.test', 'rival'),
  ]);
});
afterAll(() => t.close());

describe('US1 contact and lead management', () => {
  it('creates a lead visible only in its organisation, phone in E.164 (scenario 1)', async () => {
    const c = await newContact(agent, { lastName: `Zola${run}`, phone: '06 12 34 56 78', source: 'WEBSITE' });
    expect(c).toMatchObject({ status: 'lead', phone: '+33612345678', source: 'WEBSITE', version: 1 });
    const mine = await api(agent, 'GET', `/contacts?q=zola${run}`);
    expect(mine.json().data.map((x: ContactBody) => x.id)).toEqual([c.id]);

    expect((await api(rival, 'GET', `/contacts/${c.id}`)).statusCode).toBe(404);
    expect((await api(rival, 'GET', `/contacts?q=zola${run}`)).json()).toEqual({ data: [], total: 0 });
    const rivalList = (await api(rival, 'GET', '/contacts?pageSize=200')).json();
    expect(rivalList.data.some((x: ContactBody) => x.id === c.id)).toBe(false);
    expect((await api(rival, 'PATCH', `/contacts/${c.id}`, { version: 1, lastName: 'X' })).statusCode).toBe(
      404,
    );
  });

  it('answers missing or blank required fields inline, one error per field (scenario 1)', async () => {
    const res = await api(agent, 'POST', '/contacts', { phone: '0612345678' });
    expect(res.statusCode).toBe(400);
    const fields = problemOf(res)
      .errors?.map((e) => e.field)
      .sort();
    expect(fields).toEqual(['email', 'firstName', 'lastName']);
    const blank = await api(agent, 'POST', '/contacts', {
      firstName: ' ',
      lastName: 'B',
      email: email('blank'),
    });
    expect(problemOf(blank).errors?.[0]?.field).toBe('firstName');
  });

  it('refuses an invalid phone number with a field error', async () => {
    for (const phone of ['12', '06 12 34', 'call me']) {
      const res = await api(agent, 'POST', '/contacts', {
        firstName: 'A',
        lastName: 'B',
        email: email('ph'),
        phone,
      });
      expect(res.statusCode, phone).toBe(400);
      expect(problemOf(res).errors).toEqual([{ field: 'phone', message: expect.any(String) }]);
    }
  });

  it('refuses a duplicate email case-insensitively, naming the existing contact', async () => {
    const first = await newContact(agent, { email: email('Dup.User') });
    const res = await api(agent, 'POST', '/contacts', {
      firstName: 'Other',
      lastName: 'Person',
      email: email('Dup.User').toUpperCase(),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ existingId: first.id, errors: [{ field: 'email' }] });
    const other = await newContact(agent);
    const patch = await api(agent, 'PATCH', `/contacts/${other.id}`, {
      version: other.version,
      email: email('dup.user'),
    });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().existingId).toBe(first.id);
    // Another organisation may use the same address.
    await newContact(rival, { email: email('Dup.User') });
  });

  it('validates source and tags against the dictionaries', async () => {
    const res = await api(agent, 'POST', '/contacts', {
      firstName: 'A',
      lastName: 'B',
      email: email('dict'),
      source: 'NOPE',
      tags: ['VIP', 'NOT_A_TAG'],
    });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).errors?.map((e) => e.field)).toEqual(['source', 'tags']);
  });

  it('answers 409 to a stale version', async () => {
    const c = await newContact(agent);
    const ok = await api(agent, 'PATCH', `/contacts/${c.id}`, { version: 1, firstName: 'Jeanne' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);
    const stale = await api(manager, 'PATCH', `/contacts/${c.id}`, { version: 1, firstName: 'Jeannot' });
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale).type).toContain('stale-version');
  });

  it('reassigns a contact, keeping the assignment history (scenario 2)', async () => {
    const c = await newContact(agent, { assignedAgentId: agent.user.id });
    const moved = await api(agent, 'PATCH', `/contacts/${c.id}`, {
      version: c.version,
      assignedAgentId: manager.user.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const list = await api(manager, 'GET', `/contacts?assignedAgentId=${manager.user.id}&pageSize=200`);
    expect(list.json().data.some((x: ContactBody) => x.id === c.id)).toBe(true);
    const mineStill = await api(agent, 'GET', `/contacts?assignedAgentId=${agent.user.id}&pageSize=200`);
    expect(mineStill.json().data.some((x: ContactBody) => x.id === c.id)).toBe(false);
    const detail = await getContact(agent, c.id);
    expect(detail.assignments).toMatchObject([
      { fromAgentId: null, toAgentId: agent.user.id, actorId: agent.user.id },
      { fromAgentId: agent.user.id, toAgentId: manager.user.id, actorId: agent.user.id },
    ]);
    const bad = await api(agent, 'PATCH', `/contacts/${c.id}`, {
      version: 2,
      assignedAgentId: rival.user.id,
    });
    expect(problemOf(bad).errors?.[0]?.field).toBe('assignedAgentId');
  });

  it('filters by source (scenario 3)', async () => {
    const web = await newContact(agent, { source: 'WEBSITE', lastName: `Src${run}` });
    const ref = await newContact(agent, { source: 'REFERRAL', lastName: `Src${run}` });
    const res = await api(agent, 'GET', `/contacts?source=REFERRAL&q=src${run}`);
    expect(res.json().data.map((x: ContactBody) => x.id)).toEqual([ref.id]);
    const both = await api(agent, 'GET', `/contacts?q=src${run}&sort=-createdAt`);
    expect(both.json().total).toBe(2);
    expect(
      both
        .json()
        .data.map((x: ContactBody) => x.id)
        .sort(),
    ).toEqual([web.id, ref.id].sort());
  });

  it('shows current and past roles with dates, roles being additive (scenario 4, US6)', async () => {
    const c = await newContact(agent);
    const acq = await api(agent, 'POST', `/contacts/${c.id}/roles`, {
      role: 'ACQUEREUR',
      startDate: '2025-01-10',
    });
    expect(acq.statusCode, acq.body).toBe(201);
    const again = await api(agent, 'POST', `/contacts/${c.id}/roles`, { role: 'ACQUEREUR' });
    expect(again.statusCode).toBe(409);
    const ended = await api(agent, 'POST', `/contacts/${c.id}/roles/${acq.json().id}/end`, {
      endDate: '2025-09-30',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ endDate: '2025-09-30', active: false });
    expect(ended.json().endedAt).toBeTruthy();
    const endedTwice = await api(agent, 'POST', `/contacts/${c.id}/roles/${acq.json().id}/end`, {});
    expect(endedTwice.statusCode).toBe(409);
    await api(agent, 'POST', `/contacts/${c.id}/roles`, { role: 'PROPRIETAIRE', startDate: '2025-10-01' });
    await api(agent, 'POST', `/contacts/${c.id}/roles`, { role: 'LOCATAIRE' });
    const detail = await getContact(agent, c.id);
    expect(detail.roles.map((r: { role: string; active: boolean }) => [r.role, r.active])).toEqual([
      ['ACQUEREUR', false],
      ['PROPRIETAIRE', true],
      ['LOCATAIRE', true],
    ]);
    expect(detail.roles[0]).toMatchObject({ startDate: '2025-01-10', endDate: '2025-09-30' });
    const badDates = await api(agent, 'POST', `/contacts/${c.id}/roles`, {
      role: 'COPROPRIETAIRE',
      startDate: '2025-05-01',
      endDate: '2025-04-01',
    });
    expect(problemOf(badDates).errors?.[0]?.field).toBe('endDate');
  });

  it('lets READONLY read but not create', async () => {
    const res = await api(readonly, 'POST', '/contacts', {
      firstName: 'A',
      lastName: 'B',
      email: email('ro'),
    });
    expect(res.statusCode).toBe(403);
    expect((await api(readonly, 'GET', '/contacts')).statusCode).toBe(200);
  });
});

describe('US2 / US6 deals and conversion', () => {
  it('links a deal to the contact and converts the lead once the deal is won', async () => {
    const c = await newContact(agent);
    const deal = await createDossier(t.app, agent.headers, {
      contactId: c.id,
      budgetMin: 200000,
      budgetMax: 300000,
      amount: 250000,
      locationZone: 'Lyon 6',
    });
    expect(deal).toMatchObject({ statusCode: 'NEW' });
    for (const to of ['QUALIFIED', 'APPOINTMENT', 'VISIT']) {
      expect((await transition(t.app, agent.headers, deal.id, { to })).statusCode).toBe(200);
    }
    const won = await transition(t.app, agent.headers, deal.id, { to: 'WON', reasonCode: 'OFFER_ACCEPTED' });
    expect(won.statusCode, won.body).toBe(200);
    expect(won.json().closedAt).toBeTruthy();

    const stale = await api(agent, 'POST', `/contacts/${c.id}/convert`, { version: c.version + 5 });
    expect(stale.statusCode).toBe(409);
    const converted = await api(agent, 'POST', `/contacts/${c.id}/convert`, {
      version: c.version,
      role: 'ACQUEREUR',
    });
    expect(converted.statusCode, converted.body).toBe(200);
    expect(converted.json()).toMatchObject({ id: c.id, status: 'active_client' });
    expect(converted.json().convertedAt).toBeTruthy();
    const detail = await getContact(agent, c.id);
    expect(detail.roles).toMatchObject([{ role: 'ACQUEREUR', active: true }]);
    const dossier = await api(agent, 'GET', `/dossiers/${deal.id}`);
    expect(dossier.json().contactId).toBe(c.id);
    const twice = await api(agent, 'POST', `/contacts/${c.id}/convert`, {
      version: converted.json().version,
    });
    expect(twice.statusCode).toBe(409);
    const clients = await api(agent, 'GET', `/contacts?status=active_client&pageSize=200`);
    expect(clients.json().data.some((x: ContactBody) => x.id === c.id)).toBe(true);
  });
});

describe('filters and full-text search (F-4.7)', () => {
  it('filters by status, tag, interaction and creation period; searches names, email and phone', async () => {
    const tag = `Fts${run}`;
    const a = await newContact(agent, {
      firstName: 'Émilie',
      lastName: tag,
      email: email('emilie.rousseau'),
      phone: '+33 6 98 76 54 32',
      tags: ['URGENT'],
    });
    const b = await newContact(agent, { firstName: 'Bruno', lastName: tag, tags: ['EXPAT'] });
    const ids = async (query: string) =>
      (await api(agent, 'GET', `/contacts?${query}`)).json().data.map((x: ContactBody) => x.id);

    expect(await ids(`q=${encodeURIComponent('émil ' + tag.slice(0, 6))}`)).toEqual([a.id]);
    expect(await ids(`q=rousseau.${run}`)).toEqual([a.id]);
    expect(await ids(`q=${encodeURIComponent('06 98 76 54 32')}`)).toEqual([a.id]);
    expect(await ids(`q=${tag}&tag=EXPAT`)).toEqual([b.id]);
    expect(await ids(`q=${tag}&sort=firstName`)).toEqual([b.id, a.id]);
    expect(await ids(`q=${tag}&sort=-firstName&pageSize=1&page=2`)).toEqual([b.id]);

    await withTenant(t.orm, { orgId: agent.user.orgId }, (em) =>
      touchLastInteraction(em, a.id, new Date('2026-03-01T10:00:00Z')),
    );
    expect(
      await ids(`q=${tag}&lastInteractionFrom=2026-02-01T00:00:00Z&lastInteractionTo=2026-04-01T00:00:00Z`),
    ).toEqual([a.id]);
    expect(await ids(`q=${tag}&createdFrom=2000-01-01T00:00:00Z&createdTo=2000-02-01T00:00:00Z`)).toEqual([]);
    expect(await ids(`q=${tag}&status=lead`)).toHaveLength(2);
    expect(await ids(`q=${tag}&status=archived`)).toEqual([]);
    const bad = await api(agent, 'GET', '/contacts?sort=passwordHash');
    expect(problemOf(bad).errors?.[0]?.field).toBe('sort');
  });

  it('answers the search from the GIN index, not a scan', async () => {
    // As the owner, without RLS's org filter, so the search expression is the only usable index
    // condition; with a handful of rows, sequential scans are forbidden to see if the index applies.
    const owner = new pg.Client({ connectionString: inject('ownerUrl') });
    await owner.connect();
    try {
      await owner.query('begin; set local enable_seqscan = off');
      const { rows } = await owner.query<{ 'QUERY PLAN': string }>(
        `explain select id from contact c where to_tsvector('atlas_search', ${contactSearchDocument('c.')}) @@ to_tsquery('atlas_search', 'jean:*')`,
      );
      await owner.query('rollback');
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('contact_search_index');
    } finally {
      await owner.end();
    }
  });
});
