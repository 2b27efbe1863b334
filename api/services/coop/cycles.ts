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
  legacyContributionCycleWorkflowId,
  memberStatusSignal,
  planChangedSignal,
  rejectProofUpdate,
  reversePaymentUpdate,
  submitProofUpdate,
  waiveContributionUpdate,
  type CycleRef,
  type DecisionRefusal,
  type DecisionRequest,
} from '../../../workflows/contribution-cycle.js';
import { DomainError } from '../../../services/domain-error.js';
import type { CoopCycleErrorCode } from '../../../services/coop/error-codes.js';

export interface CycleKey extends CycleRef {
  orgId: string;
}

/** Starts a member's cycle on a plan (after the commit); a second start is a no-op, never a second cycle. */
export async function startCycle(
  temporal: Client,
  taskQueue: string,
  key: CycleKey,
  continueAsNewAfter?: number,
) {
  // A cycle started under its legacy id before readable ids keeps running there: never start a twin.
  if (await isRunning(temporal, legacyContributionCycleWorkflowId(key.planId, key.memberId))) return;
  try {
    await temporal.workflow.start(contributionCycle, {
      taskQueue,
      workflowId: contributionCycleWorkflowId(key),
      args: [
        {
          orgId: key.orgId,
          groupId: key.groupId,
          planId: key.planId,
          memberId: key.memberId,
          ...(continueAsNewAfter ? { continueAsNewAfter } : {}),
        },
      ],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      searchAttributes: {
        OrgId: [key.orgId],
        OrgSlug: [key.orgSlug],
        CaseType: ['COOP_CONTRIBUTION'],
        EntityId: [key.memberId],
      },
      memo: { groupId: key.groupId, planId: key.planId },
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

async function isRunning(temporal: Client, workflowId: string): Promise<boolean> {
  try {
    const { status } = await temporal.workflow.getHandle(workflowId).describe();
    return status.name === 'RUNNING';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

function isGone(err: unknown): boolean {
  return (
    err instanceof WorkflowNotFoundError ||
    (err instanceof Error && /already completed|not found/i.test(err.message))
  );
}

/**
 * Runs `fn` on the cycle's readable id, or on its legacy id when no cycle runs under the readable one
 * (cycles started before readable ids keep their id until they end).
 */
async function onCycle<T>(ref: CycleRef, fn: (workflowId: string) => Promise<T>): Promise<T> {
  try {
    return await fn(contributionCycleWorkflowId(ref));
  } catch (err) {
    if (!isGone(err)) throw err;
    return await fn(legacyContributionCycleWorkflowId(ref.planId, ref.memberId));
  }
}

async function signalIgnoringEnded(fn: () => Promise<void>) {
  try {
    await fn();
  } catch (err) {
    if (isGone(err)) return;
    throw err;
  }
}

export async function signalPlanChanged(
  temporal: Client,
  plan: { orgSlug: string; groupId: string; planId: string },
  memberIds: string[],
  version: number,
) {
  await Promise.all(
    memberIds.map((memberId) =>
      signalIgnoringEnded(() =>
        onCycle({ ...plan, memberId }, (id) =>
          temporal.workflow.getHandle(id).signal(planChangedSignal, { version }),
        ),
      ),
    ),
  );
}

export async function signalMemberStatus(
  temporal: Client,
  member: { orgSlug: string; groupId: string; memberId: string },
  planIds: string[],
  status: string,
) {
  const at = new Date().toISOString();
  await Promise.all(
    planIds.map((planId) =>
      signalIgnoringEnded(() =>
        onCycle({ ...member, planId }, (id) =>
          temporal.workflow.getHandle(id).signal(memberStatusSignal, { status, at }),
        ),
      ),
    ),
  );
}

export async function cycleState(temporal: Client, ref: CycleRef) {
  try {
    return await onCycle(ref, (id) => temporal.workflow.getHandle(id).query(cycleStateQuery));
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
 * the same update). The cycle's refusals (validator or activity) come back typed and become coop DomainErrors.
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
    throw decisionRefusal(err);
  }
}

/** The cycle's typed refusal as the coop context's DomainError; anything else as it came. */
function decisionRefusal(err: unknown): unknown {
  const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
  if (cause instanceof ApplicationFailure) {
    const params = (cause.details?.[0] ?? {}) as Record<string, unknown>;
    const refusal = cause.type as DecisionRefusal;
    if (refusal === 'ReasonRequired' || refusal === 'ProofRequired') {
      const field = refusal === 'ReasonRequired' ? 'reason' : 'documentId';
      return new DomainError('coop', 'invalid', 'VALIDATION_ERROR', `${field} is required`, {}, [
        { field, message: 'is required', code: 'REQUIRED' },
      ]);
    }
    if (refusal === 'CycleEnded') return cycleEnded();
    return new DomainError<CoopCycleErrorCode>(
      'coop',
      'conflict',
      'CONTRIBUTION_CONFLICT',
      cause.message.replace(/^Refused: /, '') || 'Refused.',
      params,
    );
  }
  if (
    err instanceof WorkflowNotFoundError ||
    (err instanceof Error && /already completed/i.test(err.message))
  )
    return cycleEnded();
  return err;
}

function cycleEnded() {
  return new DomainError<CoopCycleErrorCode>(
    'coop',
    'conflict',
    'CYCLE_ENDED',
    'The contribution cycle of this member has ended.',
  );
}
