import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';

let t: TestApp;
let headers: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  headers = (await login(t.app, 'admin@demo.test', 'demo')).headers;
});
afterAll(() => t.close());

describe('problem+json for client mistakes', () => {
  it('answers malformed JSON with 400, never 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(problemOf(res)).toMatchObject({ status: 400, title: 'Bad request' });
    expect(problemOf(res).detail).toBeTruthy();
  });

  it('lists every invalid field of a body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers,
      payload: { email: 'not-an-email', roles: 'AGENT', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    const fields = problemOf(res)
      .errors?.map((e) => e.field)
      .sort();
    expect(fields).toEqual(expect.arrayContaining(['email', 'fullName', 'password', 'extra']));
    // `code` and `params` let a client word the reason in its own language.
    expect(problemOf(res).errors).toContainEqual({
      field: 'fullName',
      message: 'is required',
      code: 'REQUIRED',
      params: { missingProperty: 'fullName' },
    });
    expect(problemOf(res).errors).toContainEqual({
      field: 'extra',
      message: 'is not an accepted field',
      code: 'ADDITIONAL_PROPERTIES',
      params: { additionalProperty: 'extra' },
    });
  });

  it('validates query strings and path parameters', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/v1/users?pageSize=100000', headers });
    expect(page.statusCode).toBe(400);
    expect(problemOf(page).errors?.[0]?.field).toBe('querystring.pageSize');
    const sort = await t.app.inject({ method: 'GET', url: '/api/v1/users?sort=passwordHash', headers });
    expect(sort.statusCode).toBe(400);
    expect(problemOf(sort).errors?.[0]?.field).toBe('sort');
    const id = await t.app.inject({ method: 'GET', url: '/api/v1/users/not-a-uuid', headers });
    expect(id.statusCode).toBe(400);
    expect(problemOf(id).errors?.[0]?.field).toBe('params.id');
  });

  it('refuses an unsupported content type with 415 and an empty body with 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: { ...headers, 'content-type': 'application/xml' },
      payload: '<role/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers,
      payload: { code: 'BIG', name: 'x'.repeat(2 * 1024 * 1024), permissions: [] },
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers unknown API routes with a 404 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers });
    expect(res.statusCode).toBe(404);
    expect(problemOf(res).type).toContain('not-found');
  });

  it('never answers 5xx to a fuzzed body', async () => {
    const bodies = [
      null,
      [],
      'str',
      42,
      { email: {} },
      { email: 'a@b.c', fullName: [], password: {}, roles: [null] },
      { version: 'x' },
    ];
    for (const payload of bodies) {
      for (const [method, url] of [
        ['POST', '/api/v1/users'],
        ['POST', '/api/v1/roles'],
        ['POST', '/api/v1/auth/login'],
        ['PATCH', `/api/v1/users/00000000-0000-4000-8000-000000000000`],
      ] as const) {
        const res = await t.app.inject({
          method,
          url,
          headers: { ...headers, 'content-type': 'application/json' },
          payload: JSON.stringify(payload),
        });
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBeLessThan(500);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    }
  });
});
