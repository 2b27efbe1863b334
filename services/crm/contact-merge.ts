import { recordAudit } from '../../db/audit.js';
import { contactView, tableHasColumn, type ContactView } from '../../db/contacts.js';
import type { IContact } from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { loadContact } from './contact-lifecycle.js';
import { failures } from '../failures.js';

const fail = failures('crm');

/** Tables of other modules whose rows follow a contact into a merge, when they exist (F-4.5). */
const OPTIONAL_CONTACT_TABLES = ['activity', 'message'] as const;

export interface MergePlan {
  survivorId: string;
  duplicateId: string;
  /** Rows per table that follow the survivor. */
  moves: Record<string, number>;
  /** Rows of append-only tables the database refuses to re-point; they stay on the duplicate. */
  kept: Record<string, number>;
  tags: string[];
}

/**
 * Re-points one optional table inside a savepoint: append-only tables (activity, message content)
 * refuse it, and that refusal must not abort the merge. `apply: false` only tries (for dryRun).
 */
async function tryMove(em: Em, table: string, params: unknown[], apply: boolean): Promise<boolean> {
  // Append-only tables admit a contact_id re-pointing only inside a merge (see the merge_moves migration).
  await em.execute(`select set_config('app.contact_merge', 'on', true)`);
  await em.execute('savepoint contact_merge_move');
  try {
    await em.execute(`update "${table}" set contact_id = ? where org_id = ? and contact_id = ?`, params);
  } catch {
    await em.execute('rollback to savepoint contact_merge_move');
    return false;
  }
  await em.execute(
    apply ? 'release savepoint contact_merge_move' : 'rollback to savepoint contact_merge_move',
  );
  return true;
}

async function countWhere(em: Em, table: string, orgId: string, contactId: string): Promise<number> {
  const [row] = await em.execute<{ n: number }[]>(
    `select count(*)::int as n from "${table}" where org_id = ? and contact_id = ?`,
    [orgId, contactId],
  );
  return row?.n ?? 0;
}

const OWN_TABLES = [
  'dossier_party',
  'dossier',
  'timeline_event',
  'contact_role',
  'account_contact',
  'contact_consent',
] as const;

async function loadPair(em: Em, survivorId: string, duplicateId: string) {
  if (survivorId === duplicateId)
    throw fail.validation([{ field: 'duplicateId', message: 'must differ from survivorId' }]);
  const survivor = await loadContact(em, survivorId);
  const duplicate = await loadContact(em, duplicateId);
  if (duplicate.mergedIntoId) throw fail.conflict('The duplicate was already merged into another contact.');
  if (survivor.mergedIntoId) throw fail.conflict('The survivor was itself merged into another contact.');
  return { survivor, duplicate };
}

function unionTags(survivor: IContact, duplicate: IContact): string[] {
  return [...new Set([...(survivor.tags ?? []), ...(duplicate.tags ?? [])])];
}

/** What a merge would move, without changing anything (the `dryRun` preview). */
export async function planMerge(em: Em, orgId: string, survivorId: string, duplicateId: string) {
  const { survivor, duplicate } = await loadPair(em, survivorId, duplicateId);
  const moves: Record<string, number> = {};
  const kept: Record<string, number> = {};
  for (const table of OWN_TABLES) moves[table] = await countWhere(em, table, orgId, duplicateId);
  for (const table of OPTIONAL_CONTACT_TABLES) {
    if (!(await tableHasColumn(em, table, 'contact_id'))) continue;
    const n = await countWhere(em, table, orgId, duplicateId);
    if (n === 0 || (await tryMove(em, table, [survivorId, orgId, duplicateId], false))) moves[table] = n;
    else kept[table] = n;
  }
  const plan: MergePlan = { survivorId, duplicateId, moves, kept, tags: unionTags(survivor, duplicate) };
  return { survivor, duplicate, plan };
}

/**
 * Moves everything the duplicate owns to the survivor, then archives the duplicate pointing at it.
 * `app.contact_merge` is set for the transaction so an append-only table's trigger could let exactly
 * this re-pointing through; rows it still refuses stay on the duplicate (reported in `kept`).
 */
export async function mergeContacts(
  em: Em,
  ctx: TenantContext,
  survivorId: string,
  duplicateId: string,
): Promise<{ plan: MergePlan; survivor: ContactView; duplicate: ContactView }> {
  const { survivor, duplicate, plan } = await planMerge(em, ctx.orgId, survivorId, duplicateId);
  const survivorBefore = contactView(survivor);
  const duplicateBefore = contactView(duplicate);
  await em.execute(`select set_config('app.contact_merge', 'on', true)`);
  const params = [survivorId, ctx.orgId, duplicateId];
  const movedDossiers = await em.execute<{ id: string }[]>(
    `update dossier set contact_id = ?, version = version + 1, updated_at = now()
      where org_id = ? and contact_id = ? returning id`,
    params,
  );
  await em.execute('update timeline_event set contact_id = ? where org_id = ? and contact_id = ?', params);
  // An open role the survivor also holds open is ended on the duplicate side first (it stays as history).
  await em.execute(
    `update contact_role d set ended_at = now(), end_date = greatest(d.start_date, current_date), version = d.version + 1
      where d.org_id = ? and d.contact_id = ? and d.ended_at is null and d.end_date is null
        and exists (select 1 from contact_role s where s.contact_id = ? and s.role = d.role
                    and s.ended_at is null and s.end_date is null)`,
    [ctx.orgId, duplicateId, survivorId],
  );
  await em.execute(
    'update contact_role set contact_id = ?, version = version + 1, updated_at = now() where org_id = ? and contact_id = ?',
    params,
  );
  // Account links: the survivor keeps its own link where both were linked to the same account.
  await em.execute(
    `delete from account_contact d where d.org_id = ? and d.contact_id = ?
      and exists (select 1 from account_contact s where s.account_id = d.account_id and s.contact_id = ?)`,
    [ctx.orgId, duplicateId, survivorId],
  );
  await em.execute(
    'update account_contact set contact_id = ?, version = version + 1, updated_at = now() where org_id = ? and contact_id = ?',
    params,
  );
  // A party role both already hold on the same dossier stays once, on the survivor.
  await em.execute(
    `delete from dossier_party d where d.org_id = ? and d.contact_id = ?
      and exists (select 1 from dossier_party s where s.dossier_id = d.dossier_id and s.role = d.role and s.contact_id = ?)`,
    [ctx.orgId, duplicateId, survivorId],
  );
  await em.execute(
    'update dossier_party set contact_id = ?, version = version + 1, updated_at = now() where org_id = ? and contact_id = ?',
    params,
  );
  // One consent per channel (and per dossier for dossier-scoped choices): where both decided, the
  // person's latest choice wins (an opt-out given on the duplicate last week must not be lost to an
  // older opt-in, nor the reverse).
  await em.execute(
    `delete from contact_consent x using contact_consent y
      where x.org_id = ? and x.contact_id in (?, ?) and y.contact_id in (?, ?)
        and x.channel = y.channel and x.dossier_id is not distinct from y.dossier_id and x.id <> y.id and (x.decided_at, x.id) < (y.decided_at, y.id)`,
    [ctx.orgId, survivorId, duplicateId, survivorId, duplicateId],
  );
  await em.execute(
    'update contact_consent set contact_id = ?, version = version + 1, updated_at = now() where org_id = ? and contact_id = ?',
    params,
  );
  for (const table of OPTIONAL_CONTACT_TABLES) {
    if (plan.moves[table] && !(await tryMove(em, table, params, true))) {
      plan.kept[table] = plan.moves[table];
      delete plan.moves[table];
    }
  }

  survivor.tags = plan.tags;
  const lastSeen = [survivor.lastInteractionAt, duplicate.lastInteractionAt].filter((d): d is Date => !!d);
  if (lastSeen.length) survivor.lastInteractionAt = new Date(Math.max(...lastSeen.map((d) => d.getTime())));
  duplicate.status = 'archived';
  duplicate.mergedIntoId = survivorId;
  await em.flush();

  const survivorAfter = contactView(survivor);
  const duplicateAfter = contactView(duplicate);
  await recordAudit(em, ctx, {
    entityType: 'Contact',
    entityId: survivorId,
    action: 'MERGE',
    before: survivorBefore,
    after: { ...survivorAfter, mergedFrom: duplicateId, moved: plan.moves },
  });
  await recordAudit(em, ctx, {
    entityType: 'Contact',
    entityId: duplicateId,
    action: 'MERGED_INTO',
    before: duplicateBefore,
    after: duplicateAfter,
  });
  for (const { id } of movedDossiers) {
    await recordAudit(em, ctx, {
      entityType: 'Dossier',
      entityId: id,
      action: 'UPDATE',
      before: { contactId: duplicateId },
      after: { contactId: survivorId, reason: 'contact merge' },
    });
  }
  return { plan, survivor: survivorAfter, duplicate: duplicateAfter };
}
