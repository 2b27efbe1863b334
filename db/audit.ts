import { randomUUID } from 'node:crypto';
import { AuditEvent } from './entities/index.js';
import type { Em, TenantContext } from './orm.js';

export type AuditAction =
  'CREATE' | 'UPDATE' | 'DELETE' | 'TRANSITION' | 'LOGIN' | 'DEACTIVATE' | 'REASSIGN' | string;

export interface AuditInput {
  entityType: string;
  entityId: string;
  action: AuditAction;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** SYSTEM when no user acted (timers, automations, seed). */
  actorType?: 'USER' | 'SYSTEM';
}

const IGNORED = new Set(['version', 'updatedAt', 'passwordHash']);

/** Field-level diff `{ field: { from, to } }` between two plain snapshots. */
export function diffSnapshots(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Record<string, { from: unknown; to: unknown }> {
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) diff[key] = { from, to };
  }
  return diff;
}

/** JSON-safe copy of an entity or row for the audit trail (dates as ISO strings, secrets dropped). */
export function snapshot(value: object | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  const plain = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  delete plain.passwordHash;
  return plain;
}

/**
 * Appends an audit event in the caller's transaction, so the change and its record commit together.
 * seq, prev_hash and hash are set by the database trigger.
 */
export async function recordAudit(em: Em, ctx: TenantContext, input: AuditInput): Promise<void> {
  const before = snapshot(input.before);
  const after = snapshot(input.after);
  await em.insert(AuditEvent, {
    id: randomUUID(),
    orgId: ctx.orgId,
    entityType: input.entityType,
    entityId: input.entityId,
    action: input.action,
    actorId: input.actorType === 'SYSTEM' ? null : (ctx.userId ?? null),
    actorType: input.actorType ?? (ctx.userId ? 'USER' : 'SYSTEM'),
    beforeJson: before,
    afterJson: after,
    diffJson: diffSnapshots(before, after),
    correlationId: ctx.correlationId ?? null,
    createdAt: new Date(),
  });
}

export interface ChainBreak {
  seq: number;
  problem: string;
}

/** Recomputes the organisation's hash chain in the database; returns every broken link. */
export async function verifyAuditChain(
  em: Em,
  orgId: string,
): Promise<{ count: number; breaks: ChainBreak[] }> {
  const rows = await em.execute<{ seq: string; problem: string }[]>(
    `with chain as (
       select a.seq, a.hash, a.prev_hash,
              lag(a.hash) over (order by a.seq) as expected_prev,
              lag(a.seq) over (order by a.seq) as previous_seq,
              audit_event_hash(a.prev_hash, a) as recomputed
       from audit_event a where a.org_id = ?)
     select seq::text, case
       when hash is distinct from recomputed then 'content does not match its hash'
       when prev_hash is distinct from expected_prev then 'link to the previous event is broken'
       when seq <> coalesce(previous_seq, 0) + 1 then 'events are missing before this one'
     end as problem
     from chain
     where hash is distinct from recomputed or prev_hash is distinct from expected_prev
        or seq <> coalesce(previous_seq, 0) + 1
     order by seq limit 100`,
    [orgId],
  );
  const count = await em.execute<{ n: string }[]>(
    'select count(*)::text as n from audit_event where org_id = ?',
    [orgId],
  );
  return {
    count: Number(count[0]?.n ?? 0),
    breaks: rows.map((r) => ({ seq: Number(r.seq), problem: r.problem })),
  };
}
