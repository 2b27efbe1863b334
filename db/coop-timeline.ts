import { randomUUID } from 'node:crypto';
import type { Em } from './orm.js';

export interface CoopEventInput {
  orgId: string;
  groupId: string;
  memberId?: string | null;
  kind: string;
  title: string;
  payload?: Record<string, unknown>;
  actorId?: string | null;
  occurredAt?: Date;
  /** Idempotency: one event per key (activities retry). Default: a fresh id. */
  sourceKey?: string;
}

/** Adds an event to the group's timeline in the caller's transaction (once per sourceKey). */
export async function addCoopEvent(em: Em, e: CoopEventInput): Promise<void> {
  await em.execute(
    `insert into coop_timeline_event (id, org_id, group_id, member_id, kind, title, payload, actor_id, occurred_at, source_key)
     values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) on conflict (org_id, source_key) do nothing`,
    [
      randomUUID(),
      e.orgId,
      e.groupId,
      e.memberId ?? null,
      e.kind,
      e.title.slice(0, 300),
      JSON.stringify(e.payload ?? {}),
      e.actorId ?? null,
      e.occurredAt ?? new Date(),
      e.sourceKey ?? randomUUID(),
    ],
  );
}
