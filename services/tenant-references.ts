import type { Em } from '../db/orm.js';
import { failures } from './failures.js';
import type { DomainFieldError } from './domain-error.js';

const fail = failures('platform');

/** Tables a request may point into, by the name a client reads in the error's params. */
const TABLES = {
  contact: 'contact',
  user: 'app_user',
  dossier: 'dossier',
  annonce: 'annonce',
  account: 'account',
  activity: 'activity',
  document: 'document',
  coopMember: 'coop_member',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ReferencedEntity = keyof typeof TABLES;

export interface Reference {
  /** The request field, as a path (`contactId`, `members.2.userId`). */
  field: string;
  entity: ReferencedEntity;
  /** Unset or null: nothing referenced, nothing to check. */
  id: string | null | undefined;
}

/** The field-level reason of a reference that does not resolve in the caller's organisation. */
export function referenceNotFound(field: string, entity: ReferencedEntity): DomainFieldError {
  return {
    field,
    message: `no such ${entity} in this organisation`,
    code: 'REFERENCE_NOT_FOUND',
    params: { entity },
  };
}

/**
 * Checks that every referenced row exists in the organisation (explicitly by org_id, on top of RLS,
 * so a connection that bypasses RLS still cannot link across tenants) and throws one 422 naming each
 * field that does not. Another organisation's id and a made-up one are answered alike, so the answer
 * says nothing about other tenants. Composite foreign keys `(org_id, ref) → (org_id, id)` back this up
 * in the database (Migration20261203100000_tenant_references).
 */
export async function assertReferences(em: Em, orgId: string, refs: Reference[]): Promise<void> {
  const wanted = refs.filter((r): r is Reference & { id: string } => typeof r.id === 'string');
  if (!wanted.length) return;
  const found = new Set<string>();
  for (const entity of new Set(wanted.map((r) => r.entity))) {
    // Not a uuid cannot exist (and would not cast): it stays unfound.
    const ids = [...new Set(wanted.filter((r) => r.entity === entity).map((r) => r.id))].filter((id) =>
      UUID.test(id),
    );
    if (!ids.length) continue;
    const rows = await em.execute<{ id: string }[]>(
      `select id from "${TABLES[entity]}" where org_id = ? and id = any(?::uuid[])`,
      [orgId, `{${ids.join(',')}}`],
    );
    for (const row of rows) found.add(`${entity}:${row.id}`);
  }
  const errors = wanted
    .filter((r) => !found.has(`${r.entity}:${r.id}`))
    .map((r) => referenceNotFound(r.field, r.entity));
  if (errors.length)
    throw fail.rejected('REFERENCE_NOT_FOUND', errors.map((e) => `${e.field} ${e.message}`).join('; '), {
      fieldErrors: errors,
    });
}

const REFERENCE_CODES = new Set(['REFERENCE_NOT_FOUND', 'UNKNOWN_USER', 'UNKNOWN_LISTING']);

/**
 * For checks that gather input and reference errors together: only unresolved references is the
 * 422 of `assertReferences`; anything else in the request is still a 400 listing every field.
 */
export function invalidInput(errors: DomainFieldError[]) {
  return errors.every((e) => e.code && REFERENCE_CODES.has(e.code))
    ? fail.rejected('REFERENCE_NOT_FOUND', errors.map((e) => `${e.field} ${e.message}`).join('; '), {
        fieldErrors: errors,
      })
    : fail.validation(errors);
}
