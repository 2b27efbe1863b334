/**
 * A dossier as the API answers it and as the dossier workflow's updates return it: the contract shared
 * by HTTP, activities and workflows, kept apart from the entity so that none of them depends on persistence.
 */
export type DossierView = {
  id: string;
  reference: string;
  caseType: string;
  statusCode: string;
  statusChangedAt: string;
  definitionId: string;
  definitionVersion: number;
  workflowId: string;
  title: string;
  assignedAgentId: string | null;
  contactId: string | null;
  annonceId: string | null;
  source: string | null;
  budgetMin: number | null;
  budgetMax: number | null;
  currency: string;
  locationZone: string | null;
  criteria: Record<string, unknown>;
  amount: number | null;
  probability: number | null;
  /** amount × probability / 100 (F-3.4) */
  weightedAmount: number | null;
  expectedCloseDate: string | null;
  score: number | null;
  closeReasonCode: string | null;
  closeComment: string | null;
  closedAt: string | null;
  metaJson: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
};
