/** The Coop Habitat API's shapes as the admin UI reads them (money in integer cents, rates in basis points). */

export const MEMBER_STATUSES = ['PENDING_KYC', 'ACTIVE', 'SUSPENDED', 'EXITED', 'EXCLUDED'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const CONTRIBUTION_STATUSES = [
  'PENDING',
  'PROOF_SUBMITTED',
  'REJECTED',
  'LATE',
  'CONFIRMED',
  'WAIVED',
] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];
export const PAYMENT_METHODS = ['BANK_TRANSFER', 'CASH', 'CHEQUE', 'CARD', 'MOBILE_MONEY', 'OTHER'] as const;

export interface PenaltyRule {
  kind: 'FIXED' | 'PERCENT';
  amount?: number;
  rateBp?: number;
  every: string;
  maxPeriods: number;
}

export interface GroupRules {
  allocation: { order: 'FIFO'; usePreferences: boolean; cutOffDay: number | null };
  indexation: { rateBp: number; every: string } | null;
  penalty: PenaltyRule | null;
  grace: string;
  callAhead: string;
  reminderBefore: string | null;
}

export interface CoopGroup {
  id: string;
  name: string;
  city: string;
  description: string | null;
  statusCode: string;
  definitionVersion: number;
  rules: GroupRules;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface KycItem {
  code: string;
  label: string;
  required: boolean;
  documentId: string | null;
  status: 'MISSING' | 'PROVIDED' | 'VALIDATED' | 'REFUSED';
  comment: string | null;
}

export interface CoopMember {
  id: string;
  groupId: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  userId: string | null;
  status: MemberStatus;
  statusReason: string | null;
  fifoRank: number;
  kyc: KycItem[];
  kycComplete: boolean;
  kycValidatedAt: string | null;
  version: number;
}

export interface Schedule {
  kind: 'EXPLICIT' | 'MONTHLY' | 'INTERVAL';
  items?: { dueAt: string; amount: number }[];
  dayOfMonth?: number;
  firstMonth?: string;
  start?: string;
  every?: string;
  count?: number;
  amount?: number;
}

export interface PlanVersion {
  version: number;
  effectiveFrom: string;
  schedule: Schedule;
  formula: Partial<GroupRules>;
  reason: string | null;
  createdAt: string;
}

export interface CoopPlan {
  id: string;
  groupId: string;
  name: string;
  status: string;
  currentVersion: number;
  versions: PlanVersion[];
}

export interface Contribution {
  id: string;
  planId: string;
  memberId: string;
  seq: number;
  dueAt: string;
  amountDue: number;
  penaltyTotal: number;
  waivedAmount: number;
  amountPaid: number | null;
  outstanding: number;
  status: ContributionStatus;
  proofDocumentId: string | null;
  proofSubmittedAt: string | null;
  paidAt: string | null;
  method: string | null;
  rejectionReason: string | null;
  waiverReason: string | null;
  version: number;
}

export interface ScheduleLine {
  seq: number;
  dueAt: string;
  amountDue: number;
  planVersion: number;
  status: 'SCHEDULED' | ContributionStatus;
  contribution: Contribution | null;
  proof: { documentId: string; fileName: string; mimeType: string } | null;
}

export interface LedgerEntry {
  id: string;
  seq: number;
  memberId: string;
  kind: string;
  amount: number;
  balanceAfter: number;
  reference: string;
  description: string | null;
  effectiveAt: string;
  createdAt: string;
  hash: string;
}

export interface Totals {
  called: number;
  paid: number;
  waived: number;
  penalties: number;
  balance: number;
  late: number;
  lateLines: number;
}

export interface Transparency {
  members: (Totals & { memberId: string; fifoRank: number; displayName: string; status: MemberStatus })[];
  totals: Totals;
}

export interface Milestone {
  code: string;
  label: string;
  dueDate: string | null;
  doneAt: string | null;
}

export interface CoopProject {
  id: string;
  groupId: string;
  name: string;
  statusCode: string;
  budgetTotalCents: number | null;
  milestones: Milestone[];
  version: number;
}

export interface CoopLot {
  id: string;
  projectId: string;
  code: string;
  type: string;
  surfaceM2: number;
  floor: number | null;
  referencePriceCents: number | null;
  status: string;
  version: number;
}

export interface AllocationLine {
  memberId: string;
  displayName: string | null;
  fifoRank: number;
  lotId: string | null;
  lotCode: string | null;
  status: string;
  reason: string | null;
  detail: string | null;
  outstandingCents: number | null;
}

export interface AllocationRun {
  id: string;
  projectId: string;
  status: 'PROPOSED' | 'ASSIGNED' | 'SIGNED' | 'CANCELLED';
  cutoffAt: string;
  usePreferences: boolean;
  inputsDigest: string;
  pvDocumentId: string | null;
  decidedAt: string | null;
  cancelReason: string | null;
  lines: AllocationLine[];
  createdAt: string;
}

export interface DocumentView {
  id: string;
  kind: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export interface CoopEvent {
  id: string;
  memberId: string | null;
  kind: string;
  title: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export interface Membership {
  member: CoopMember;
  group: CoopGroup;
}
