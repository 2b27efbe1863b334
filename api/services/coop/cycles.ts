import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import type { ContributionView } from '../../../db/coop-contributions.js';
import type { ContributionAction } from '../../../definitions/coop/contribution.js';
import {
  confirmPaymentUpdate,
  contributionCycle,
  contributionCycleWorkflowId,
  cycleStateQuery,
  memberStatusSignal,
  planChangedSignal,
  rejectProofUpdate,
  reversePaymentUpdate,
  submitProofUpdate,
  waiveContributionUpdate,
  type DecisionRequest,
} from '../../../workflows/contribution-cycle.js';
import { HttpProblem, problems } from '../../problem.js';

export interface CycleKey {
  orgId: string;
  groupId: string;
  planId: string;
  memberId: string;
}

/** Starts a member's cycle on a plan (after the commit); a second start is a no-op, never a second cycle. */
export async function startCycle(
  temporal: Client,
  taskQueue: string,
  key: CycleKey,
  continueAsNewAfter?: number,
) {
  try {
    await temporal.workflow.start(contributionCycle, {
      taskQueue,
      workflowId: contributionCycleWorkflowId(key.planId, key.memberId),
      args: [{ ...key, ...(continueAsNewAfter ? { continueAsNewAfter } : {}) }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      searchAttributes: { OrgId: [key.orgId], CaseType: ['COOP_CONTRIBUTION'], EntityId: [key.memberId] },
      memo: { groupId: key.groupId, planId: key.planId },
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

async function signalIgnoringEnded(fn: () => Promise<void>) {
  try {
    await fn();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return;
    if (err instanceof Error && /already completed|not found/i.test(err.message)) return;
    throw err;
  }
}

export async function signalPlanChanged(
  temporal: Client,
  planId: string,
  memberIds: string[],
  version: number,
) {
  await Promise.all(
    memberIds.map((m) =>
      signalIgnoringEnded(() =>
        temporal.workflow
          .getHandle(contributionCycleWorkflowId(planId, m))
          .signal(planChangedSignal, { version }),
      ),
    ),
  );
}

export async function signalMemberStatus(
  temporal: Client,
  planIds: string[],
  memberId: string,
  status: string,
) {
  const at = new Date().toISOString();
  await Promise.all(
    planIds.map((p) =>
      signalIgnoringEnded(() =>
        temporal.workflow
          .getHandle(contributionCycleWorkflowId(p, memberId))
          .signal(memberStatusSignal, { status, at }),
      ),
    ),
  );
}

export async function cycleState(temporal: Client, planId: string, memberId: string) {
  try {
    return await temporal.workflow
      .getHandle(contributionCycleWorkflowId(planId, memberId))
      .query(cycleStateQuery);
  } catch {
    return null;
  }
}

const UPDATES = {
  submitProof: submitProofUpdate,
  confirm: confirmPaymentUpdate,
  reject: rejectProofUpdate,
  waive: waiveContributionUpdate,
  reverse: reversePaymentUpdate,
} as const;

/**
 * Sends a decision to the line's cycle as a Temporal Update (id = decisionId, so a retried request is
 * the same update). Validator refusals and business refusals become 409 / 422 problems.
 */
export async function decideThroughCycle(
  temporal: Client,
  workflowId: string,
  action: ContributionAction,
  req: DecisionRequest,
): Promise<ContributionView> {
  try {
    return await temporal.workflow
      .getHandle(workflowId)
      .executeUpdate(UPDATES[action], { args: [req], updateId: req.decisionId });
  } catch (err) {
    const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
    const message = cause instanceof Error ? cause.message : '';
    if (/reason is required/i.test(message))
      throw problems.validation([{ field: 'reason', message: 'is required' }]);
    if (/proof document is required/i.test(message))
      throw problems.validation([{ field: 'documentId', message: 'is required' }]);
    if (cause instanceof ApplicationFailure || err instanceof WorkflowUpdateFailedError)
      throw new HttpProblem(
        409,
        'contribution-conflict',
        'Conflict',
        message.replace(/^Refused: /, '') || 'Refused.',
      );
    if (
      err instanceof WorkflowNotFoundError ||
      (err instanceof Error && /already completed/i.test(err.message))
    )
      throw new HttpProblem(
        409,
        'cycle-ended',
        'Cycle ended',
        'The contribution cycle of this member has ended.',
      );
    throw err;
  }
}
