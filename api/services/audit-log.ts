import { QueryOrder } from '@mikro-orm/core';
import { AuditEvent, User, type IAuditEvent } from '../../db/entities/index.js';
import type { Em } from '../../db/orm.js';

export interface AuditLogQuery {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  actorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/** An audit event with the name of the user who acted (null for the system or a deleted user). */
export type AuditLogEvent = IAuditEvent & { actorName: string | null };

/** The organisation's audit trail, newest first, each event with its actor's name (one extra query). */
export async function auditLogPage(em: Em, q: AuditLogQuery) {
  const where: Record<string, unknown> = {};
  if (q.entityType) where.entityType = q.entityType;
  if (q.entityId) where.entityId = q.entityId;
  if (q.action) where.action = q.action;
  if (q.actorId) where.actorId = q.actorId;
  if (q.from || q.to)
    where.createdAt = {
      ...(q.from ? { $gte: new Date(q.from) } : {}),
      ...(q.to ? { $lt: new Date(q.to) } : {}),
    };
  const [rows, total] = await em.findAndCount(AuditEvent, where, {
    // Newest first: rows not yet sealed (no seq) are the newest; among them, the latest written first.
    orderBy: [{ seq: QueryOrder.DESC_NULLS_FIRST }, { createdAt: QueryOrder.DESC }, { id: QueryOrder.DESC }],
    limit: q.limit,
    offset: q.offset,
  });
  const names = await userNames(
    em,
    rows.map((r) => r.actorId),
  );
  const data = rows.map((r): AuditLogEvent => ({
    ...r,
    actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
  }));
  return { data, total };
}

async function userNames(em: Em, ids: (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map<string, string>();
  const users = await em.find(User, { id: { $in: wanted } }, { fields: ['id', 'fullName'] });
  return new Map(users.map((u) => [u.id, u.fullName]));
}

/** The users who appear in the organisation's audit trail (inactive ones too), by name: the user filter. */
export async function auditActors(em: Em) {
  const rows = await em.execute<{ id: string; full_name: string; is_active: boolean }[]>(
    `select u.id, u.full_name, u.is_active from app_user u
      where exists (select 1 from audit_event a where a.actor_id = u.id)
      order by u.full_name, u.id`,
  );
  return rows.map((r) => ({ id: r.id, fullName: r.full_name, isActive: r.is_active }));
}
