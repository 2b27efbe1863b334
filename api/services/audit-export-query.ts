/** The audit list's filters, for the export: a period, an entity, an action, an actor. */
export interface AuditExportFilters {
  from?: string | undefined;
  to?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  actorId?: string | undefined;
}

export const auditExportFilterProperties = {
  from: { type: 'string', format: 'date-time' },
  to: { type: 'string', format: 'date-time' },
  entityType: { type: 'string', maxLength: 64 },
  entityId: { type: 'string', maxLength: 128 },
  action: { type: 'string', maxLength: 32 },
  actorId: { type: 'string', format: 'uuid' },
} as const;

/**
 * The organisation's sealed audit events matching the filters, in chain order (seq). Rows not sealed
 * yet (committed less than about a second ago) have no place in the chain and join the next export.
 */
export function auditExportSql(orgId: string, f: AuditExportFilters): { sql: string; bindings: unknown[] } {
  const where = ['org_id = ?', 'seq is not null'];
  const bindings: unknown[] = [orgId];
  const add = (condition: string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    where.push(condition);
    bindings.push(value);
  };
  add('created_at >= ?::timestamptz', f.from);
  add('created_at < ?::timestamptz', f.to);
  add('entity_type = ?', f.entityType);
  add('entity_id = ?', f.entityId);
  add('action = ?', f.action);
  add('actor_id = ?::uuid', f.actorId);
  return { sql: `select * from audit_event where ${where.join(' and ')} order by seq`, bindings };
}
