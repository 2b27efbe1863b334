/**
 * The life of one due line (F-10.4), pure: the cycle workflow's update validators and the activities
 * that write the line both decide with these, so the fast answer and the authoritative one agree.
 *
 * PENDING (called, waiting for payment) → PROOF_SUBMITTED (member uploaded a proof) → CONFIRMED by a
 * responsible, or rejected with a reason (back to REJECTED, or LATE once past the grace period).
 * Past due date + grace an unsettled line is LATE and takes the plan's penalty each late period
 * (not while a proof is under review). A responsible may WAIVE an open line, with a reason.
 * A confirmed payment that bounced is reversed (REJECTION_REVERSAL), reopening the line.
 */
export const CONTRIBUTION_STATUSES = [
  'PENDING',
  'PROOF_SUBMITTED',
  'REJECTED',
  'LATE',
  'CONFIRMED',
  'WAIVED',
] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

/** How a confirmed payment was made (the confirm body's `method`). */
export const PAYMENT_METHODS = ['BANK_TRANSFER', 'CASH', 'CHEQUE', 'CARD', 'MOBILE_MONEY', 'OTHER'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const CONTRIBUTION_ACTIONS = ['submitProof', 'confirm', 'reject', 'waive', 'reverse'] as const;
export type ContributionAction = (typeof CONTRIBUTION_ACTIONS)[number];

export const SETTLED: readonly ContributionStatus[] = ['CONFIRMED', 'WAIVED'];

export function isSettled(status: ContributionStatus): boolean {
  return SETTLED.includes(status);
}

/** Whether penalties accrue on a line in this status (open and no proof under review). */
export function accruesPenalty(status: ContributionStatus): boolean {
  return status === 'PENDING' || status === 'REJECTED' || status === 'LATE';
}

export type ActionVerdict = { ok: true; to: ContributionStatus } | { ok: false; reason: string };

/** The status after `action` on a line in `status` (late: past its grace period), or why not. */
export function applyContributionAction(
  status: ContributionStatus,
  action: ContributionAction,
  late: boolean,
): ActionVerdict {
  const open = !isSettled(status);
  const refuse = (reason: string): ActionVerdict => ({ ok: false, reason });
  switch (action) {
    case 'submitProof':
      return open ? { ok: true, to: 'PROOF_SUBMITTED' } : refuse(`the contribution is already ${status}`);
    case 'confirm':
      return open ? { ok: true, to: 'CONFIRMED' } : refuse(`the contribution is already ${status}`);
    case 'reject':
      return status === 'PROOF_SUBMITTED'
        ? { ok: true, to: late ? 'LATE' : 'REJECTED' }
        : refuse('only a submitted proof can be rejected');
    case 'waive':
      return open ? { ok: true, to: 'WAIVED' } : refuse(`the contribution is already ${status}`);
    case 'reverse':
      return status === 'CONFIRMED'
        ? { ok: true, to: late ? 'LATE' : 'PENDING' }
        : refuse('only a confirmed payment can be reversed');
  }
}
