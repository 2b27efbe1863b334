import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3DocumentStore } from '../../db/document-store.js';
import { freePort } from '../../runtime/postgres.js';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { coopApi, pdfBytes } from '../helpers/coop.js';

const BUCKET = 'atlas-documents';
let server: S3rver;
let dir: string;
let endpoint: string;
let t: TestApp;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-s3rver-'));
  const port = await freePort();
  server = new S3rver({ port, address: '127.0.0.1', silent: true, directory: dir });
  await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  t = await buildTestApp({
    S3_ENDPOINT: endpoint,
    S3_BUCKET: BUCKET,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
  });
  await (t.app.documents as S3DocumentStore).ensureBucket();
});
afterAll(async () => {
  await t?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('documents in S3-compatible storage (s3rver as the stand-in)', () => {
  it('puts and gets bytes through the S3 protocol, and creates the bucket once', async () => {
    const store = new S3DocumentStore({
      endpoint,
      bucket: BUCKET,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });
    await store.ensureBucket();
    const key = `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}/COOP_GROUP/${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}`;
    const bytes = pdfBytes();
    await store.put(key, bytes, 'application/pdf');
    expect((await store.get(key)).equals(bytes)).toBe(true);
    await expect(store.put('../escape', bytes, 'application/pdf')).rejects.toThrow(/unsafe/);
  });

  it('serves an uploaded document from S3 and refuses it once the object no longer matches its sha256', async () => {
    const admin = await login(t.app, 'admin@demo.test', 'demo');
    const h = coopApi(t.app);
    const group = await h.ok<{ id: string }>(
      h.api(admin, 'POST', '/coop/groups', { name: 'S3 Coop', city: 'Tanger' }),
      201,
    );
    const bytes = pdfBytes();
    const up = await h.upload(admin, 'COOP_GROUP', group.id, 'STATUTES', bytes);
    expect(up.statusCode, up.body).toBe(201);
    const doc = up.json<{ id: string }>();
    const got = await h.api(admin, 'GET', `/documents/${doc.id}/content`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(bytes)).toBe(true);
    // Overwrite the object behind the API's back.
    const orgId = admin.user.orgId;
    await (t.app.documents as S3DocumentStore).put(
      `${orgId}/COOP_GROUP/${doc.id}`,
      pdfBytes('swapped'),
      'application/pdf',
    );
    const bad = await h.api(admin, 'GET', `/documents/${doc.id}/content`);
    expect(bad.statusCode).toBe(500);
    expect(problemOf(bad).type).toMatch(/document-integrity-error/);
  });
});
