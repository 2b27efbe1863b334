/**
 * Deeply nested JSON bodies (issue 15, item 4): 10,000 levels used to overflow the call stack (a
 * 500); every JSON body is now held to JSON_MAX_DEPTH (64) levels, with a 400 naming the field.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';

let t: TestApp;
let manager: Awaited<ReturnType<typeof login>>;
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  t = await buildTestApp();
  manager = await login(t.app, 'manager@demo.test', 'demo');
});
afterAll(() => t.close());

/** `levels` nested objects `{"a":{"a":…1}}`, as text (no recursion to build or serialise it). */
const nestedObjects = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
/** A JsonLogic rule `{"and":[{"and":[…]}]}`: 2 levels (object, array) per step. */
const nestedRule = (steps: number) =>
  '{"and":['.repeat(steps) + '{"var":"dossier.budgetMax"}' + ']}'.repeat(steps);

const send = (method: 'POST' | 'PATCH', url: string, body: string) =>
  t.app.inject({
    method,
    url,
    headers: { ...manager.headers, 'content-type': 'application/json' },
    payload: body,
  });

function expectTooDeep(res: Awaited<ReturnType<typeof send>>, fieldPrefix: string) {
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const problem = res.json<{
    type: string;
    errors: Array<{ field: string; code: string; params: object }>;
  }>();
  expect(problem.type).toMatch(/validation-error$/);
  expect(problem.errors).toHaveLength(1);
  const [error] = problem.errors;
  expect(error!.code).toBe('MAX_DEPTH');
  expect(error!.params).toEqual({ limit: 64 });
  expect(error!.field.startsWith(fieldPrefix), error!.field).toBe(true);
  // The path leads to the first container past the limit: 65 levels below the body's top level.
  expect(error!.field.split('.')).toHaveLength(65);
  return error!.field;
}

describe('JSON nesting depth (issue 15, item 4)', () => {
  it('a dossier metaJson 10,000 levels deep is a 400 naming metaJson, and creates nothing', async () => {
    const title = `Profond ${run}`;
    const res = await send(
      'POST',
      '/api/v1/dossiers',
      `{"caseType":"ACHAT","title":"${title}","metaJson":${nestedObjects(10_000)}}`,
    );
    expect(expectTooDeep(res, 'metaJson.a.a.a')).toBe(['metaJson', ...Array(64).fill('a')].join('.'));
    const list = await t.app.inject({
      url: `/api/v1/dossiers?q=${encodeURIComponent(title)}`,
      headers: manager.headers,
    });
    expect(list.json<{ total: number }>().total).toBe(0);
  });

  it('a workflow definition whose guard nests 10,000 levels is a 400 naming the guard', async () => {
    const caseType = `DEEP_${run.toUpperCase()}`;
    const body =
      `{"caseType":"${caseType}","name":{"fr":"Profond"},"states":[{"code":"NEW","initial":true},` +
      `{"code":"WON","terminal":true,"reasonType":"WON"}],"transitions":[{"from":"NEW","to":"WON",` +
      `"guard":{"rule":${nestedRule(5_000)},"message":{"fr":"x","en":"x"}}}]}`;
    const res = await send('POST', '/api/v1/workflow-definitions', body);
    expectTooDeep(res, 'transitions.0.guard.rule.and.0.and.0');
  });

  it('a contact with a 10,000-level array in a field is a 400 naming that field', async () => {
    const res = await send(
      'POST',
      '/api/v1/contacts',
      `{"firstName":"Deep","lastName":"${run}","email":"deep.${run}@example.test","tags":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    );
    expect(expectTooDeep(res, 'tags.0.0')).toBe(['tags', ...Array(64).fill('0')].join('.'));
  });

  it('64 levels are a legitimate metaJson: stored and read back whole; 65 are refused', async () => {
    const ok = await send(
      'POST',
      '/api/v1/dossiers',
      `{"caseType":"ACHAT","title":"Profond 64 ${run}","metaJson":${nestedObjects(64)}}`,
    );
    expect(ok.statusCode, ok.body).toBe(201);
    const got = await t.app.inject({
      url: `/api/v1/dossiers/${ok.json<{ id: string }>().id}`,
      headers: manager.headers,
    });
    expect(JSON.stringify(got.json<{ metaJson: unknown }>().metaJson)).toBe(nestedObjects(64));
    const tooDeep = await send(
      'POST',
      '/api/v1/dossiers',
      `{"caseType":"ACHAT","title":"Profond 65 ${run}","metaJson":${nestedObjects(65)}}`,
    );
    expectTooDeep(tooDeep, 'metaJson.a');
  });

  it('brackets inside strings do not count, and malformed JSON stays a plain 400', async () => {
    const brackets = '[{'.repeat(200);
    const ok = await send(
      'POST',
      '/api/v1/dossiers',
      `{"caseType":"ACHAT","title":"Crochets ${run}","metaJson":{"note":"${brackets}"}}`,
    );
    expect(ok.statusCode, ok.body).toBe(201);
    const broken = await send('POST', '/api/v1/dossiers', '{"caseType":"ACHAT",');
    expect(broken.statusCode).toBe(400);
    expect(broken.headers['content-type']).toContain('application/problem+json');
  });
});
