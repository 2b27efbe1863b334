import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, 'admin@demo.test', 'demo');
});
afterAll(() => t.close());

const unique = () => randomUUID().slice(0, 8);
const GOOD = 'Soleil-levant-sur-Oran';

/** The field codes of a 400 validation problem. */
function codesOf(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  return (problemOf(res).errors as { field: string; code?: string }[]).map((e) => `${e.field}:${e.code}`);
}

/** A fresh agent of the demo organisation (tests never change the shared demo accounts' passwords). */
async function newAgent(password = GOOD) {
  const email = `pw-${unique()}@demo.test`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin.headers,
    payload: { email, fullName: 'Paule Word', password, roles: ['AGENT'] },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json<{ id: string }>().id, email, session: await login(t.app, email, 'demo', password) };
}

const createUser = (password: string, email = `pw-${unique()}@demo.test`) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin.headers,
    payload: { email, fullName: 'Paule Word', password, roles: ['AGENT'] },
  });

const changePassword = (headers: Record<string, string>, currentPassword: string, newPassword: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/password',
    headers,
    payload: { currentPassword, newPassword },
  });

const me = (headers: Record<string, string>) => t.app.inject({ url: '/api/v1/auth/me', headers });

describe('password policy (NIST SP 800-63B) on every password set through the API', () => {
  it('refuses fewer than 12 characters, however complex', async () => {
    for (const weak of ['password', '12345678', 'demo1234', 'Tr0ub4dor&3']) {
      expect(codesOf(await createUser(weak)), weak).toEqual(['password:PASSWORD_TOO_SHORT']);
    }
    expect(problemOf(await createUser('short')).errors?.[0]).toMatchObject({
      params: { limit: 12, length: 5 },
    });
  });

  it('refuses common and breached passwords and dictionary words, French ones included', async () => {
    for (const common of ['administrator', 'qwerty123456', '123456789012', 'anniversaire', 'félicitations']) {
      expect(codesOf(await createUser(common)), common).toEqual(['password:PASSWORD_COMMON']);
    }
  });

  it('refuses guessable constructions: listed words plus digits, repetitions, keyboard rows, own email', async () => {
    for (const weak of ['motdepasse123', 'aaaaaaaaaaaa', 'azertyuiop12', 'atlascrm2026!']) {
      expect(codesOf(await createUser(weak)), weak).toEqual(['password:PASSWORD_GUESSABLE']);
    }
    const email = `x7kq2vw9pz${unique()}@demo.test`;
    expect(codesOf(await createUser(email, email))[0]).toMatch(/^password:PASSWORD_(COMMON|GUESSABLE)$/);
  });

  it('has no composition rules: a long lower-case passphrase is accepted', async () => {
    expect((await createUser('quatre chats verts dansent')).statusCode).toBe(201);
  });
});

describe('changing one’s own password', () => {
  it('needs the current password, refuses reuse and weak ones, each with its field code', async () => {
    const { email, session } = await newAgent();
    expect(
      codesOf(await changePassword(session.headers, 'not-my-password!', 'Brume-sur-la-Garonne')),
    ).toEqual(['currentPassword:PASSWORD_CURRENT_WRONG']);
    expect(codesOf(await changePassword(session.headers, GOOD, GOOD))).toEqual([
      'newPassword:PASSWORD_REUSED',
    ]);
    expect(codesOf(await changePassword(session.headers, GOOD, 'password'))).toEqual([
      'newPassword:PASSWORD_TOO_SHORT',
    ]);
    expect(codesOf(await changePassword(session.headers, GOOD, 'motdepasse123'))).toEqual([
      'newPassword:PASSWORD_GUESSABLE',
    ]);
    // Nothing changed: the old password still signs in.
    await login(t.app, email, 'demo', GOOD);
  });

  it('ends every other session, keeps this one with a new token, and the new password signs in', async () => {
    const { email, session } = await newAgent();
    const other = await login(t.app, email, 'demo', GOOD);
    const res = await changePassword(session.headers, GOOD, 'Brume-sur-la-Garonne');
    expect(res.statusCode, res.body).toBe(200);
    const fresh = { authorization: `Bearer ${res.json<{ accessToken: string }>().accessToken}` };
    expect((await me(fresh)).statusCode).toBe(200);
    for (const old of [session.headers, other.headers]) {
      const refused = await me(old);
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: GOOD, org: 'demo' },
    });
    expect(wrong.statusCode).toBe(401);
    await login(t.app, email, 'demo', 'Brume-sur-la-Garonne');
  });
});

describe('admin password reset', () => {
  const reset = (id: string, payload: Record<string, unknown> = {}, headers = admin.headers) =>
    t.app.inject({ method: 'POST', url: `/api/v1/users/${id}/password-reset`, headers, payload });

  it('is for USER_ADMIN only, refuses weak temporary passwords and one’s own account', async () => {
    const { id, session } = await newAgent();
    expect((await reset(id, {}, session.headers)).statusCode).toBe(403);
    expect(codesOf(await reset(id, { temporaryPassword: 'azertyuiop12' }))).toEqual([
      'temporaryPassword:PASSWORD_GUESSABLE',
    ]);
    expect((await reset(admin.user.id)).statusCode).toBe(409);
    expect((await reset(randomUUID())).statusCode).toBe(404);
  });

  it('generates a temporary password once, ends sessions, and forces a change at next sign-in', async () => {
    const { id, email, session } = await newAgent();
    const res = await reset(id);
    expect(res.statusCode, res.body).toBe(200);
    // The user itself, with the generated password shown once.
    const body = res.json<Record<string, unknown> & { temporaryPassword: string }>();
    expect(body.temporaryPassword.length).toBeGreaterThanOrEqual(16);
    expect(body).toMatchObject({ id, mustChangePassword: true });
    expect(body).not.toHaveProperty('passwordHash');
    expect(body).not.toHaveProperty('tokenVersion');
    expect((await me(session.headers)).statusCode).toBe(401);

    const temp = await login(t.app, email, 'demo', body.temporaryPassword);
    expect((temp.user as { mustChangePassword?: boolean }).mustChangePassword).toBe(true);
    const blocked = await t.app.inject({ url: '/api/v1/contacts', headers: temp.headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    expect(blocked.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect((await me(temp.headers)).json()).toMatchObject({ mustChangePassword: true });

    expect(
      codesOf(await changePassword(temp.headers, body.temporaryPassword, body.temporaryPassword)),
    ).toEqual(['newPassword:PASSWORD_REUSED']);
    const changed = await changePassword(temp.headers, body.temporaryPassword, 'Brume-sur-la-Garonne');
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    const fresh = { authorization: `Bearer ${changed.json<{ accessToken: string }>().accessToken}` };
    expect((await t.app.inject({ url: '/api/v1/contacts', headers: fresh })).statusCode).toBe(200);
    expect((await me(temp.headers)).statusCode).toBe(401);

    const audit = await t.app.inject({ url: `/api/v1/audit?entityId=${id}`, headers: admin.headers });
    const actions = audit.json<{ data: { action: string }[] }>().data.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['PASSWORD_RESET', 'PASSWORD_CHANGE']));
    expect(audit.body).not.toContain(body.temporaryPassword);
  });

  it('accepts a temporary password chosen by the admin (not echoed back)', async () => {
    const { id, email } = await newAgent();
    const res = await reset(id, { temporaryPassword: 'Temporaire-pour-Paule' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).not.toHaveProperty('temporaryPassword');
    const temp = await login(t.app, email, 'demo', 'Temporaire-pour-Paule');
    expect((await t.app.inject({ url: '/api/v1/contacts', headers: temp.headers })).statusCode).toBe(403);
  });
});
