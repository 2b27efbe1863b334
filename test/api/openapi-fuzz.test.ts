/**
 * Input abuse generated from the OpenAPI document (issue 9): for every operation, invalid path
 * parameters, query strings, bodies and headers. Never a 5xx, always problem+json, and nothing
 * changes in the organisation. `FUZZ_ROUNDS=n` adds n seeded rounds of random bodies per operation
 * (the full run: `FUZZ_ROUNDS=20 npx vitest run test/api/openapi-fuzz.test.ts`, > 10,000 requests).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seededRandom } from '../../seed/demo-fixtures.js';
import { createOrm, type Orm } from '../../db/orm.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { bodyValidator, fuzzCases, randomJson, type FuzzCase } from '../helpers/fuzz-inputs.js';
import { fillPath, loadOpenApi, operations, type Operation } from '../helpers/openapi.js';
import { createProbeOrg, fingerprint, populate, type ProbeOrg } from '../helpers/probe-org.js';

let t: TestApp;
let ownerOrm: Orm;
let org: ProbeOrg;
let ops: Operation[];
let cases: Array<{ o: Operation; c: FuzzCase }>;

beforeAll(async () => {
  t = await buildTestApp();
  ownerOrm = await createOrm(inject('ownerUrl'), 2);
  org = await createProbeOrg(t.app, ownerOrm, 'fuzz');
  await populate(t.app, org);
  const doc = await loadOpenApi(t.app);
  ops = operations(doc);
  cases = ops.flatMap((o) => fuzzCases(doc, o, (v) => fillPath(o.path, v)).map((c) => ({ o, c })));
  const rounds = Number(process.env.FUZZ_ROUNDS ?? 0);
  const rnd = seededRandom(`fuzz:${rounds}`);
  for (let r = 0; r < rounds; r++)
    for (const o of ops.filter((op) => op.body)) {
      const validate = bodyValidator(doc, o.body!);
      for (let i = 0; i < 5; i++) {
        const payload = randomJson(rnd);
        if (!validate(JSON.parse(JSON.stringify(payload ?? null))))
          cases.push({ o, c: { what: `random body r${r}.${i}`, url: fillPath(o.path, {}), payload } });
      }
    }
}, 120_000);
afterAll(async () => {
  await ownerOrm.close(true);
  await t.close();
});

describe('fuzzing every operation of the OpenAPI document', () => {
  it('never answers 5xx, always problem+json, and changes nothing', async () => {
    const before = await fingerprint(inject('ownerUrl'), org.orgId);
    const failures: string[] = [];
    let sent = 0;
    for (const { o, c } of cases) {
      const res = await t.app.inject({
        method: o.method,
        url: c.url,
        headers: { ...org.sessions.admin.headers, ...c.headers },
        ...(c.payload !== undefined
          ? { payload: typeof c.payload === 'string' ? c.payload : JSON.stringify(c.payload) }
          : {}),
        ...(c.payload !== undefined && !c.headers?.['content-type']
          ? { headers: { ...org.sessions.admin.headers, ...c.headers, 'content-type': 'application/json' } }
          : {}),
      });
      sent++;
      const where = `${o.method} ${o.path} [${c.what}] → ${res.statusCode}`;
      if (res.statusCode >= 500) failures.push(`${where} ${res.body.slice(0, 300)}`);
      else if (
        res.statusCode >= 400 &&
        !String(res.headers['content-type']).includes('application/problem+json')
      )
        failures.push(`${where} not problem+json: ${String(res.headers['content-type'])}`);
      else if (o.method !== 'GET' && res.statusCode < 400)
        failures.push(`${where} accepted an invalid request`);
    }
    if (process.env.FUZZ_ROUNDS || process.env.PROBE_DEBUG) console.log(`fuzz: ${sent} requests`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(3000);
    expect(await fingerprint(inject('ownerUrl'), org.orgId)).toEqual(before);
  }, 600_000);
});
