/**
 * Access probing generated from the OpenAPI document (issue 9): every operation declares its
 * permission; each demo role is refused exactly the operations its permissions do not cover; and
 * another organisation's admin, holding every permission, reaches none of organisation A's records
 * through any route — lists, search and exports included — while A's data stays unchanged.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm, type Orm } from '../../db/orm.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import {
  fillPath,
  loadOpenApi,
  operations,
  resolve,
  sampleValid,
  type OpenApiDoc,
  type Operation,
} from '../helpers/openapi.js';
import {
  createProbeOrg,
  fingerprint,
  idsOf,
  populate,
  PROBE_ROLES,
  KEY_PARAMS,
  tableOfParam,
  type ProbeOrg,
  type Session,
} from '../helpers/probe-org.js';

let t: TestApp;
let ownerOrm: Orm;
let a: ProbeOrg;
let b: ProbeOrg;
let doc: OpenApiDoc;
let ops: Operation[];
let aIds: Record<string, string>;

beforeAll(async () => {
  t = await buildTestApp();
  ownerOrm = await createOrm(inject('ownerUrl'), 2);
  a = await createProbeOrg(t.app, ownerOrm, 'probe-a');
  b = await createProbeOrg(t.app, ownerOrm, 'probe-b');
  await populate(t.app, a);
  doc = await loadOpenApi(t.app);
  ops = operations(doc);
  const tables = ops.flatMap((o) => o.pathParams.map((p) => tableOfParam(o.path, p.name) ?? ''));
  aIds = await idsOf(inject('ownerUrl'), a.orgId, tables.filter(Boolean));
}, 120_000);
afterAll(async () => {
  await ownerOrm.close(true);
  await t.close();
});

const label = (o: Operation) => `${o.method} ${o.path}`;
const DENIED = /which your roles do not grant/;

/** Path values: the org's real record ids (enum values for enum params), or `override` for uuids. */
function pathValues(o: Operation, override?: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of o.pathParams) {
    const schema = resolve(doc, p.schema);
    if (Array.isArray(schema.enum)) values[p.name] = String(schema.enum[0]);
    else if (override) values[p.name] = override;
    else values[p.name] = aIds[tableOfParam(o.path, p.name) ?? ''] ?? randomUUID();
  }
  return values;
}

function send(s: Session | null, o: Operation, url: string, payload?: unknown) {
  return t.app.inject({
    method: o.method,
    url,
    headers: s ? s.headers : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

describe('access probing from the OpenAPI document', () => {
  it('every operation declares its permission, and every path parameter maps to a known record', () => {
    expect(ops.length).toBeGreaterThan(100);
    expect(ops.filter((o) => !o.op['x-permission']).map(label)).toEqual([]);
    const unmapped = ops.flatMap((o) =>
      o.pathParams
        .filter(
          (p) =>
            !Array.isArray(resolve(doc, p.schema).enum) &&
            !KEY_PARAMS.has(p.name) &&
            !tableOfParam(o.path, p.name),
        )
        .map((p) => `${label(o)} {${p.name}}`),
    );
    expect(unmapped).toEqual([]);
  });

  it('each role is refused exactly the operations its permissions do not grant', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const role of PROBE_ROLES) {
      const s = a.sessions[role];
      const held = new Set(s.user.permissions);
      for (const o of ops) {
        const required = o.op['x-permission'];
        if (!Array.isArray(required)) continue;
        const granted = required.some((p) => held.has(p));
        // Holders must get past the permission check without changing anything: mutating calls
        // carry an invalid id or body, so validation (which runs after the check) refuses them.
        const mutating = o.method !== 'GET';
        if (granted && mutating && !o.pathParams.length && !o.body) continue;
        const url = fillPath(o.path, pathValues(o, granted && mutating ? 'not-a-uuid' : undefined));
        const payload = o.body
          ? granted && mutating
            ? []
            : sampleValid(doc, o.body, randomUUID)
          : undefined;
        const res = await send(s, o, url, payload);
        checked++;
        const denied = res.statusCode === 403 && DENIED.test(res.body);
        if (denied === granted)
          mismatches.push(`${role} ${label(o)} → ${res.statusCode} (granted: ${granted})`);
        if (res.statusCode >= 500) mismatches.push(`${role} ${label(o)} → ${res.statusCode} ${res.body}`);
      }
    }
    if (process.env.PROBE_DEBUG) console.log({ checked });
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  }, 120_000);

  it("another organisation's admin reaches none of A's records, and A's data is unchanged", async () => {
    const before = await fingerprint(inject('ownerUrl'), a.orgId);
    const leaks: string[] = [];
    const statuses: Record<string, number> = {};
    for (const o of ops.filter((op) => op.pathParams.length)) {
      const url = fillPath(o.path, pathValues(o));
      const payload = o.body ? sampleValid(doc, o.body, () => aIds.contact ?? randomUUID()) : undefined;
      const res = await send(b.sessions.admin, o, url, payload);
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      const allowed = o.method === 'GET' ? [403, 404] : [400, 403, 404];
      if (!allowed.includes(res.statusCode))
        leaks.push(`${label(o)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (res.statusCode === 400 && !/validation/.test(res.body))
        leaks.push(`${label(o)} → 400 not from validation: ${res.body.slice(0, 200)}`);
    }
    // Lists, search, reports and exports: nothing of A's in the answer.
    const secrets = Object.values(aIds);
    for (const o of ops.filter((op) => op.method === 'GET' && !op.pathParams.length)) {
      const res = await send(b.sessions.admin, o, o.path);
      if (res.statusCode >= 500) leaks.push(`${label(o)} → ${res.statusCode}`);
      const found = secrets.filter((id) => res.body.includes(id));
      if (found.length) leaks.push(`${label(o)} shows A's ${found.join(', ')}`);
    }
    const search = await t.app.inject({ url: '/api/v1/contacts?q=Probe', headers: b.sessions.admin.headers });
    expect(search.json<{ total: number }>().total).toBe(0);
    if (process.env.PROBE_DEBUG) console.log(statuses);
    expect(leaks).toEqual([]);
    // Most probes reached the handler and were told "not found" (not merely refused by validation).
    expect(statuses[404] ?? 0).toBeGreaterThan((statuses[400] ?? 0) * 2);
    expect(await fingerprint(inject('ownerUrl'), a.orgId)).toEqual(before);
  }, 120_000);
});
