/** Listing deletion, idempotent shortlisting, explanations in the dictionary's words, coded field errors. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { coopApi } from '../helpers/coop.js';
import { createDossier } from '../helpers/dossiers.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let agent: Session;
let manager: Session;
let readonly: Session;
let rival: Session;
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

const api = (s: Session, method: string, url: string, payload?: object, headers: object = {}) =>
  t.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: { ...s.headers, ...headers },
    ...(payload ? { payload } : {}),
  });

interface Annonce {
  id: string;
  reference: string;
  version: number;
}
async function annonce(s: Session, body: Record<string, unknown> = {}): Promise<Annonce> {
  const res = await api(s, 'POST', '/annonces', {
    title: 'Appartement',
    transaction: 'SALE',
    propertyType: 'APARTMENT',
    priceCents: 25_000_000,
    city: `Nantes ${randomUUID().slice(0, 6)}`,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Annonce>();
}
const blockersOf = (res: { json: <T>() => T }) => res.json<{ blockers?: Record<string, number> }>().blockers;
const auditActions = async (id: string) =>
  (await api(manager, 'GET', `/audit?entityId=${id}&pageSize=50`))
    .json<{ data: Array<{ action: string; entityType: string }> }>()
    .data.map((e) => `${e.entityType}:${e.action}`);

describe('DELETE /annonces/:id', () => {
  it('deletes a listing nothing refers to, audited; then it is gone', async () => {
    const a = await annonce(agent);
    expect((await api(readonly, 'DELETE', `/annonces/${a.id}`)).statusCode).toBe(403);
    expect((await api(rival, 'DELETE', `/annonces/${a.id}`)).statusCode).toBe(404);
    const del = await api(agent, 'DELETE', `/annonces/${a.id}`);
    expect(del.statusCode, del.body).toBe(204);
    expect((await api(agent, 'GET', `/annonces/${a.id}`)).statusCode).toBe(404);
    expect((await api(agent, 'DELETE', `/annonces/${a.id}`)).statusCode).toBe(404);
    expect(await auditActions(a.id)).toEqual(expect.arrayContaining(['Annonce:DELETE', 'Annonce:CREATE']));
  });

  it('refuses (409 annonce-in-use) a listing a dossier, shortlist, visit or photo refers to: withdraw it', async () => {
    const shortlisted = await annonce(agent);
    const d = await createDossier(t.app, agent.headers, { title: 'Achat' });
    const added = await api(agent, 'POST', `/dossiers/${d.id}/shortlist`, { annonceId: shortlisted.id });
    expect(added.statusCode, added.body).toBe(201);
    const refused = await api(agent, 'DELETE', `/annonces/${shortlisted.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(problemOf(refused)).toMatchObject({
      type: expect.stringMatching(/annonce-in-use$/),
      blockers: { dossiers: 0, shortlistEntries: 1, appointments: 0, documents: 0 },
      detail: expect.stringMatching(/1 shortlist entry.*WITHDRAWN/),
    });

    const mandate = await annonce(agent);
    await createDossier(t.app, agent.headers, { caseType: 'VENTE', title: 'Mandat', annonceId: mandate.id });
    expect(blockersOf(await api(agent, 'DELETE', `/annonces/${mandate.id}`))).toMatchObject({
      dossiers: 1,
    });

    const photographed = await annonce(agent);
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
      Buffer.from(randomUUID()),
      Buffer.from([0xff, 0xd9]),
    ]);
    const up = await coopApi(t.app).upload(agent, 'ANNONCE', photographed.id, 'PHOTO', jpeg, 'p.jpg');
    expect(up.statusCode, up.body).toBe(201);
    expect(blockersOf(await api(agent, 'DELETE', `/annonces/${photographed.id}`))).toMatchObject({
      documents: 1,
    });
    // Still there, and withdrawing is the way out.
    for (const a of [shortlisted, mandate, photographed])
      expect((await api(agent, 'GET', `/annonces/${a.id}`)).statusCode).toBe(200);
    const withdrawn = await api(agent, 'POST', `/annonces/${shortlisted.id}/transitions`, {
      to: 'WITHDRAWN',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
  });
});

describe('Idempotency-Key on POST /dossiers/:id/shortlist', () => {
  it('replays the first 201 to 10 parallel retries; one entry; another body with the key is 422', async () => {
    const a = await annonce(agent);
    const other = await annonce(agent);
    const d = await createDossier(t.app, agent.headers, { title: 'Achat idempotent' });
    const key = { 'idempotency-key': `shortlist-${randomUUID()}` };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        api(agent, 'POST', `/dossiers/${d.id}/shortlist`, { annonceId: a.id }, key),
      ),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((r) => r.body)).size).toBe(1);
    const again = await api(agent, 'POST', `/dossiers/${d.id}/shortlist`, { annonceId: a.id }, key);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(answers[0]!.body);
    const list = (await api(agent, 'GET', `/dossiers/${d.id}/shortlist`)).json<{ data: unknown[] }>();
    expect(list.data).toHaveLength(1);
    const reused = await api(agent, 'POST', `/dossiers/${d.id}/shortlist`, { annonceId: other.id }, key);
    expect(reused.statusCode).toBe(422);
    expect(problemOf(reused).type).toMatch(/idempotency-key-reused$/);
    // Without a key, adding the same listing twice is still 409.
    expect((await api(agent, 'POST', `/dossiers/${d.id}/shortlist`, { annonceId: a.id })).statusCode).toBe(
      409,
    );
    // The same key on another dossier is another request.
    const d2 = await createDossier(t.app, agent.headers, { title: 'Autre' });
    expect(
      (await api(agent, 'POST', `/dossiers/${d2.id}/shortlist`, { annonceId: a.id }, key)).statusCode,
    ).toBe(201);
  });
});

describe('match explanations in the organisation’s words', () => {
  it('names features by the tenant dictionary label in the requested language, in matches and shortlist', async () => {
    const code = `ROOFTOP_${randomUUID().slice(0, 6).toUpperCase()}`;
    const entry = await api(manager, 'POST', '/dictionaries', {
      dictType: 'FEATURE',
      code,
      label: 'Roof terrace',
      labelFr: 'Toit-terrasse',
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const city = `Angers ${randomUUID().slice(0, 6)}`;
    const a = await annonce(agent, { city, features: [code, 'ELEVATOR'] });
    const d = await createDossier(t.app, agent.headers, {
      title: 'Avec toit',
      criteria: { cities: [city], requiredFeatures: [code, 'ELEVATOR'], niceFeatures: ['POOL'] },
    });
    const explain = async (lang: string) => {
      const res = await api(agent, 'POST', `/dossiers/${d.id}/matches?lang=${lang}`);
      expect(res.statusCode, res.body).toBe(200);
      const m = res
        .json<{
          data: Array<{ annonceId: string; explanation: Array<{ criterion: string; detail: string }> }>;
        }>()
        .data.find((x) => x.annonceId === a.id)!;
      return Object.fromEntries(m.explanation.map((e) => [e.criterion, e.detail]));
    };
    expect(await explain('fr')).toMatchObject({
      requiredFeatures: 'a : Toit-terrasse, Ascenseur',
      niceFeatures: "n'a aucun de : Piscine",
    });
    expect(await explain('en')).toMatchObject({
      requiredFeatures: 'has Roof terrace, Elevator',
      niceFeatures: 'has none of Swimming pool',
    });
    const added = await api(agent, 'POST', `/dossiers/${d.id}/shortlist?lang=fr`, { annonceId: a.id });
    expect(added.statusCode, added.body).toBe(201);
    const snapshot = added.json<{ explanation: Array<{ criterion: string; detail: string }> }>().explanation;
    expect(snapshot.find((e) => e.criterion === 'requiredFeatures')?.detail).toBe(
      'a : Toit-terrasse, Ascenseur',
    );
    expect(JSON.stringify(snapshot)).not.toContain(code);
  });
});

describe('field errors carry a code a client can translate', () => {
  it('gives schema and business reasons a stable code with their parameters', async () => {
    const shape = await api(agent, 'POST', '/annonces', {
      title: 'x',
      transaction: 'LEASE',
      priceCents: -1,
      city: 'X',
    });
    expect(shape.statusCode).toBe(400);
    expect(problemOf(shape).errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'transaction',
          code: 'ENUM',
          params: { allowedValues: ['SALE', 'RENT'] },
        }),
        expect.objectContaining({
          field: 'priceCents',
          code: 'MINIMUM',
          params: expect.objectContaining({ limit: 0 }),
        }),
      ]),
    );
    const rules = await api(agent, 'POST', '/annonces', {
      title: 'x',
      transaction: 'SALE',
      priceCents: 1,
      city: 'Lyon',
      rooms: 1,
      bedrooms: 2,
      features: ['MOAT'],
    });
    expect(rules.statusCode).toBe(422);
    expect(problemOf(rules).errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'bedrooms', code: 'MORE_THAN_ROOMS' }),
        expect.objectContaining({
          field: 'features',
          code: 'UNKNOWN_CODE',
          params: { dictType: 'FEATURE', codes: ['MOAT'] },
        }),
      ]),
    );
    const d = await createDossier(t.app, agent.headers, { title: 'Critères' });
    const criteria = await api(agent, 'PUT', `/dossiers/${d.id}/criteria`, {
      version: d.version,
      budgetMin: 5,
      budgetMax: 1,
    });
    expect(problemOf(criteria).errors).toEqual([
      expect.objectContaining({ field: 'budgetMax', code: 'BELOW_BUDGET_MIN' }),
    ]);
  });
});
