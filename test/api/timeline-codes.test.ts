/** Timeline entries carry a stable code and structured parameters, so the UI phrases them per language. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { createDossier } from '../helpers/dossiers.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let agent: Session;
beforeAll(async () => {
  t = await buildTestApp();
  agent = await login(t.app, 'agent@demo.test', 'demo');
});
afterAll(() => t.close());

const api = (method: string, url: string, payload?: object) =>
  t.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: agent.headers,
    ...(payload ? { payload } : {}),
  });

interface Entry {
  kind: string;
  title: string;
  code: string;
  params: Record<string, unknown>;
}

describe('timeline entries: code + params', () => {
  it('a dossier timeline phrases creation, matching, shortlist, visit and notes by code', async () => {
    const city = `Brest ${randomUUID().slice(0, 6)}`;
    const listing = await api('POST', '/annonces', {
      title: 'T3 lumineux',
      transaction: 'SALE',
      propertyType: 'APARTMENT',
      priceCents: 20_000_000,
      city,
    });
    expect(listing.statusCode, listing.body).toBe(201);
    const annonce = listing.json<{ id: string; reference: string }>();
    const d = await createDossier(t.app, agent.headers, { title: 'Achat Brest' });
    expect((await api('POST', `/dossiers/${d.id}/matches`)).statusCode).toBe(200);
    const added = await api('POST', `/dossiers/${d.id}/shortlist`, { annonceId: annonce.id });
    expect(added.statusCode, added.body).toBe(201);
    const entry = added.json<{ id: string }>();
    const moved = await api('PATCH', `/dossiers/${d.id}/shortlist/${entry.id}`, { status: 'PROPOSED' });
    expect(moved.statusCode, moved.body).toBe(200);
    const start = new Date(Date.UTC(2032, 1, 1 + Math.floor(Math.random() * 300), 4));
    const visit = await api('POST', `/dossiers/${d.id}/shortlist/${entry.id}/visits`, {
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 3_600_000).toISOString(),
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const note = await api('POST', '/activities', {
      type: 'NOTE',
      direction: 'INTERNAL',
      dossierId: d.id,
      content: 'Rappeler lundi',
    });
    expect(note.statusCode, note.body).toBe(201);

    const res = await api('GET', `/dossiers/${d.id}/timeline?pageSize=50`);
    expect(res.statusCode, res.body).toBe(200);
    const byCode = new Map(res.json<{ data: Entry[] }>().data.map((e) => [e.code, e]));
    expect(byCode.get('DOSSIER_CREATED')).toMatchObject({
      kind: 'CREATED',
      title: `Dossier created in ${d.statusCode}`, // the English sentence stays for API users
      params: { status: d.statusCode },
    });
    expect(byCode.get('MATCHING_RAN')?.params).toMatchObject({ count: expect.any(Number) });
    expect(byCode.get('SHORTLIST_ADDED')?.params).toEqual({
      reference: annonce.reference,
      status: 'SHORTLISTED',
    });
    expect(byCode.get('SHORTLIST_MOVED')?.params).toEqual({
      reference: annonce.reference,
      from: 'SHORTLISTED',
      to: 'PROPOSED',
    });
    expect(byCode.get('VISIT_BOOKED')).toMatchObject({
      kind: 'APPOINTMENT',
      params: {
        status: 'SCHEDULED',
        startAt: start.toISOString(),
        subject: expect.stringContaining(annonce.reference),
      },
    });
    expect(byCode.get('NOTE_ADDED')).toMatchObject({ kind: 'NOTE' });
    // Every entry has a code and only scalar parameters.
    for (const e of res.json<{ data: Entry[] }>().data) {
      expect(e.code).toMatch(/^[A-Z][A-Z_]+$/);
      for (const v of Object.values(e.params))
        expect(['string', 'number', 'boolean']).toContain(typeof (v ?? ''));
    }
  });

  it('a status change carries from/to codes on the dossier and the contact timelines', async () => {
    const contact = await api('POST', '/contacts', {
      firstName: 'Lina',
      lastName: 'Timeline',
      email: `lina.${randomUUID().slice(0, 8)}@example.test`,
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const contactId = contact.json<{ id: string }>().id;
    const d = await createDossier(t.app, agent.headers, { contactId, budgetMax: 300_000 });
    const options = await api('GET', `/dossiers/${d.id}/transitions`);
    const to = options
      .json<{ data: Array<{ to: string; allowed: boolean; reasonType?: string }> }>()
      .data.find((o) => o.allowed && o.reasonType === 'NONE')?.to;
    expect(to, options.body).toBeTruthy();
    const moved = await api('POST', `/dossiers/${d.id}/transitions`, { to, version: d.version });
    expect(moved.statusCode, moved.body).toBe(200);
    await expect
      .poll(async () => {
        const feed = await api('GET', `/contacts/${contactId}/timeline?kind=STATUS_CHANGE`);
        return feed.json<{ data: Entry[] }>().data.map((e) => [e.code, e.params]);
      })
      .toEqual([['STATUS_CHANGED', { from: d.statusCode, to, reasonCode: null }]]);
  });
});
