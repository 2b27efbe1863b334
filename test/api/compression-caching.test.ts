import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_UI_DIST } from '../../api/routes/admin-ui.js';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';

let t: TestApp;
let manager: Awaited<ReturnType<typeof login>>;
const run = randomUUID().slice(0, 8);
const ROWS = 60;
beforeAll(async () => {
  t = await buildTestApp();
  manager = await login(t.app, 'manager@demo.test', 'demo');
  // The suite's database has no demo records: a list and an export worth compressing.
  for (let i = 0; i < ROWS; i++) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: manager.headers,
      payload: { firstName: 'Camille', lastName: `Zip${run} ${i}`, email: `zip${i}.${run}@example.test` },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => t.close());

const decode: Record<string, (b: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync };

/** The entry script index.html loads (the largest file of the cold load). */
function entryScript(): string {
  const html = readFileSync(path.join(ADMIN_UI_DIST, 'index.html'), 'utf8');
  const src = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error('no entry script in admin-ui/dist/index.html: run npm run build:ui');
  return src;
}

describe('compression', () => {
  for (const encoding of ['br', 'gzip']) {
    it(`sends a 50-row contact list as ${encoding}, smaller, the same JSON`, async () => {
      const url = `/api/v1/contacts?q=Zip${run}&pageSize=50`;
      const plain = await t.app.inject({ url, headers: manager.headers });
      const res = await t.app.inject({ url, headers: { ...manager.headers, 'accept-encoding': encoding } });
      expect(res.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.json<{ data: unknown[] }>().data).toHaveLength(50);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      expect(JSON.parse(decode[encoding]!(res.rawPayload).toString('utf8'))).toEqual(plain.json());
    });

    it(`sends the admin UI's entry script precompressed as ${encoding}`, async () => {
      const src = entryScript();
      const res = await t.app.inject({ url: src, headers: { 'accept-encoding': `${encoding}, identity` } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/javascript/);
      const original = readFileSync(path.join(ADMIN_UI_DIST, src));
      expect(res.rawPayload.length).toBeLessThan(original.length / 2);
      expect(decode[encoding]!(res.rawPayload).equals(original)).toBe(true);
    });
  }

  it('compresses the OpenAPI document, and nothing for a client that accepts no encoding', async () => {
    const res = await t.app.inject({
      url: '/docs/json',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.headers['content-encoding']).toBe('br');
    const plain = await t.app.inject({ url: '/docs/json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 5);
  });

  it('still streams an export, compressed as it goes (chunked, no length)', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      get(
        `http://127.0.0.1:${port}/api/v1/exports/contacts?q=Zip${run}`,
        { headers: { ...manager.headers, 'accept-encoding': 'gzip' } },
        resolve,
      ).on('error', reject),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    const csv = gunzipSync(Buffer.concat(chunks));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^id;firstName;lastName;email;/);
    expect(lines).toHaveLength(ROWS + 1);
  });
});

describe('cache headers', () => {
  it('hashed assets are immutable for a year', async () => {
    const files = readdirSync(path.join(ADMIN_UI_DIST, 'assets')).filter((f) => /\.(js|css)$/.test(f));
    for (const file of [entryScript().replace(/^\/assets\//, ''), files[0]!]) {
      const res = await t.app.inject({ url: `/assets/${file}`, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('index.html, at / and as the fallback of client routes, is revalidated', async () => {
    for (const url of ['/', '/index.html', '/dossiers/show/123']) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('API answers are not stored: data, problems and the login token alike', async () => {
    const list = await t.app.inject({ url: '/api/v1/dossiers', headers: manager.headers });
    const denied = await t.app.inject({ url: '/api/v1/dossiers' });
    const loginRes = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@demo.test', password: 'wrong-password', org: 'demo' },
    });
    expect([list.statusCode, denied.statusCode]).toEqual([200, 401]);
    for (const res of [list, denied, loginRes]) expect(res.headers['cache-control']).toBe('no-store');
  });
});
