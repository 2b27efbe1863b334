import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { FastifyRequest } from 'fastify';
import type { Em } from '../../db/orm.js';
import { idempotencyKeyOf, remember, replay, requestHash, type StoredAnswer } from '../lib/idempotency.js';

/**
 * Runs a creating POST once per `Idempotency-Key`: the record commits with the created rows, so a
 * retry replays the first answer; a concurrent retry that lost the key race replays the winner's,
 * whether it lost on the key itself or on the business rule the winner's rows now break (a 409
 * "already on the shortlist" is the winner's answer seen from the loser's side).
 */
export async function runIdempotent(
  request: FastifyRequest,
  scope: string,
  statusCode: number,
  create: (em: Em) => Promise<unknown>,
): Promise<StoredAnswer> {
  const key = idempotencyKeyOf(request);
  if (!key) return { statusCode, body: await request.tx(create) };
  const hash = requestHash(request.body);
  const attempt = () =>
    request.tx(async (em) => {
      const stored = await replay(em, scope, key, hash);
      if (stored) return stored;
      const body = JSON.parse(JSON.stringify(await create(em))) as unknown;
      remember(em, request.tenant().orgId, scope, key, hash, { statusCode, body });
      await em.flush();
      return { statusCode, body };
    });
  try {
    return await attempt();
  } catch (err) {
    const winner = await request.tx((em) => replay(em, scope, key, hash));
    if (winner) return winner;
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
    return attempt();
  }
}
