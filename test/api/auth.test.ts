import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_ROLES, demoEmail } from '../../seed/demo-orgs.js';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { TEST_PASSWORD } from '../helpers/constants.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('login', () => {
  for (const org of DEMO_ORGS) {
    for (const role of DEMO_ROLES) {
      it(`signs in ${demoEmail(role, org.slug)} with the ${role.toUpperCase()} role`, async () => {
        const { user, headers } = await login(t.app, demoEmail(role, org.slug), org.slug);
        const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
        expect(me.statusCode).toBe(200);
        expect(me.json().roles).toEqual([role.toUpperCase()]);
        expect(me.json().orgSlug).toBe(org.slug);
        expect(me.json().orgId).toBe(user.orgId);
      });
    }
  }

  it('gives READONLY view permissions only and ADMIN every permission', async () => {
    const ro = await login(t.app, 'readonly@demo.test', 'demo');
    expect(ro.user.permissions.every((p) => p.endsWith('_VIEW'))).toBe(true);
    const admin = await login(t.app, 'admin@demo.test', 'demo');
    expect(admin.user.permissions).toContain('USER_ADMIN');
    expect(admin.user.permissions).toContain('CRM_ACCOUNTS_DELETE');
  });

  it('signs one account in from many devices at once (no conflict between their sign-ins)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'manager@demo.test', password: TEST_PASSWORD, org: 'demo' },
        }),
      ),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
  });

  it('accepts the email in any case', async () => {
    await expect(login(t.app, 'Agent@Demo.TEST', 'demo')).resolves.toBeDefined();
  });

  it('refuses a wrong password, an unknown user and an unknown organisation alike', async () => {
    for (const payload of [
      { email: 'agent@demo.test', password: 'wrong-password', org: 'demo' },
      { email: 'nobody@demo.test', password: 'demo1234', org: 'demo' },
      { email: 'agent@demo.test', password: 'demo1234', org: 'no-such-org' },
      { email: 'agent@demo.test', password: 'demo1234', org: 'rival' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(problemOf(res).detail).toBe('Wrong organisation, email or password.');
      expect(problemOf(res).code).toBe('INVALID_CREDENTIALS');
    }
  });

  it('rate-limits repeated attempts on one account', async () => {
    const payload = { email: 'brute-force-target@rival.test', password: 'guess', org: 'rival' };
    const statuses: number[] = [];
    for (let i = 0; i < t.env.LOGIN_RATE_LIMIT_MAX; i++) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload })).statusCode);
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    const limited = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
    expect(limited.statusCode).toBe(429);
    expect(problemOf(limited).title).toBe('Too many requests');
    // Other accounts from the same address are not locked out.
    await expect(login(t.app, 'manager@rival.test', 'rival')).resolves.toBeDefined();
  });

  it('requires a valid token and refuses a forged or expired one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: 'Bearer abc.def.ghi' },
    });
    expect(forged.statusCode).toBe(401);
    const { user } = await login(t.app, 'agent@demo.test', 'demo');
    const expired = t.app.jwt.sign({ sub: user.id, org: user.orgId, orgSlug: 'demo' }, { expiresIn: -10 });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${expired}` },
    });
    expect(res.statusCode).toBe(401);
  });

  it('refuses an X-Tenant-ID that does not match the token, and accepts a matching one', async () => {
    const demo = await login(t.app, 'agent@demo.test', 'demo');
    const rival = await login(t.app, 'agent@rival.test', 'rival');
    const mismatch = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { ...demo.headers, 'x-tenant-id': rival.user.orgId },
    });
    expect(mismatch.statusCode).toBe(403);
    expect(problemOf(mismatch).detail).toMatch(/X-Tenant-ID/);
    const bySlug = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { ...demo.headers, 'x-tenant-id': 'rival' },
    });
    expect(bySlug.statusCode).toBe(403);
    const match = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { ...demo.headers, 'x-tenant-id': demo.user.orgId },
    });
    expect(match.statusCode).toBe(200);
  });
});
