/** Every refusal carries a stable `code` (+ `params`) beside its English detail, for clients to phrase. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let agent: Session;
let readonly: Session;
beforeAll(async () => {
  t = await buildTestApp();
  [agent, readonly] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'readonly@demo.test', 'demo'),
  ]);
});
afterAll(() => t.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  t.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: s.headers,
    ...(payload ? { payload } : {}),
  });

describe('problem codes', () => {
  it('a missing permission is PERMISSION_REQUIRED with the permissions that would do', async () => {
    const res = await api(readonly, 'POST', '/contacts', {
      firstName: 'A',
      lastName: 'B',
      email: 'a@b.test',
    });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res)).toMatchObject({
      type: expect.stringMatching(/forbidden$/),
      code: 'PERMISSION_REQUIRED',
      params: { permissions: expect.arrayContaining([expect.stringMatching(/^CRM_CONTACTS_/)]) },
    });
  });

  it('a duplicate contact email is CONTACT_EMAIL_TAKEN with the email and the holder', async () => {
    const email = `dup.${randomUUID().slice(0, 8)}@example.test`;
    const first = await api(agent, 'POST', '/contacts', { firstName: 'Nora', lastName: 'Premier', email });
    expect(first.statusCode, first.body).toBe(201);
    const again = await api(agent, 'POST', '/contacts', { firstName: 'Nora', lastName: 'Bis', email });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again)).toMatchObject({
      code: 'CONTACT_EMAIL_TAKEN',
      params: { email, name: 'Nora Premier' },
      errors: [{ field: 'email', code: 'ALREADY_USED' }],
    });
  });

  it('other problems carry their type as a code (NOT_FOUND with the entity, VALIDATION_ERROR)', async () => {
    const missing = await api(agent, 'GET', `/dossiers/${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(problemOf(missing)).toMatchObject({ code: 'NOT_FOUND', params: { entity: 'Dossier' } });
    const invalid = await api(agent, 'POST', '/contacts', { firstName: 'x' });
    expect(invalid.statusCode).toBe(400);
    expect(problemOf(invalid)).toMatchObject({ code: 'VALIDATION_ERROR' });
    const noRoute = await api(agent, 'GET', '/no-such-route');
    expect(problemOf(noRoute)).toMatchObject({ code: 'NOT_FOUND' });
  });
});
