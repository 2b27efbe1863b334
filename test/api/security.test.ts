/**
 * Security basics (issue 9): passwords never stored or logged in clear, JWT algorithm and signature
 * checks, CORS allow-list. (Rate limit, expiry, security headers, body limits and webhook signatures
 * are asserted in auth, health, problems and the webhook tests.)
 */
import { createHmac, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';

const lines: string[] = [];
let t: TestApp;
let admin: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await buildTestApp({}, { write: (line) => lines.push(line) });
  admin = await login(t.app, 'admin@demo.test', 'demo');
});
afterAll(() => t.close());

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as object;

describe('security basics', () => {
  it('never stores nor logs a password in clear', async () => {
    const password = `Secret-${randomUUID()}`;
    const email = `sec.${randomUUID().slice(0, 8)}@demo.test`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email, fullName: 'Sécu Rité', password, roles: ['AGENT'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.body).not.toContain(password);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password, org: 'demo' },
    });
    expect(ok.statusCode).toBe(200);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: `${password}x`, org: 'demo' },
    });

    const db = new pg.Client({ connectionString: inject('ownerUrl') });
    await db.connect();
    const row = await db.query<{ password_hash: string }>(
      'select password_hash from app_user where email = $1',
      [email],
    );
    const dump = await db.query<{ t: string }>(
      `select string_agg(coalesce(after_json::text, '') || coalesce(before_json::text, ''), ' ') as t
         from audit_event where entity_type = 'User'`,
    );
    await db.end();
    expect(row.rows[0]!.password_hash).toMatch(/^scrypt\$/);
    expect(row.rows[0]!.password_hash).not.toContain(password);
    expect(dump.rows[0]!.t).not.toContain(password);
    expect(lines.length).toBeGreaterThan(3); // the logger did see these requests…
    expect(lines.join('\n')).not.toContain(password); // …and never the password
    expect(lines.join('\n')).not.toContain(ok.json<{ accessToken: string }>().accessToken);
  });

  it('accepts only HS256 tokens signed with the server secret', async () => {
    const claims = claimsOf(admin.token);
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
    const wrongSecret = `${body}.${createHmac('sha256', 'not-the-secret-at-all-not-the-secret').update(body).digest('base64url')}`;
    const hs512 = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(claims)}`;
    const otherAlg = `${hs512}.${createHmac('sha512', t.env.JWT_SECRET).update(hs512).digest('base64url')}`;
    const tampered = `${admin.token.split('.')[0]}.${b64({ ...claims, org: randomUUID() })}.${admin.token.split('.')[2]}`;
    for (const token of [unsigned, wrongSecret, otherAlg, tampered]) {
      const res = await t.app.inject({
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode, token.slice(0, 40)).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: admin.headers })).statusCode).toBe(200);
  });

  it('answers CORS only for allowed origins', async () => {
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/contacts',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });
});
