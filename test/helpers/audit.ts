import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * Waits until the organisation's audit rows written so far are sealed (given their `seq`): the API
 * seals after commit, every ~250 ms. Tests that read chain positions call it first.
 */
export async function auditSealed(orgId: string, timeoutMs = 10_000): Promise<void> {
  const since = new Date();
  const db = new pg.Client({ connectionString: inject('ownerUrl') });
  await db.connect();
  try {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await db.query<{ n: string }>(
        'select count(*)::text as n from audit_event where org_id = $1 and seq is null and created_at <= $2',
        [orgId, since],
      );
      if (rows[0]?.n === '0') return;
      if (Date.now() > end) throw new Error(`audit rows of ${orgId} still unsealed after ${timeoutMs} ms`);
      await sleep(50);
    }
  } finally {
    await db.end();
  }
}
