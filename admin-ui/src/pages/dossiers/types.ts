export interface Dossier {
  id: string;
  reference: string;
  caseType: string;
  statusCode: string;
  statusChangedAt: string;
  definitionId: string;
  definitionVersion: number;
  title: string;
  assignedAgentId: string | null;
  contactId: string | null;
  source: string | null;
  budgetMin: number | null;
  budgetMax: number | null;
  currency: string;
  locationZone: string | null;
  amount: number | null;
  probability: number | null;
  weightedAmount: number | null;
  expectedCloseDate: string | null;
  score: number | null;
  closeReasonCode: string | null;
  closeComment: string | null;
  closedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type ReasonType = 'NONE' | 'LOSS' | 'WON';

/** One move from the current status, as GET /dossiers/:id/transitions answers it. */
export interface TransitionOption {
  to: string;
  label: string;
  allowed: boolean;
  reason?: string;
  reasonCode?: string;
  reasonType?: ReasonType;
  offersContactConversion?: boolean;
}

export interface TransitionsAnswer {
  statusCode: string;
  data: TransitionOption[];
}

export interface KanbanColumn {
  statusCode: string;
  label: string;
  terminal: boolean;
  total: number;
  data: Dossier[];
}

export interface KanbanAnswer {
  caseType: string;
  definitionVersion: number;
  columns: KanbanColumn[];
}

export interface HistoryRow {
  from: string | null;
  to: string;
  actor: string | null;
  actorType: string;
  at: string;
  reasonCode: string | null;
  comment: string | null;
  definitionVersion: number;
}
