/**
 * Duplicate and concurrent requests (issue 9): the same Idempotency-Key sent 20 times at once makes
 * one dossier and one transition; 50 parallel moves from the same seen version make exactly one
 * success and 409s for the rest; the status history counts the accepted requests exactly.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { createDossier, transition } from '../helpers/dossiers.js';

let t: TestApp;
let agent: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await buildTestApp();
  agent = await login(t.app, 'agent@demo.test', 'demo');
});
afterAll(() => t.close());

const history = async (id: string) =>
  (await t.app.inject({ url: `/api/v1/dossiers/${id}/history`, headers: agent.headers })).json<{
    data: { to: string }[];
  }>().data;

describe('duplicate and concurrent requests', () => {
  it('20 parallel creates with one Idempotency-Key make one dossier', async () => {
    const key = randomUUID();
    const title = `Concurrent ${key.slice(0, 8)}`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/dossiers',
          headers: { ...agent.headers, 'idempotency-key': key },
          payload: { caseType: 'ACHAT', title, budgetMax: 150000 },
        }),
      ),
    );
    const codes = answers.map((a) => a.statusCode);
    // Every caller learns the one outcome, or is told to retry while the first is in flight.
    expect(codes.every((c) => c === 201 || c === 409)).toBe(true);
    const ids = new Set(answers.filter((a) => a.statusCode === 201).map((a) => a.json<{ id: string }>().id));
    expect(ids.size).toBe(1);
    const list = await t.app.inject({
      url: `/api/v1/dossiers?q=${encodeURIComponent(title)}`,
      headers: agent.headers,
    });
    expect(list.json<{ data: { title: string }[] }>().data.filter((d) => d.title === title)).toHaveLength(1);
  });

  it('20 parallel transitions with one Idempotency-Key move the dossier once', async () => {
    const d = await createDossier(t.app, agent.headers, { budgetMax: 150000 });
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        transition(t.app, agent.headers, d.id, { to: 'QUALIFIED' }, { 'idempotency-key': key }),
      ),
    );
    expect(answers.every((a) => a.statusCode === 200 || a.statusCode === 409)).toBe(true);
    expect(answers.some((a) => a.statusCode === 200)).toBe(true);
    expect((await history(d.id)).filter((h) => h.to === 'QUALIFIED')).toHaveLength(1);
  });

  it('50 parallel moves from the version they saw: exactly one wins, the others get 409', async () => {
    const d = await createDossier(t.app, agent.headers, { budgetMax: 150000 });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        transition(
          t.app,
          agent.headers,
          d.id,
          i % 2
            ? { to: 'QUALIFIED', version: d.version }
            : { to: 'LOST', reasonCode: 'BUDGET', version: d.version },
        ),
      ),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c !== 200).every((c) => c === 409)).toBe(true);
    expect(
      answers
        .filter((a) => a.statusCode === 409)
        .every((a) => a.headers['content-type']?.toString().includes('problem+json')),
    ).toBe(true);
    expect(await history(d.id)).toHaveLength(2); // creation + the one accepted move
  }, 60_000);
});
