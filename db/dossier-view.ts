import type { DossierView } from '../definitions/dossier-view.js';
import type { IDossier } from './entities/index.js';

/** The row as API, activities and workflows see it (dates as ISO strings, absent values as null). */
export function dossierView(d: IDossier): DossierView {
  const amount = d.amount ?? null;
  const probability = d.probability ?? null;
  return {
    id: d.id,
    reference: d.reference,
    caseType: d.caseType,
    statusCode: d.statusCode,
    statusChangedAt: d.statusChangedAt.toISOString(),
    definitionId: d.definitionId,
    definitionVersion: d.definitionVersion,
    workflowId: d.workflowId,
    title: d.title,
    assignedAgentId: d.assignedAgentId ?? null,
    contactId: d.contactId ?? null,
    annonceId: d.annonceId ?? null,
    source: d.source ?? null,
    budgetMin: d.budgetMin ?? null,
    budgetMax: d.budgetMax ?? null,
    currency: d.currency,
    locationZone: d.locationZone ?? null,
    criteria: d.criteria ?? {},
    amount,
    probability,
    // Weighted pipeline value = amount × probability / 100 (F-3.4).
    weightedAmount: amount !== null && probability !== null ? Math.round(amount * probability) / 100 : null,
    expectedCloseDate: d.expectedCloseDate ?? null,
    score: d.score ?? null,
    closeReasonCode: d.closeReasonCode ?? null,
    closeComment: d.closeComment ?? null,
    closedAt: d.closedAt ? d.closedAt.toISOString() : null,
    metaJson: d.metaJson ?? {},
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    createdBy: d.createdBy ?? null,
  };
}
