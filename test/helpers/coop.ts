import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { login } from './app.js';

export type Session = Awaited<ReturnType<typeof login>>;

/** A minimal valid PDF (magic bytes %PDF-), unique per call so every upload has its own sha256. */
export function pdfBytes(text: string = randomUUID()): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** A multipart/form-data body: fields first, then the file. */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer; type?: string },
) {
  const boundary = `----atlas${randomUUID().replace(/-/g, '')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/pdf'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export function coopApi(app: FastifyInstance) {
  const api = (
    s: Session,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...s.headers, ...headers },
      ...(payload ? { payload } : {}),
    });
  const ok = async <T>(res: ReturnType<typeof api>, status = 200): Promise<T> => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return r.json<T>();
  };
  const upload = async (
    s: Session,
    ownerType: string,
    ownerId: string,
    kind: string,
    bytes = pdfBytes(),
    name = 'piece.pdf',
  ) => {
    const body = multipart({ ownerType, ownerId, kind }, { name, bytes });
    return app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: { ...s.headers, ...body.headers },
      payload: body.payload,
    });
  };
  /** A member taken through KYC (pieces uploaded and validated) to ACTIVE. */
  const activeMember = async (admin: Session, groupId: string, input: Record<string, unknown>) => {
    const m = await ok<{ id: string; version: number; kyc: { code: string; required: boolean }[] }>(
      api(admin, 'POST', `/coop/groups/${groupId}/members`, input),
      201,
    );
    let version = m.version;
    for (const item of m.kyc.filter((i) => i.required)) {
      const doc = await upload(admin, 'COOP_MEMBER', m.id, 'KYC_PIECE');
      expect(doc.statusCode, doc.body).toBe(201);
      await ok(
        api(admin, 'PUT', `/coop/members/${m.id}/kyc/${item.code}`, {
          documentId: doc.json<{ id: string }>().id,
        }),
      );
      version = (
        await ok<{ version: number }>(
          api(admin, 'PUT', `/coop/members/${m.id}/kyc/${item.code}`, { decision: 'VALIDATED' }),
        )
      ).version;
    }
    return ok<{ id: string; version: number; fifoRank: number; contactId: string }>(
      api(admin, 'POST', `/coop/members/${m.id}/status`, { version, status: 'ACTIVE' }),
    );
  };
  return { api, ok, upload, activeMember };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}
