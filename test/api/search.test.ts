/**
 * One search box (issue 19, item 2): `GET /search` finds contacts (accents and case ignored, a phone in
 * any format), dossiers by reference, listings by city and coop members by name, grouped by kind; only
 * the kinds the caller may read (READONLY: no coop members; a coop member: refused), never another
 * organisation's rows; a bad query is a 400 problem with a code.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';

type Session = Awaited<ReturnType<typeof login>>;
interface Item {
  id: string;
  kind: string;
  title: string;
  subtitle: string | null;
  href: string;
}
interface Answer {
  groups: { kind: string; total: number; items: Item[] }[];
}

let t: TestApp;
let admin: Session;
let readonly: Session;
let member: Session;
let rival: Session;
// Letters only, so each run's words are its own (the shared demo data stays out of the answers).
const run = randomUUID()
  .replace(/[^a-f]/g, '')
  .slice(0, 6)
  .padEnd(6, 'q');
// A French mobile number of this run: +33 6 followed by eight digits.
const eight = String(randomInt(10_000_000, 99_999_999));
const e164 = `+336${eight}`;
const national = `06 ${eight.replace(/(\d\d)(?=\d)/g, '$1 ')}`;

let elodieId: string;
let rivalElodieId: string;
let dossier: { id: string; reference: string };
let listingId: string;
let groupId: string;
let memberId: string;

async function call<T>(who: Session, method: 'GET' | 'POST', url: string, payload?: object, status = 200) {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who.headers,
    ...(payload ? { payload } : {}),
  });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json<T>();
}
const search = (who: Session, q: string, extra = '') =>
  call<Answer>(who, 'GET', `/search?q=${encodeURIComponent(q)}${extra}`);
const group = (a: Answer, kind: string) => a.groups.find((g) => g.kind === kind);
const idsOf = (a: Answer, kind: string) => group(a, kind)?.items.map((i) => i.id) ?? [];

beforeAll(async () => {
  t = await buildTestApp();
  [admin, readonly, member, rival] = await Promise.all([
    login(t.app, 'admin@demo.test', 'demo'),
    login(t.app, 'readonly@demo.test', 'demo'),
    login(t.app, 'member@demo.test', 'demo'),
    login(t.app, 'admin@rival.test', 'rival'),
  ]);
  const contact = { firstName: `Élodie${run}`, lastName: `Lefèvre${run}`, phone: national };
  elodieId = (
    await call<{ id: string }>(
      admin,
      'POST',
      '/contacts',
      { ...contact, email: `elodie.${run}@example.test` },
      201,
    )
  ).id;
  // The same person in another organisation, same name and phone.
  rivalElodieId = (
    await call<{ id: string }>(
      rival,
      'POST',
      '/contacts',
      { ...contact, email: `elodie.${run}@rival.test` },
      201,
    )
  ).id;
  dossier = await call(
    admin,
    'POST',
    '/dossiers',
    { caseType: 'ACHAT', title: `Appartement ${run}`, contactId: elodieId },
    201,
  );
  listingId = (
    await call<{ id: string }>(
      admin,
      'POST',
      '/annonces',
      {
        title: `Studio lumineux`,
        transaction: 'RENT',
        propertyType: 'APARTMENT',
        priceCents: 80_000,
        city: `Évry${run}`,
      },
      201,
    )
  ).id;
  groupId = (
    await call<{ id: string }>(admin, 'POST', '/coop/groups', { name: `Coop ${run}`, city: 'Fès' }, 201)
  ).id;
  memberId = (
    await call<{ id: string }>(
      admin,
      'POST',
      `/coop/groups/${groupId}/members`,
      { displayName: `Hélène Dupré${run}`, email: `helene.${run}@example.test` },
      201,
    )
  ).id;
}, 60_000);
afterAll(() => t.close());

describe('GET /search', () => {
  it('finds Élodie typed without accents or case, grouped by kind, with her dossier', async () => {
    const answer = await search(admin, `ELODIE${run}`);
    expect(answer.groups.map((g) => g.kind)).toEqual([
      'contact',
      'dossier',
      'account',
      'listing',
      'coopMember',
    ]);
    expect(group(answer, 'contact')).toEqual({
      kind: 'contact',
      total: 1,
      items: [
        {
          id: elodieId,
          kind: 'contact',
          title: `Élodie${run} Lefèvre${run}`,
          subtitle: `elodie.${run}@example.test · ${e164}`,
          href: `/contacts/show/${elodieId}`,
        },
      ],
    });
    // A dossier is also found by its contact's name.
    expect(idsOf(answer, 'dossier')).toEqual([dossier.id]);
    expect(group(answer, 'account')).toEqual({ kind: 'account', total: 0, items: [] });
  });

  it('finds the same contact by a phone number in any format', async () => {
    for (const typed of [national, e164, national.replace(/ /g, '.'), `+33 6 ${eight}`, national.slice(0, 8)])
      expect(idsOf(await search(admin, typed), 'contact'), typed).toEqual([elodieId]);
  });

  it('finds a dossier by its reference, a listing by its city, a coop member by name', async () => {
    const byRef = await search(admin, dossier.reference);
    expect(group(byRef, 'dossier')?.items).toEqual([
      expect.objectContaining({ id: dossier.id, href: `/dossiers/show/${dossier.id}` }),
    ]);
    expect(group(byRef, 'dossier')?.items[0]?.subtitle).toContain(dossier.reference);

    const byCity = await search(admin, `evry${run}`);
    expect(group(byCity, 'listing')?.items).toEqual([
      expect.objectContaining({ id: listingId, kind: 'listing', href: `/annonces/show/${listingId}` }),
    ]);

    const byName = await search(admin, `helene dupre${run}`);
    expect(group(byName, 'coopMember')?.items).toEqual([
      {
        id: memberId,
        kind: 'coopMember',
        title: `Hélène Dupré${run}`,
        subtitle: `Coop ${run}`,
        href: `/coop/groups/show/${groupId}`,
      },
    ]);
  });

  it("never answers another organisation's rows", async () => {
    const ours = await search(admin, `elodie${run}`);
    expect(idsOf(ours, 'contact')).toEqual([elodieId]);
    const theirs = await search(rival, `elodie${run}`);
    expect(idsOf(theirs, 'contact')).toEqual([rivalElodieId]);
    expect(idsOf(theirs, 'dossier')).toEqual([]);
    expect(idsOf(await search(rival, e164), 'contact')).toEqual([rivalElodieId]);
    expect(idsOf(await search(rival, `evry${run}`), 'listing')).toEqual([]);
    expect(idsOf(await search(rival, `dupre${run}`), 'coopMember')).toEqual([]);
  });

  it('answers only the kinds a role may read: READONLY no coop members, a coop member nothing', async () => {
    const ro = await search(readonly, `dupre${run}`);
    expect(ro.groups.map((g) => g.kind)).toEqual(['contact', 'dossier', 'account', 'listing']);
    expect(idsOf(await search(readonly, `elodie${run}`), 'contact')).toEqual([elodieId]);

    const res = await t.app.inject({ url: `/api/v1/search?q=elodie${run}`, headers: member.headers });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res)).toMatchObject({ code: 'PERMISSION_REQUIRED' });
    expect(res.body).not.toContain(elodieId);
  });

  it('bounds the page per kind and keeps the total', async () => {
    const one = await search(admin, `elodie${run}`, '&limit=1');
    expect(group(one, 'contact')).toMatchObject({ total: 1 });
    const both = await call<{ id: string }>(
      admin,
      'POST',
      '/contacts',
      { firstName: `Elodie${run}`, lastName: 'Bis', email: `elodie.bis.${run}@example.test` },
      201,
    );
    const page = await search(admin, `elodie${run}`, '&limit=1');
    expect(group(page, 'contact')?.total).toBe(2);
    expect(group(page, 'contact')?.items).toHaveLength(1);
    expect(idsOf(await search(admin, `elodie${run}`), 'contact').sort()).toEqual([elodieId, both.id].sort());
  });

  it('refuses a bad query with a 400 problem and a code', async () => {
    const bad = async (query: string, code: string) => {
      const res = await t.app.inject({ url: `/api/v1/search?${query}`, headers: admin.headers });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const p = problemOf(res);
      expect(p.code, query).toBeTruthy();
      expect(p.errors?.[0], query).toMatchObject({ field: expect.stringContaining('q'), code });
      return p;
    };
    await bad(`q=${'a'.repeat(101)}`, 'MAX_LENGTH');
    await bad('q=', 'MIN_LENGTH');
    await bad('', 'REQUIRED');
    expect(await bad(`q=${encodeURIComponent('%% --')}`, 'NO_LETTER_OR_DIGIT')).toMatchObject({
      code: 'SEARCH_TERMS_REQUIRED',
    });
    const res = await t.app.inject({ url: `/api/v1/search?q=abc&limit=11`, headers: admin.headers });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).errors?.[0]).toMatchObject({ field: 'querystring.limit', code: 'MAXIMUM' });
  });
});
