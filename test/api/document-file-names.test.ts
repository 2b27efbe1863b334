/** Document names in any script, and hostile ones, upload and download with a valid Content-Disposition. */
import { randomUUID } from 'node:crypto';
import { parse } from 'content-disposition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { coopApi } from '../helpers/coop.js';

let t: TestApp;
let agent: Awaited<ReturnType<typeof login>>;
let annonceId: string;
beforeAll(async () => {
  t = await buildTestApp();
  agent = await login(t.app, 'agent@demo.test', 'demo');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/annonces',
    headers: agent.headers,
    payload: {
      title: 'Noms de fichiers',
      transaction: 'SALE',
      propertyType: 'APARTMENT',
      priceCents: 1,
      city: 'Lyon',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  annonceId = created.json<{ id: string }>().id;
});
afterAll(() => t.close());

/** A real 1×1 PNG (file-type reads its IHDR), made unique by bytes after its IEND. */
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const png = () => Buffer.concat([Buffer.from(PNG_1X1, 'base64'), Buffer.from(randomUUID())]);

async function roundTrip(name: string) {
  const bytes = png();
  const up = await coopApi(t.app).upload(agent, 'ANNONCE', annonceId, 'PHOTO', bytes, name);
  expect(up.statusCode, up.body).toBe(201);
  const doc = up.json<{ id: string; fileName: string; mimeType: string }>();
  expect(doc.mimeType).toBe('image/png');
  const res = await t.app.inject({ url: `/api/v1/documents/${doc.id}/content`, headers: agent.headers });
  expect(res.statusCode, res.body).toBe(200);
  expect(Buffer.compare(res.rawPayload, bytes)).toBe(0);
  const header = String(res.headers['content-disposition']);
  return { doc, header, parsed: parse(header) };
}

describe('document file names (RFC 6266 / 5987)', () => {
  it('a Japanese name downloads with filename* in UTF-8 and an ASCII fallback', async () => {
    const { doc, header, parsed } = await roundTrip('日本語.png');
    expect(doc.fileName).toBe('日本語.png');
    expect(header).toBe(`attachment; filename=___.png; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.png`);
    expect(parsed.parameters.filename).toBe('日本語.png');
  });

  it('an accented name comes back intact, with its accents dropped in the fallback', async () => {
    const { doc, header, parsed } = await roundTrip('évé.png');
    expect(doc.fileName).toBe('évé.png');
    expect(header).toBe(`attachment; filename=eve.png; filename*=UTF-8''%C3%A9v%C3%A9.png`);
    expect(parsed.parameters.filename).toBe('évé.png');
  });

  it('control characters and bidi overrides are replaced at upload; the download header is valid', async () => {
    const { doc, header, parsed } = await roundTrip('plan\u0001\u001f\u007f\u202Egnp.exe.png');
    expect(doc.fileName).toBe('plan____gnp.exe.png');
    expect(header).toBe('attachment; filename=plan____gnp.exe.png');
    expect(parsed.parameters.filename).toBe('plan____gnp.exe.png');
    const meta = await t.app.inject({ url: `/api/v1/documents/${doc.id}`, headers: agent.headers });
    expect(meta.json()).toMatchObject({ fileName: 'plan____gnp.exe.png' });
  });
});
