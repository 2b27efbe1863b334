import { recordAudit, snapshot } from '../../db/audit.js';
import { dossierView } from '../../db/dossier-view.js';
import { Dossier } from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { recomputeDossierScore, refreshContactScore } from '../../db/scoring.js';
import { ANNONCE_CASE_TYPE } from '../../definitions/annonce.js';
import type { DossierView } from '../../definitions/dossier-view.js';
import { failures } from '../failures.js';
import { checkDossierSearch } from '../listings/dossier-search.js';
import { assertReferences, type Reference } from '../tenant-references.js';

const fail = failures('crm');

export interface DossierInput {
  caseType: string;
  title: string;
  contactId?: string | null;
  assignedAgentId?: string | null;
  annonceId?: string | null;
  source?: string | null;
  budgetMin?: number | null;
  budgetMax?: number | null;
  currency?: string;
  locationZone?: string | null;
  criteria?: Record<string, unknown>;
  amount?: number | null;
  probability?: number | null;
  expectedCloseDate?: string | null;
  metaJson?: Record<string, unknown>;
}

/** The rows a dossier points at (its listing is checked with the search fields, as UNKNOWN_LISTING). */
export function dossierReferences(input: Partial<DossierInput>): Reference[] {
  return [
    { field: 'contactId', entity: 'contact', id: input.contactId },
    { field: 'assignedAgentId', entity: 'user', id: input.assignedAgentId },
  ];
}

/** The checks of a new dossier its JSON schema cannot make (budget bounds, a case type of its own). */
export function checkNewDossier(input: DossierInput): void {
  if (input.budgetMin != null && input.budgetMax != null && input.budgetMin > input.budgetMax)
    throw fail.validation([
      { field: 'budgetMax', message: 'must be greater than or equal to budgetMin', code: 'BELOW_BUDGET_MIN' },
    ]);
  if (input.caseType === ANNONCE_CASE_TYPE)
    throw fail.validation([
      {
        field: 'caseType',
        message: 'ANNONCE is the property listing workflow; create listings at /annonces',
      },
    ]);
}

export async function loadDossier(em: Em, id: string) {
  const dossier = await em.findOne(Dossier, { id });
  if (!dossier) throw fail.notFound('Dossier');
  return dossier;
}

/**
 * Edits a dossier's business fields under optimistic locking: budget bounds, references and search
 * checked first, then the dossier (and a contact it left) rescored and the change audited.
 */
export async function editDossier(
  em: Em,
  ctx: TenantContext,
  id: string,
  version: number,
  changes: Partial<DossierInput>,
): Promise<DossierView> {
  const dossier = await loadDossier(em, id);
  if (dossier.version !== version) throw fail.staleVersion('This dossier');
  const min = changes.budgetMin !== undefined ? changes.budgetMin : dossier.budgetMin;
  const max = changes.budgetMax !== undefined ? changes.budgetMax : dossier.budgetMax;
  if (min != null && max != null && min > max)
    throw fail.validation([
      { field: 'budgetMax', message: 'must be greater than or equal to budgetMin', code: 'BELOW_BUDGET_MIN' },
    ]);
  await assertReferences(em, ctx.orgId, dossierReferences(changes));
  await checkDossierSearch(em, changes);
  const before = snapshot(dossierView(dossier));
  const oldContactId = dossier.contactId ?? null;
  em.assign(dossier, changes);
  await em.flush();
  await recomputeDossierScore(em, ctx.orgId, dossier.id, new Date());
  // A contact moved off the dossier no longer counts it in its best score.
  if (oldContactId && oldContactId !== dossier.contactId)
    await refreshContactScore(em, ctx.orgId, oldContactId);
  const after = dossierView(dossier);
  await recordAudit(em, ctx, {
    entityType: 'Dossier',
    entityId: dossier.id,
    action: 'UPDATE',
    before,
    after,
  });
  return after;
}
