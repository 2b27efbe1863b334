/**
 * Every operation of the OpenAPI document, multipart uploads included, sent over the network to one
 * real API process (`api/server.ts`) as every role — COOP_MEMBER and READONLY first, ADMIN last —
 * with real record ids and schema-valid bodies. After each role's batch the process must still be the
 * same process (same pid, never exited) and still answer /health promptly: no request of any role
 * may crash it, stall it or answer 5xx (issue 15).
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DOCUMENT_OWNER_TYPES } from '../../services/platform/document-access.js';
import { createOrm, type Orm } from '../../db/orm.js';
import { ensureUser } from '../../seed/demo-orgs.js';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { TEST_PASSWORD } from '../helpers/constants.js';
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
  idsOf,
  populate,
  tableOfParam,
  type ProbeOrg,
  type Session,
} from '../helpers/probe-org.js';
import { spawnApiProcess, type ApiProcess } from '../helpers/api-process.js';

const JWT_SECRET = `process-probe-${randomUUID()}`;
const MAX_BYTES = 64 * 1024;
/** The least privileged first: a crash they can cause must not hide behind the admin's batch. */
const ROLES = ['coop_member', 'readonly', 'agent', 'manager', 'admin'] as const;
/** A tiny valid PNG (the upload route sniffs the type from the bytes). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const OWNER_TABLE: Record<string, string> = {
  ANNONCE: 'annonce',
  COOP_GROUP: 'coop_group',
  COOP_PROJECT: 'coop_project',
  COOP_MEMBER: 'coop_member',
  COOP_CONTRIBUTION: 'coop_contribution',
  COOP_ALLOCATION_RUN: 'coop_allocation_run',
};

let t: TestApp;
let ownerOrm: Orm;
let org: ProbeOrg;
let sessions: Record<(typeof ROLES)[number], Session>;
let doc: OpenApiDoc;
let ops: Operation[];
let ids: Record<string, string>;
let api: ApiProcess;

beforeAll(async () => {
  t = await buildTestApp({ JWT_SECRET });
  ownerOrm = await createOrm(inject('ownerUrl'), 2);
  org = await createProbeOrg(t.app, ownerOrm, 'proc');
  await populate(t.app, org);
  // A cooperative member who signs in, linked to the probe group's member (their own rows exist).
  const email = `coop_member@${org.slug}.test`;
  await ensureUser(ownerOrm, org.orgId, {
    email,
    fullName: 'Coop member',
    password: TEST_PASSWORD,
    roles: ['COOP_MEMBER'],
  });
  const db = new pg.Client({ connectionString: inject('ownerUrl') });
  await db.connect();
  await db.query(
    `update coop_member set user_id = (select id from app_user where org_id = $1 and email = $2)
      where id = (select id from coop_member where org_id = $1 order by created_at limit 1)`,
    [org.orgId, email],
  );
  await db.end();
  sessions = { ...org.sessions, coop_member: await login(t.app, email, org.slug) };
  doc = await loadOpenApi(t.app);
  // Deletions last, so the records stay for the rest of the batch.
  ops = operations(doc).sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
  const tables = ops.flatMap((o) => o.pathParams.map((p) => tableOfParam(o.path, p.name) ?? ''));
  ids = await idsOf(inject('ownerUrl'), org.orgId, [
    ...tables.filter(Boolean),
    ...Object.values(OWNER_TABLE),
  ]);
  api = await spawnApiProcess({
    appUrl: inject('appUrl'),
    temporalAddress: inject('temporalAddress'),
    env: { JWT_SECRET, DOCUMENTS_MAX_BYTES: String(MAX_BYTES), LOG_LEVEL: 'warn' },
  });
}, 180_000);
afterAll(async () => {
  await api?.stop();
  await ownerOrm?.close(true);
  await t?.close();
});

function pathValues(o: Operation): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of o.pathParams) {
    const schema = resolve(doc, p.schema);
    if (Array.isArray(schema.enum)) values[p.name] = String(schema.enum[0]);
    else if (schema.format !== 'uuid') values[p.name] = 'ID_CARD';
    else values[p.name] = ids[tableOfParam(o.path, p.name) ?? ''] ?? randomUUID();
  }
  return values;
}

const isMultipart = (o: Operation) =>
  Object.keys(o.op.requestBody?.content ?? {}).includes('multipart/form-data');

/** The requests of one operation: one JSON request, or one upload per document owner type. */
function requestsOf(o: Operation, s: Session): Array<{ what: string; init: RequestInit; url: string }> {
  const url = `${api.base}${fillPath(o.path, pathValues(o))}`;
  if (isMultipart(o))
    return DOCUMENT_OWNER_TYPES.map((ownerType) => {
      const form = new FormData();
      form.set('ownerType', ownerType);
      form.set('ownerId', ids[OWNER_TABLE[ownerType] ?? ''] ?? randomUUID());
      form.set('kind', ownerType === 'ANNONCE' ? 'PHOTO' : 'PAYMENT_PROOF');
      form.set('file', new Blob([PNG], { type: 'image/png' }), 'preuve.png');
      return { what: ownerType, url, init: { method: o.method, headers: s.headers, body: form } };
    });
  const body = o.body ? JSON.stringify(sampleValid(doc, o.body, randomUUID)) : undefined;
  const headers = { ...s.headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) };
  return [
    { what: 'sample', url, init: { method: o.method, headers, ...(body !== undefined ? { body } : {}) } },
  ];
}

/** Same pid, never exited, and /health answers 200 within a couple of seconds (median of five). */
async function assertStillServing(after: string) {
  expect(api.child.exitCode, `API exited after ${after}: ${api.output().slice(-2000)}`).toBeNull();
  expect(api.child.pid).toBe(api.pid);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const res = await fetch(`${api.base}/health`, { signal: AbortSignal.timeout(10_000) });
    times.push(performance.now() - started);
    expect(res.status, `/health after ${after}`).toBe(200);
  }
  times.sort((a, b) => a - b);
  expect(times[2], `/health median after ${after} (ms)`).toBeLessThan(2000);
}

describe('one real API process, every route, every role', () => {
  it('no request of any role crashes, stalls or fails the process (multipart uploads included)', async () => {
    const failures: string[] = [];
    let sent = 0;
    expect(ops.filter(isMultipart).length).toBeGreaterThan(0);
    for (const role of ROLES) {
      for (const o of ops)
        for (const r of requestsOf(o, sessions[role])) {
          const where = `${role} ${o.method} ${o.path} [${r.what}]`;
          try {
            const res = await fetch(r.url, { ...r.init, signal: AbortSignal.timeout(30_000) });
            await res.arrayBuffer();
            sent++;
            if (res.status >= 500) failures.push(`${where} → ${res.status}`);
          } catch (err) {
            failures.push(`${where} → ${(err as Error).message} (connection lost?)`);
            await sleep(500);
          }
          if (api.child.exitCode !== null) {
            failures.push(`${where} → the API process exited (${api.child.exitCode})`);
            break;
          }
        }
      if (api.child.exitCode !== null) break;
      await assertStillServing(`the ${role} batch`);
    }
    expect(failures).toEqual([]);
    await assertStillServing('every batch');
    expect(sent).toBeGreaterThan(ROLES.length * 150);
  }, 600_000);
});

/**
 * Broken and hostile multipart bodies: each must be a 4xx problem, never a 5xx or a dropped
 * connection. Two are unusual but well-formed (`valid`): whoever may upload gets a 201 (the file
 * name cleaned), the others a 4xx.
 */
function multipartAbuse(): Array<{ what: string; contentType: string; body: Buffer | string; valid?: true }> {
  const b = 'probe-boundary';
  const part = (name: string, value: string) =>
    `--${b}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const file = (bytes: Buffer | string, name = 'preuve.png', type = 'image/png') =>
    Buffer.concat([
      Buffer.from(
        `--${b}\r\ncontent-disposition: form-data; name="file"; filename="${name}"\r\ncontent-type: ${type}\r\n\r\n`,
      ),
      Buffer.from(bytes),
      Buffer.from('\r\n'),
    ]);
  const fields = (ownerType = 'COOP_GROUP', ownerId = ids.coop_group ?? randomUUID()) =>
    part('ownerType', ownerType) + part('ownerId', ownerId) + part('kind', 'PAYMENT_PROOF');
  const end = `--${b}--\r\n`;
  const mp = `multipart/form-data; boundary=${b}`;
  const join = (...chunks: Array<Buffer | string>) => Buffer.concat(chunks.map((c) => Buffer.from(c)));
  return [
    { what: 'no boundary', contentType: 'multipart/form-data', body: fields() + end },
    { what: 'truncated', contentType: mp, body: join(fields(), file(PNG)).subarray(0, 200) },
    { what: 'no file', contentType: mp, body: fields() + end },
    { what: 'file before fields', valid: true, contentType: mp, body: join(file(PNG), fields(), end) },
    { what: 'unknown owner type', contentType: mp, body: join(fields('NOPE'), file(PNG), end) },
    {
      what: 'owner id not a uuid',
      contentType: mp,
      body: join(fields('COOP_GROUP', "x' or 1=1"), file(PNG), end),
    },
    {
      what: 'text disguised as png',
      contentType: mp,
      body: join(fields(), file('<script>alert(1)</script>'), end),
    },
    { what: 'empty file', contentType: mp, body: join(fields(), file(''), end) },
    {
      what: 'over the size limit',
      contentType: mp,
      body: join(fields(), file(Buffer.concat([PNG, Buffer.alloc(MAX_BYTES * 2)])), end),
    },
    { what: 'two files', contentType: mp, body: join(fields(), file(PNG), file(PNG, 'b.png'), end) },
    {
      what: 'too many fields',
      contentType: mp,
      body: join(fields(), ...Array.from({ length: 20 }, (_, i) => part(`f${i}`, 'x')), file(PNG), end),
    },
    {
      what: 'oversized field',
      contentType: mp,
      body: join(part('ownerType', 'x'.repeat(100_000)), file(PNG), end),
    },
    {
      what: 'control characters in the file name',
      valid: true,
      contentType: mp,
      body: join(fields(), file(PNG, 'a\u0001\u007f.png'), end),
    },
    { what: 'json sent as multipart', contentType: mp, body: '{"ownerType":"COOP_GROUP"}' },
  ];
}

describe('hostile multipart uploads', () => {
  it('every role gets a 4xx problem for every broken body, and the process stays up', async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      for (const c of multipartAbuse()) {
        const where = `${role} [${c.what}]`;
        try {
          const res = await fetch(`${api.base}/api/v1/documents`, {
            method: 'POST',
            headers: { ...sessions[role].headers, 'content-type': c.contentType },
            body: c.body,
            signal: AbortSignal.timeout(30_000),
          });
          const text = await res.text();
          if ((res.status < 400 && !c.valid) || res.status >= 500)
            failures.push(`${where} → ${res.status} ${text.slice(0, 200)}`);
          else if (
            res.status >= 400 &&
            !String(res.headers.get('content-type')).includes('application/problem+json')
          )
            failures.push(`${where} → ${res.status} not problem+json`);
        } catch (err) {
          failures.push(`${where} → ${(err as Error).message} (connection lost?)`);
        }
        if (api.child.exitCode !== null) break;
      }
      if (api.child.exitCode !== null) break;
      await assertStillServing(`the ${role} multipart batch`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
