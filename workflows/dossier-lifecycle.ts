import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  currentUpdateInfo,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { DossierView } from '../definitions/dossier-view.js';
import { parseIsoDuration } from '../definitions/duration.js';
import { checkTransition, findState, type Language } from '../definitions/guards.js';
import {
  isAutoTransitionTimer,
  type StateDef,
  type TimerDef,
  type WorkflowDefinitionBody,
} from '../definitions/workflow-definition.schema.js';
import { DossierRefusal, refuse } from './dossier-refusals.js';

export interface DossierWorkflowInput {
  orgId: string;
  orgSlug: string;
  dossierId: string;
  /** The dossier's reference (D-2026-…), fixed at creation; absent on runs started before it was passed. */
  reference?: string;
  caseType: string;
  definition: WorkflowDefinitionBody;
  definitionId: string;
  definitionVersion: number;
  statusCode: string;
  /** ISO time the dossier entered `statusCode`; timers count from it. */
  enteredStateAt: string;
  /** Timers of the current state already fired (kept across continue-as-new). */
  firedTimers?: number[];
  /** History length that triggers continue-as-new (Temporal also suggests it near its limits). */
  continueAsNewAfter?: number;
}

export interface TransitionActor {
  id: string;
  roles: string[];
  permissions: string[];
}

export interface TransitionRequest {
  orgId: string;
  to: string;
  /** The status the caller saw; a different current status means someone moved first (409). */
  expectedFrom: string;
  reasonCode?: string | null;
  comment?: string | null;
  actor: TransitionActor;
  correlationId?: string | null;
  lang?: Language;
}

export interface MigrationRequest {
  orgId: string;
  definition: WorkflowDefinitionBody;
  definitionId: string;
  definitionVersion: number;
  /** The status the dossier moves to in the new definition (already resolved by the API). */
  toStatus: string;
  actorId: string | null;
}

export interface DossierWorkflowState {
  statusCode: string;
  definitionVersion: number;
  enteredStateAt: string;
  firedTimers: number[];
  historyLength: number;
}

export const transitionUpdate = defineUpdate<DossierView, [TransitionRequest]>('transition');
export const migrateUpdate = defineUpdate<DossierView, [MigrationRequest]>('migrateDefinition');
export const stateQuery = defineQuery<DossierWorkflowState>('state');

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '200 ms',
    maximumInterval: '5 seconds',
    nonRetryableErrorTypes: ['DossierStateConflict'],
  },
});

const SYSTEM_ACTOR: TransitionActor = { id: 'system', roles: ['SYSTEM'], permissions: [] };

/**
 * One workflow per dossier: the single gate for its status changes (F-3.2, F-3.3), and the home of
 * its state timers and automations (F-2.6). The pinned definition travels in the workflow's state.
 */
export async function dossierLifecycle(input: DossierWorkflowInput): Promise<DossierWorkflowState> {
  let definition = input.definition;
  let definitionId = input.definitionId;
  let definitionVersion = input.definitionVersion;
  let status = input.statusCode;
  let enteredStateAt = input.enteredStateAt;
  let firedTimers = [...(input.firedTimers ?? [])];
  let epoch = 0;

  // Updates interleave at every await; this chain makes their critical sections run one at a time.
  let tail: Promise<unknown> = Promise.resolve();
  const serialized = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };

  // Idempotent retries: the same update id answers with the same (possibly still running) move.
  const movesByUpdateId = new Map<string, Promise<DossierView>>();

  const enter = (to: string) => {
    status = to;
    enteredStateAt = new Date().toISOString();
    firedTimers = [];
    epoch++;
    upsertSearchAttributes({ StatusCode: [to] });
  };
  const stateOf = (): DossierWorkflowState => ({
    statusCode: status,
    definitionVersion,
    enteredStateAt,
    firedTimers,
    historyLength: workflowInfo().historyLength,
  });

  const move = async (req: TransitionRequest, updateId: string, system: boolean): Promise<DossierView> => {
    if (status !== req.expectedFrom)
      refuse(DossierRefusal.STALE_STATE, `The dossier moved to ${status} in the meantime.`);
    const transition = definition.transitions.find((t) => t.from === status && t.to === req.to);
    const needsFacts = !!transition && (!!transition.guard || (transition.requiredFields?.length ?? 0) > 0);
    // The system acts with exactly what the transition asks for; people with their own rights.
    const user = system
      ? {
          id: 'system',
          roles: transition?.roles ?? [],
          permissions: transition?.permission ? [transition.permission] : [],
        }
      : req.actor;
    if (!needsFacts) {
      const check = checkTransition(definition, status, req.to, {}, user, req.lang ?? 'fr');
      if (!check.allowed)
        refuse(
          check.reasonCode === 'UNKNOWN_TRANSITION' ? DossierRefusal.ILLEGAL : DossierRefusal.FORBIDDEN,
          check.reason ?? 'Transition refused.',
        );
    }
    let view: DossierView;
    try {
      view = await acts.applyTransition({
        orgId: input.orgId,
        dossierId: input.dossierId,
        from: status,
        to: req.to,
        terminal: findState(definition, req.to)?.terminal === true,
        reasonCode: req.reasonCode ?? null,
        comment: req.comment ?? null,
        actor: system ? { userId: null, type: 'SYSTEM' } : { userId: req.actor.id, type: 'USER' },
        updateId,
        definitionVersion,
        correlationId: req.correlationId ?? null,
        at: new Date().toISOString(),
        // Guard and required fields are checked on facts read in the same transaction as the write.
        check: needsFacts
          ? {
              definition,
              user: { ...user, roles: [...user.roles], permissions: [...user.permissions] },
              lang: req.lang ?? 'fr',
            }
          : undefined,
      });
    } catch (err) {
      const cause = err instanceof ActivityFailure ? err.cause : undefined;
      if (cause instanceof ApplicationFailure && cause.type === 'TransitionBlocked') {
        refuse(
          DossierRefusal.BLOCKED,
          cause.message,
          (cause.details?.[0] as Record<string, unknown> | undefined) ?? {},
        );
      }
      throw err;
    }
    enter(req.to);
    return view;
  };

  setHandler(
    transitionUpdate,
    (req) => {
      // Read before queueing: the update's context is not carried into the chained callback.
      const updateId =
        currentUpdateInfo()?.id ?? `${workflowInfo().runId}:${req.to}:${req.correlationId ?? ''}`;
      const same = movesByUpdateId.get(updateId);
      if (same) return same;
      const result = serialized(() => move(req, updateId, false));
      movesByUpdateId.set(updateId, result);
      if (movesByUpdateId.size > 500) movesByUpdateId.delete(movesByUpdateId.keys().next().value!);
      return result;
    },
    {
      // Synchronous structural checks: a refused request never enters the workflow history.
      validator: (req) => {
        // A retry of a request this run already took (same Idempotency-Key): it gets the same answer.
        const updateId = currentUpdateInfo()?.id;
        if (updateId && movesByUpdateId.has(updateId)) return;
        if (req.orgId !== input.orgId) refuse(DossierRefusal.NOT_FOUND, 'Dossier not found.');
        if (findState(definition, status)?.terminal)
          refuse(DossierRefusal.CLOSED, `The dossier is closed (${status}).`);
        if (req.expectedFrom !== status)
          refuse(DossierRefusal.STALE_STATE, `The dossier is now in ${status}, not ${req.expectedFrom}.`);
        const target = findState(definition, req.to);
        const transition = definition.transitions.find((t) => t.from === status && t.to === req.to);
        if (!target || !transition)
          refuse(DossierRefusal.ILLEGAL, `No transition from ${status} to ${req.to} in this pipeline.`);
        if (transition.permission && !req.actor.permissions.includes(transition.permission)) {
          refuse(
            DossierRefusal.FORBIDDEN,
            `Moving to ${req.to} needs the ${transition.permission} permission.`,
          );
        }
        if (transition.roles?.length && !transition.roles.some((r) => req.actor.roles.includes(r))) {
          refuse(
            DossierRefusal.FORBIDDEN,
            `Moving to ${req.to} is reserved to: ${transition.roles.join(', ')}.`,
          );
        }
        const reasonType = target.reasonType ?? 'NONE';
        if (reasonType !== 'NONE' && !req.reasonCode) {
          refuse(
            DossierRefusal.REASON_REQUIRED,
            `Moving to ${req.to} needs a ${reasonType === 'WON' ? 'won' : 'loss'} reason code.`,
          );
        }
      },
    },
  );

  setHandler(
    migrateUpdate,
    (req) => {
      const updateId = currentUpdateInfo()?.id ?? `migrate:${req.definitionVersion}`;
      return serialized(async () => {
        const view = await acts.applyMigration({
          orgId: input.orgId,
          dossierId: input.dossierId,
          fromStatus: status,
          toStatus: req.toStatus,
          definitionId: req.definitionId,
          definitionVersion: req.definitionVersion,
          fromVersion: definitionVersion,
          actorId: req.actorId,
          updateId,
          at: new Date().toISOString(),
        });
        definition = req.definition;
        definitionId = req.definitionId;
        definitionVersion = req.definitionVersion;
        if (req.toStatus !== status) enter(req.toStatus);
        else epoch++; // the new definition may declare other timers for this state
        return view;
      });
    },
    {
      validator: (req) => {
        if (req.orgId !== input.orgId) refuse(DossierRefusal.NOT_FOUND, 'Dossier not found.');
        if (!findState(req.definition, req.toStatus))
          refuse(DossierRefusal.ILLEGAL, `State ${req.toStatus} is not in version ${req.definitionVersion}.`);
      },
    },
  );

  setHandler(stateQuery, stateOf);

  const fireTimer = async (state: StateDef, timer: TimerDef, index: number) => {
    const key = `timer:${input.dossierId}:${state.code}:${enteredStateAt}:${index}`;
    if (
      timer.unlessActivity &&
      (await acts.hasActivitySince({ orgId: input.orgId, dossierId: input.dossierId, since: enteredStateAt }))
    ) {
      return;
    }
    const now = new Date().toISOString();
    const base = { orgId: input.orgId, dossierId: input.dossierId, key, at: now };
    if (isAutoTransitionTimer(timer)) {
      try {
        const req = {
          orgId: input.orgId,
          to: timer.to,
          expectedFrom: state.code,
          reasonCode: timer.reasonCode ?? null,
          actor: SYSTEM_ACTOR,
        };
        await move({ ...req, comment: `Automatic after ${timer.after} in ${state.code}` }, key, true);
      } catch (err) {
        const reason = err instanceof ApplicationFailure ? err.message : String(err);
        await acts.recordAutomation({
          ...base,
          kind: 'AUTOMATION',
          notify: 'agent',
          title: `Automatic move to ${timer.to} blocked: ${reason}`,
          code: 'AUTO_MOVE_BLOCKED',
          params: { to: timer.to, reason },
        });
      }
      return;
    }
    const message = timer.message?.fr ?? timer.message?.en;
    // Without the pipeline's own message, the entry carries a code the UI phrases ("Relance : …").
    const coded = (code: string) =>
      message ? {} : { code, params: { status: state.code, after: timer.after } };
    if (timer.action === 'remindAgent') {
      const title = message ?? `Reminder: dossier still in ${state.code} after ${timer.after}`;
      await acts.recordAutomation({
        ...base,
        kind: 'REMINDER',
        notify: 'agent',
        title,
        ...coded('DOSSIER_REMINDER'),
      });
    } else {
      const title = message ?? `Escalation: dossier in ${state.code} for ${timer.after}`;
      await acts.recordAutomation({
        ...base,
        kind: 'ESCALATION',
        notify: 'managers',
        title,
        ...coded('DOSSIER_ESCALATION'),
      });
    }
  };

  const historyLimit = input.continueAsNewAfter ?? 4000;
  const shouldContinueAsNew = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit;

  for (;;) {
    const state = findState(definition, status);
    if (state?.terminal) {
      await condition(allHandlersFinished);
      return stateOf();
    }
    const myEpoch = epoch;
    const timers = (state?.timers ?? []).map((timer, index) => ({
      timer,
      index,
      dueMs: parseIsoDuration(timer.after),
    }));
    timers.sort((a, b) => a.dueMs - b.dueMs);
    for (const { timer, index, dueMs } of timers) {
      if (firedTimers.includes(index)) continue;
      const wait = new Date(enteredStateAt).getTime() + dueMs - Date.now();
      if (wait > 0 && (await condition(() => epoch !== myEpoch || shouldContinueAsNew(), wait))) break;
      if (epoch !== myEpoch) break;
      await serialized(async () => {
        if (epoch === myEpoch) await fireTimer(state!, timer, index);
      });
      if (epoch === myEpoch) firedTimers.push(index);
    }
    await condition(() => epoch !== myEpoch || shouldContinueAsNew());
    if (epoch === myEpoch && shouldContinueAsNew()) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof dossierLifecycle>({
        ...input,
        definition,
        definitionId,
        definitionVersion,
        statusCode: status,
        enteredStateAt,
        firedTimers,
      });
    }
  }
}
