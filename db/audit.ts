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
 * The trigger hashes its content; seq, prev_hash and hash are set when it is sealed after commit.
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
  /** Null for a row not sealed yet (then `id` names it). */
  seq: number | null;
  id?: string;
  problem: string;
}

export interface ChainCheck {
  count: number;
  breaks: ChainBreak[];
  /** Highest sealed position (0 when nothing is sealed yet). */
  sealedThrough: number;
  unsealed: number;
  /** Age of the oldest unsealed row, 0 when every row is sealed. */
  lagMs: number;
}

/**
 * Gives committed audit rows of every organisation their chain position, up to `limit` rows; -1 when
 * another sealer holds the turn. Runs in its own short transaction, never in a writer's.
 */
export async function sealAuditBatch(em: Em, limit: number): Promise<number> {
  const rows = await em.execute<{ n: number }[]>('select audit_seal(?) as n', [limit]);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Recomputes the organisation's hash chain in the database; returns every broken link. A sealed row
 * must match its content hash (written at insert) and link to its predecessor; an unsealed row must
 * match its content hash. Rows sealed before sealing-after-commit (no content hash) keep their
 * original formula (prev_hash | payload with seq).
 */
export async function verifyAuditChain(em: Em, orgId: string): Promise<ChainCheck> {
  const sealed = await em.execute<{ seq: string; problem: string }[]>(
    `with chain as (
       select a.seq, a.hash, a.prev_hash, a.content_hash,
              lag(a.hash) over (order by a.seq) as expected_prev,
              lag(a.seq) over (order by a.seq) as previous_seq,
              case when a.content_hash is null then audit_event_hash(a.prev_hash, a)
                   else audit_event_link_hash(a.prev_hash, a.org_id, a.seq, a.content_hash) end as recomputed,
              case when a.content_hash is null then null else audit_event_content_hash(a) end as content_recomputed
       from audit_event a where a.org_id = ? and a.seq is not null),
     checked as (
       select seq, case
         when content_hash is distinct from content_recomputed then 'content does not match its hash'
         when hash is distinct from recomputed then 'content does not match its hash'
         when prev_hash is distinct from expected_prev then 'link to the previous event is broken'
         when seq <> coalesce(previous_seq, 0) + 1 then 'events are missing before this one'
       end as problem
       from chain)
     select seq::text, problem from checked where problem is not null order by seq limit 100`,
    [orgId],
  );
  const unsealed = await em.execute<{ id: string }[]>(
    `select a.id from audit_event a where a.org_id = ? and a.seq is null
       and a.content_hash is distinct from audit_event_content_hash(a) order by a.created_at, a.id limit 100`,
    [orgId],
  );
  const stats = await em.execute<{ n: string; sealed_through: string; unsealed: string; lag_ms: string }[]>(
    `select count(*)::text as n, coalesce(max(seq), 0)::text as sealed_through,
            count(*) filter (where seq is null)::text as unsealed,
            coalesce(greatest(0, round(extract(epoch from clock_timestamp() - min(created_at) filter (where seq is null)) * 1000)), 0)::text as lag_ms
       from audit_event where org_id = ?`,
    [orgId],
  );
  const s = stats[0];
  return {
    count: Number(s?.n ?? 0),
    breaks: [
      ...sealed.map((r) => ({ seq: Number(r.seq), problem: r.problem })),
      ...unsealed.map((r) => ({ seq: null, id: r.id, problem: 'content does not match its hash' })),
    ],
    sealedThrough: Number(s?.sealed_through ?? 0),
    unsealed: Number(s?.unsealed ?? 0),
    lagMs: Number(s?.lag_ms ?? 0),
  };
}
