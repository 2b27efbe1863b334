/** Listing photos live in the shared document store (owner type ANNONCE), scoped like listings. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { coopApi } from '../helpers/coop.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let agent: Session;
let readonly: Session;
let rival: Session;
beforeAll(async () => {
  t = await buildTestApp();
  [agent, readonly, rival] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'readonly@demo.test', 'demo'),
    login(t.app, 'admin@rival.test', 'rival'),
  ]);
});
afterAll(() => t.close());

/** The smallest JPEG header file-type recognises, plus some bytes. */
const jpeg = () =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
    Buffer.from(randomUUID()),
    Buffer.from([0xff, 0xd9]),
  ]);

describe('listing photos', () => {
  it('uploads, lists and serves photos to those who may see listings, never to another organisation', async () => {
    const h = coopApi(t.app);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/annonces',
      headers: agent.headers,
      payload: {
        title: 'Avec photos',
        transaction: 'SALE',
        propertyType: 'APARTMENT',
        priceCents: 1,
        city: 'Lyon',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    const bytes = jpeg();
    const up = await h.upload(agent, 'ANNONCE', id, 'PHOTO', bytes, 'salon.jpg');
    expect(up.statusCode, up.body).toBe(201);
    const doc = up.json<{ id: string; mimeType: string; sha256: string }>();
    expect(doc.mimeType).toBe('image/jpeg');

    const list = await t.app.inject({ url: `/api/v1/annonces/${id}/photos`, headers: readonly.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ data: { id: string }[] }>().data.map((d) => d.id)).toEqual([doc.id]);
    const content = await t.app.inject({
      url: `/api/v1/documents/${doc.id}/content`,
      headers: readonly.headers,
    });
    expect(content.statusCode).toBe(200);
    expect(Buffer.compare(content.rawPayload, bytes)).toBe(0);

    // Readonly may look, not add; another organisation sees nothing.
    expect(
      (await h.upload(readonly, 'ANNONCE', id, 'PHOTO', jpeg(), 'x.jpg')).statusCode,
    ).toBeGreaterThanOrEqual(403);
    expect(
      (await t.app.inject({ url: `/api/v1/annonces/${id}/photos`, headers: rival.headers })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/v1/documents/${doc.id}/content`, headers: rival.headers })).statusCode,
    ).toBe(404);
    expect((await h.upload(rival, 'ANNONCE', id, 'PHOTO', jpeg(), 'x.jpg')).statusCode).toBe(404);
  });
});
