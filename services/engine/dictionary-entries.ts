import { recordAudit } from '../../db/audit.js';
import type { DictionaryEntryView } from '../../db/dictionaries.js';
import { RefDictionary, type IRefDictionary } from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { failures } from '../failures.js';

const fail = failures('engine');

/** Writes to a tenant's dictionaries (F-2.1): global defaults are only ever overridden, never changed. */

export interface EntryChanges {
  label?: string;
  labelFr?: string | null;
  labelAr?: string | null;
  sortOrder?: number;
  isActive?: boolean;
  metadata?: Record<string, unknown>;
}

export function entryView(e: IRefDictionary): DictionaryEntryView {
  return {
    id: e.id,
    dictType: e.dictType,
    code: e.code,
    label: e.label,
    labelFr: e.labelFr ?? null,
    labelAr: e.labelAr ?? null,
    sortOrder: e.sortOrder,
    isActive: e.isActive,
    metadata: e.metadataJson ?? {},
    scope: e.orgId ? 'TENANT' : 'GLOBAL',
    version: e.version,
  };
}

export function columns(changes: EntryChanges): Partial<IRefDictionary> {
  const { metadata, ...rest } = changes;
  return { ...rest, ...(metadata !== undefined ? { metadataJson: metadata } : {}) };
}

/** The tenant row overriding a global entry: a copy of the global carrying `changes`. */
export function createOverride(em: Em, ctx: TenantContext, global: IRefDictionary, changes: EntryChanges) {
  return em.create(RefDictionary, {
    orgId: ctx.orgId,
    dictType: global.dictType,
    code: global.code,
    label: global.label,
    labelFr: global.labelFr ?? null,
    labelAr: global.labelAr ?? null,
    sortOrder: global.sortOrder,
    isActive: global.isActive,
    metadataJson: global.metadataJson ?? null,
    createdBy: ctx.userId ?? null,
    ...columns(changes),
  });
}

/**
 * Applies `changes` to an entry. Global rows are never touched (RLS forbids it anyway): the tenant's
 * override takes the change, created on first edit. A `version` must match the row the caller read.
 */
export async function changeEntry(
  em: Em,
  ctx: TenantContext,
  id: string,
  changes: EntryChanges,
  opts: { version?: number | undefined; action: string },
): Promise<DictionaryEntryView> {
  const row = await em.findOne(RefDictionary, { id });
  if (!row) throw fail.notFound('Dictionary entry');
  if (opts.version !== undefined && row.version !== opts.version)
    throw fail.staleVersion('This dictionary entry');
  const override = row.orgId
    ? null
    : await em.findOne(RefDictionary, { dictType: row.dictType, code: row.code, orgId: ctx.orgId });
  if (override && opts.version !== undefined) {
    // The caller edits the global it saw, but the tenant already overrides it: their view is stale.
    throw fail.conflict(
      `${row.dictType} ${row.code} is already overridden by your organisation; edit entry ${override.id}.`,
      { extra: { overrideId: override.id } },
    );
  }
  const before = entryView(override ?? row);
  let target: IRefDictionary;
  if (row.orgId || override) {
    target = override ?? row;
    em.assign(target, columns(changes));
  } else target = createOverride(em, ctx, row, changes);
  await em.flush();
  const after = entryView(target);
  await recordAudit(em, ctx, {
    entityType: 'Dictionary',
    entityId: target.id,
    action: opts.action,
    before: { ...before },
    after: { ...after },
  });
  return after;
}
