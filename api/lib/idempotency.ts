import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { IdempotencyRecord } from '../../db/entities/index.js';
import type { Em } from '../../db/orm.js';
import { problems } from '../problem.js';

export interface StoredAnswer {
  statusCode: number;
  body: unknown;
}

export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !/^[\w.:-]{1,200}$/.test(key)) {
    throw problems.validation([
      { field: 'Idempotency-Key', message: 'must be 1-200 letters, digits, ".", ":", "_" or "-"' },
    ]);
  }
  return key;
}

export function requestHash(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
}

/** The first answer given to this key, or undefined; a reused key with another body is refused. */
export async function replay(
  em: Em,
  scope: string,
  key: string,
  hash: string,
): Promise<StoredAnswer | undefined> {
  const found = await em.findOne(IdempotencyRecord, { scope, key });
  if (!found) return undefined;
  if (found.requestHash !== hash) {
    throw problems.unprocessable(
      'idempotency-key-reused',
      'Idempotency key reused',
      'This Idempotency-Key was already used with a different request.',
    );
  }
  return { statusCode: found.statusCode, body: found.response };
}

export function remember(
  em: Em,
  orgId: string,
  scope: string,
  key: string,
  hash: string,
  answer: StoredAnswer,
): void {
  em.create(IdempotencyRecord, {
    orgId,
    scope,
    key,
    requestHash: hash,
    statusCode: answer.statusCode,
    response: answer.body,
  });
}

/** Temporal update ids derived from the key, so a retried transition is the same update. */
export function updateIdFor(scope: string, key: string): string {
  return createHash('sha256').update(`${scope}\n${key}`).digest('hex').slice(0, 40);
}

/** Stores the answer unless a concurrent retry already did (same key, same answer). */
export async function rememberIfAbsent(
  em: Em,
  orgId: string,
  scope: string,
  key: string,
  hash: string,
  answer: StoredAnswer,
): Promise<void> {
  await em.execute(
    `insert into idempotency_record (org_id, scope, key, request_hash, status_code, response, created_at)
     values (?, ?, ?, ?, ?, ?, now()) on conflict do nothing`,
    [orgId, scope, key, hash, answer.statusCode, JSON.stringify(answer.body)],
  );
}
