import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { CoopActivities } from '../activities/coop-activities.js';
import type { ContributionView } from '../db/coop-contributions.js';
import {
  applyContributionAction,
  type ContributionAction,
  type ContributionStatus,
} from '../definitions/coop/contribution.js';
import { nextCycleStep, type CycleSnapshot } from '../definitions/coop/cycle.js';
import { messageDelivery, messageWorkflowId } from './message-delivery.js';

export const CONTRIBUTION_CYCLE_WORKFLOW = 'contributionCycle';

const acts = proxyActivities<CoopActivities>({
  // Each activity is one short transaction: a worker lost mid-activity is retried after this.
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: ['ContributionRefused'],
  },
});

export interface ContributionCycleInput {
  orgId: string;
  groupId: string;
  planId: string;
  memberId: string;
  /** Lines due before this instant are never called (set on reactivation after a suspension). */
  callFrom?: number;
  /** Loop iterations after which the run continues as new (Temporal's own hint also applies). */
  continueAsNewAfter?: number;
}

/** What the API sends with a decision; `decisionId` is also the update id (Idempotency-Key). */
export interface DecisionRequest {
  contributionId: string;
  decisionId: string;
  actorId: string | null;
  correlationId?: string | null;
  documentId?: string | null;
  reason?: string | null;
  method?: string | null;
  paidAt?: string | null;
}

export interface CycleState {
  memberStatus: string;
  callFrom: number;
  lines: {
    seq: number;
    dueAt: string;
    contributionId: string | null;
    status: ContributionStatus | 'SCHEDULED';
  }[];
  done: boolean;
}

export const submitProofUpdate = defineUpdate<ContributionView, [DecisionRequest]>('submitProof');
export const confirmPaymentUpdate = defineUpdate<ContributionView, [DecisionRequest]>('confirmPayment');
export const rejectProofUpdate = defineUpdate<ContributionView, [DecisionRequest]>('rejectProof');
export const waiveContributionUpdate = defineUpdate<ContributionView, [DecisionRequest]>('waiveContribution');
export const reversePaymentUpdate = defineUpdate<ContributionView, [DecisionRequest]>('reversePayment');
/** A new plan version was published: the cycle reloads the plan (lines already called keep their amounts). */
export const planChangedSignal = defineSignal<[{ version: number }]>('planChanged');
/** The member's status changed (SUSPENDED stops calls; ACTIVE again resumes from `at`; EXITED/EXCLUDED end). */
export const memberStatusSignal = defineSignal<[{ status: string; at: string }]>('memberStatusChanged');
export const cycleStateQuery = defineQuery<CycleState>('cycleState');

/** What names a member's cycle on a plan (the slug never changes; the ids are the rows'). */
export interface CycleRef {
  orgSlug: string;
  groupId: string;
  planId: string;
  memberId: string;
}

const short = (uuid: string) => uuid.replace(/-/g, '').slice(0, 12);

/**
 * Readable in the Temporal UI and searchable by prefix (`WorkflowId STARTS_WITH "contribution-demo-"`):
 * `contribution-<org slug>-g<group>-p<plan>-m<member>`, 12 hex of each id (a FIFO rank would read
 * better but is renumbered when members are reordered, and an id must never change).
 */
export function contributionCycleWorkflowId(ref: CycleRef): string {
  return `contribution-${ref.orgSlug}-g${short(ref.groupId)}-p${short(ref.planId)}-m${short(ref.memberId)}`;
}

/** The id cycles started before readable ids carry; still running in existing databases. */
export function legacyContributionCycleWorkflowId(planId: string, memberId: string): string {
  return `coop-cycle-${planId}-${memberId}`;
}

const DECISIONS: [typeof submitProofUpdate, ContributionAction][] = [
  [submitProofUpdate, 'submitProof'],
  [confirmPaymentUpdate, 'confirm'],
  [rejectProofUpdate, 'reject'],
  [waiveContributionUpdate, 'waive'],
  [reversePaymentUpdate, 'reverse'],
];

/** Why the cycle refused a decision (the failure type the API maps to a coop DomainError). */
export type DecisionRefusal = 'CycleEnded' | 'ReasonRequired' | 'ProofRequired' | 'ContributionRefused';

function refuseDecision(type: DecisionRefusal, message: string, params: Record<string, unknown> = {}): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: [params] });
}

/**
 * One workflow per member and plan (F-10.4), id `coop-cycle-<plan>-<member>`. The database is the
 * truth: each turn reloads the plan's lines and their state (so a new plan version applies at once
 * to lines not yet called), does what is due — call for funds ahead of the due date, reminder, LATE
 * with one penalty per late period — through idempotent activities, and sleeps on a durable timer
 * until the next instant something is due or a signal/update arrives. Proofs, confirmations,
 * rejections, waivers and reversals are Updates, validated synchronously against the known state and
 * serialized with the timer-driven work. Notices go through the outbox as `message-<id>` workflows.
 */
export async function contributionCycle(input: ContributionCycleInput): Promise<CycleState> {
  const ref = { orgId: input.orgId, planId: input.planId, memberId: input.memberId };
  let callFrom = input.callFrom ?? 0;
  let snapshot: CycleSnapshot = { memberStatus: 'ACTIVE', lines: [] };
  /** The member status last seen (load or signal): a return to ACTIVE moves callFrom. */
  let observed = 'ACTIVE';
  const observe = (status: string, at: number) => {
    if (status === 'ACTIVE' && observed !== 'ACTIVE') callFrom = Math.max(callFrom, at);
    observed = status;
  };
  let wakeups = 0;
  let busy = false;
  let done = false;

  const serialized = async <T>(fn: () => Promise<T>): Promise<T> => {
    await condition(() => !busy);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  };
  const applyView = (v: ContributionView) => {
    const line = snapshot.lines.find((l) => l.seq === v.seq);
    if (!line) return;
    line.contributionId = v.id;
    line.status = v.status;
    line.penaltiesApplied = v.penaltiesApplied;
  };
  const state = (): CycleState => ({
    memberStatus: snapshot.memberStatus,
    callFrom,
    lines: snapshot.lines.map((l) => ({
      seq: l.seq,
      dueAt: new Date(l.dueAt).toISOString(),
      contributionId: l.contributionId,
      status: l.status ?? 'SCHEDULED',
    })),
    done,
  });

  setHandler(cycleStateQuery, state);
  setHandler(planChangedSignal, () => {
    wakeups++;
  });
  setHandler(memberStatusSignal, ({ status, at }) => {
    if (status === 'ACTIVE' && snapshot.memberStatus !== 'ACTIVE')
      callFrom = Math.max(callFrom, Date.parse(at));
    snapshot.memberStatus = status;
    wakeups++;
  });
  for (const [update, action] of DECISIONS) {
    setHandler(
      update,
      (req) =>
        serialized(async () => {
          try {
            const view = await acts.decideContribution({
              ...req,
              action,
              orgId: input.orgId,
              planId: input.planId,
              memberId: input.memberId,
              actorId: req.actorId,
              correlationId: req.correlationId ?? null,
            });
            applyView(view);
            wakeups++;
            return view;
          } catch (err) {
            const cause = err instanceof ActivityFailure ? err.cause : undefined;
            if (cause instanceof ApplicationFailure && cause.type === 'ContributionRefused')
              refuseDecision(
                'ContributionRefused',
                cause.message,
                cause.details?.[0] as Record<string, unknown>,
              );
            throw err;
          }
        }),
      {
        validator: (req) => {
          if (done) refuseDecision('CycleEnded', 'The contribution cycle has ended.');
          if (['reject', 'waive', 'reverse'].includes(action) && !req.reason?.trim())
            refuseDecision('ReasonRequired', 'A reason is required.');
          if (action === 'submitProof' && !req.documentId)
            refuseDecision('ProofRequired', 'A proof document is required.');
          // A line the cycle has not yet seen called (its call's result is still being retried after a
          // worker crash) is left to the activity, which decides on the database row.
          const line = snapshot.lines.find((l) => l.contributionId === req.contributionId);
          if (!line?.status) return;
          const late = line.status === 'LATE' || Date.now() >= line.lateAt;
          const verdict = applyContributionAction(line.status, action, late);
          if (!verdict.ok)
            refuseDecision('ContributionRefused', `Refused: ${verdict.reason}.`, {
              status: line.status,
              action,
            });
        },
      },
    );
  }

  const deliver = async (messageId: string) => {
    try {
      await startChild(messageDelivery, {
        workflowId: messageWorkflowId(messageId),
        args: [{ orgId: input.orgId, messageId }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  };
  const notice = async (contributionId: string, kind: 'CALL' | 'REMINDER' | 'LATE', period?: number) => {
    const result = await acts.queueCycleNotice({
      orgId: input.orgId,
      contributionId,
      kind,
      ...(period ? { period } : {}),
    });
    if (result.status === 'QUEUED') await deliver(result.messageId);
  };

  const limit = input.continueAsNewAfter ?? 500;
  for (let turn = 0; ; turn++) {
    const step = await serialized(async () => {
      snapshot = await acts.loadCycle(ref);
      observe(snapshot.memberStatus, Date.now());
      const s = nextCycleStep(snapshot, Date.now(), callFrom);
      for (const action of s.due) {
        if (action.type === 'CALL') {
          const view = await acts.callForFunds({
            ...ref,
            seq: action.seq,
            workflowId: workflowInfo().workflowId,
          });
          applyView(view);
          await notice(view.id, 'CALL');
        } else if (action.type === 'REMIND') {
          await notice(action.contributionId, 'REMINDER');
        } else {
          const before = snapshot.lines.find((l) => l.seq === action.seq)?.penaltiesApplied ?? 0;
          const view = await acts.markContributionLate({
            orgId: input.orgId,
            contributionId: action.contributionId,
            periods: action.periods,
          });
          applyView(view);
          if (view.penaltiesApplied > before || before === 0)
            await notice(action.contributionId, 'LATE', Math.max(1, view.penaltiesApplied));
        }
      }
      return s;
    });
    if (step.due.length) continue; // something changed: look again at once
    if (step.done) break;
    if (turn >= limit || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof contributionCycle>({ ...input, callFrom });
    }
    const seen = wakeups;
    const wait = step.wakeAt === null ? undefined : Math.max(1, step.wakeAt - Date.now());
    if (wait === undefined) await condition(() => wakeups !== seen);
    else await condition(() => wakeups !== seen, wait);
  }
  done = true;
  await condition(allHandlersFinished);
  return state();
}
