/**
 * Search that speaks French (issue 16): typed without accents and in any case, a query finds
 * Élodie, Lefèvre and Hélène in contacts, dossiers (by title, reference or contact name), accounts,
 * listings and coop members — and typed with accents, it finds the rows written without them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let admin: Session;
// Letters only, so each run's words are its own (the shared demo data stays out of the answers).
const run = randomUUID()
  .replace(/[^a-f]/g, '')
  .slice(0, 6)
  .padEnd(6, 'q');

beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, 'admin@demo.test', 'demo');
});
afterAll(() => t.close());

async function call<T>(method: 'GET' | 'POST', url: string, payload?: object, status = 200): Promise<T> {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: admin.headers,
    ...(payload ? { payload } : {}),
  });
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}
const ids = (list: { data: { id: string }[] }) => list.data.map((r) => r.id);
const q = (s: string) => encodeURIComponent(s);

describe('accent- and case-insensitive search', () => {
  it('finds contacts, dossiers, accounts, listings and coop members whatever the accents', async () => {
    const elodie = await call<{ id: string }>(
      'POST',
      '/contacts',
      { firstName: `Élodie${run}`, lastName: `Lefèvre${run}`, email: `elodie.${run}@example.test` },
      201,
    );
    const plain = await call<{ id: string }>(
      'POST',
      '/contacts',
      { firstName: `Helene${run}`, lastName: 'Martin', email: `helene.${run}@example.test` },
      201,
    );
    for (const typed of [`elodie${run}`, `ELODIE${run}`, `lefevre${run}`, `Lefèvre${run}`])
      expect(ids(await call(`GET`, `/contacts?q=${q(typed)}`)), typed).toEqual([elodie.id]);
    // Accents in the query, none in the row.
    expect(ids(await call('GET', `/contacts?q=${q(`Hélène${run}`)}`))).toEqual([plain.id]);

    const dossier = await call<{ id: string }>(
      'POST',
      '/dossiers',
      { caseType: 'ACHAT', title: `Maison à Orléans ${run}é`, contactId: elodie.id },
      201,
    );
    expect(ids(await call('GET', `/dossiers?q=${q(`orleans ${run}e`)}`))).toEqual([dossier.id]);
    // By the contact's name, accents dropped.
    expect(ids(await call('GET', `/dossiers?q=${q(`lefevre${run}`)}`))).toEqual([dossier.id]);

    const account = await call<{ id: string }>(
      'POST',
      '/accounts',
      { code: `ACC-${run}`, name: `Société Générale Côté ${run}` },
      201,
    );
    expect(ids(await call('GET', `/accounts?q=${q(`societe cote ${run}`)}`))).toEqual([account.id]);

    const annonce = await call<{ id: string }>(
      'POST',
      '/annonces',
      {
        title: `Studio ${run}`,
        transaction: 'RENT',
        propertyType: 'APARTMENT',
        priceCents: 80_000,
        city: `Évry${run}`,
      },
      201,
    );
    expect(ids(await call('GET', `/annonces?q=${q(`evry${run}`)}`))).toEqual([annonce.id]);

    const group = await call<{ id: string }>(
      'POST',
      '/coop/groups',
      { name: `Coop ${run}`, city: 'Fès' },
      201,
    );
    const member = await call<{ id: string }>(
      'POST',
      `/coop/groups/${group.id}/members`,
      { displayName: `Hélène Dupré ${run}`, email: `helene.dupre.${run}@example.test` },
      201,
    );
    await call(
      'POST',
      `/coop/groups/${group.id}/members`,
      {
        displayName: `Karim Bennani ${run}`,
        email: `karim.${run}@example.test`,
      },
      201,
    );
    for (const typed of ['helene dupre', 'DUPRÉ', 'dupre'])
      expect(ids(await call('GET', `/coop/groups/${group.id}/members?q=${q(typed)}`)), typed).toEqual([
        member.id,
      ]);
    // A LIKE wildcard typed by a user is a character, not a pattern.
    expect(ids(await call('GET', `/coop/groups/${group.id}/members?q=${q('%')}`))).toEqual([]);
    const paged = await call<{ data: unknown[]; total: number }>(
      'GET',
      `/coop/groups/${group.id}/members?page=2&pageSize=1`,
    );
    expect(paged).toMatchObject({ total: 2 });
    expect(paged.data).toHaveLength(1);
  });
});
