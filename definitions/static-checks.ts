import { DefinitionErrorCode, DefinitionError, type DefinitionProblem } from './definition-error.js';
import { parseIsoDuration } from './duration.js';
import { isDocumentedDossierField, isDocumentedFactPath } from './fact-paths.js';
import { inspectGuardRule } from './json-logic-rules.js';
import { pointer } from './json-pointer.js';
import { ANNONCE_CASE_TYPE } from './annonce.js';
import { COOP_GROUP_CASE_TYPE } from './coop/group-status.js';
import { isAutoTransitionTimer, reasonTypeOf } from './workflow-definition.schema.js';
import type { ReasonType, WorkflowDefinitionBody } from './workflow-definition.schema.js';

export interface StaticCheckContext {
  /** The tenant's CASE_STATUS dictionary codes (inactive ones included: old rows stay valid). */
  statusCodes: Iterable<string>;
  /** The tenant's CASE_TYPE codes; when given, caseType must be one of them. */
  caseTypes?: Iterable<string>;
}

const C = DefinitionErrorCode;

/** WON, LOST, CRM_WON, DEAL_LOST…: states that close a dossier and must ask for a reason. */
/** Case types whose status moves run synchronously (no Temporal workflow per record). */
const SYNCHRONOUS_CASE_TYPES = new Set([ANNONCE_CASE_TYPE, COOP_GROUP_CASE_TYPE]);

export function expectedReasonType(stateCode: string): ReasonType | undefined {
  if (/(^|_)WON$/.test(stateCode)) return 'WON';
  if (/(^|_)LOST$/.test(stateCode)) return 'LOSS';
  return undefined;
}

interface Edge {
  from: string;
  to: string;
}

/** Checks of a definition whose shape already passed the JSON schema. One problem per finding. */
export function checkDefinition(def: WorkflowDefinitionBody, ctx: StaticCheckContext): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (
    path: string,
    code: DefinitionErrorCode,
    message: string,
    params?: Record<string, string | number>,
  ) => problems.push({ path, code, message, ...(params ? { params } : {}) });
  const statusCodes = new Set(ctx.statusCodes);
  const stateIndex = new Map<string, number>();
  const isAnnonce = def.caseType === ANNONCE_CASE_TYPE;

  if (ctx.caseTypes && !new Set(ctx.caseTypes).has(def.caseType)) {
    add('/caseType', C.UNKNOWN_CASE_TYPE, `Case type ${def.caseType} is not in the CASE_TYPE dictionary`, {
      caseType: def.caseType,
    });
  }

  def.states.forEach((state, i) => {
    const at = `/states/${i}`;
    if (stateIndex.has(state.code)) {
      add(`${at}/code`, C.DUPLICATE_STATE, `State ${state.code} is declared more than once`, {
        state: state.code,
      });
    } else stateIndex.set(state.code, i);
    if (!statusCodes.has(state.code)) {
      add(`${at}/code`, C.UNKNOWN_STATUS_CODE, `Status ${state.code} is not in the CASE_STATUS dictionary`, {
        state: state.code,
      });
    }
    const expected = expectedReasonType(state.code);
    if (expected && reasonTypeOf(state) !== expected) {
      add(
        `${at}/reasonType`,
        C.MISSING_REASON_TYPE,
        `State ${state.code} closes the dossier as ${expected === 'WON' ? 'won' : 'lost'}: set "reasonType": "${expected}" so users must give a reason`,
        { state: state.code, reasonType: expected },
      );
    }
  });

  const initials = def.states.flatMap((s, i) => (s.initial ? [i] : []));
  if (initials.length === 0) {
    add('/states', C.NO_INITIAL_STATE, 'No initial state: mark exactly one state with "initial": true');
  } else if (initials.length > 1) {
    const names = initials.map((i) => def.states[i]?.code).join(', ');
    add(
      `/states/${initials[1]}/initial`,
      C.SEVERAL_INITIAL_STATES,
      `Only one state can be initial; found ${names}`,
      { states: names },
    );
  }

  const isTerminal = (code: string) => def.states[stateIndex.get(code) ?? -1]?.terminal === true;
  const edges: Edge[] = [];
  const seenTransitions = new Set<string>();

  def.transitions.forEach((t, i) => {
    const at = `/transitions/${i}`;
    for (const end of ['from', 'to'] as const) {
      if (!stateIndex.has(t[end])) {
        add(
          `${at}/${end}`,
          C.UNKNOWN_STATE,
          `Transition ${t.from} → ${t.to} uses ${t[end]}, which is not a state of this workflow`,
          { from: t.from, to: t.to, state: t[end] },
        );
      }
    }
    const key = `${t.from}\u0000${t.to}`;
    if (seenTransitions.has(key)) {
      add(at, C.DUPLICATE_TRANSITION, `Transition ${t.from} → ${t.to} is declared more than once`, {
        from: t.from,
        to: t.to,
      });
    }
    seenTransitions.add(key);
    if (isTerminal(t.from)) {
      add(
        `${at}/from`,
        C.TRANSITION_FROM_TERMINAL,
        `State ${t.from} is terminal: no transition can leave it`,
        { state: t.from },
      );
    }
    if (stateIndex.has(t.from) && stateIndex.has(t.to)) edges.push({ from: t.from, to: t.to });
    t.requiredFields?.forEach((field, k) => {
      // An ANNONCE workflow moves a property listing: its required fields are the listing's.
      if (isAnnonce ? !isDocumentedFactPath(`annonce.${field}`) : !isDocumentedDossierField(field)) {
        add(
          `${at}/requiredFields/${k}`,
          C.UNKNOWN_FACT,
          `Required field "${field}" is not ${isAnnonce ? 'a property listing' : 'a dossier'} field`,
        );
      }
    });
    if (t.guard) problems.push(...inspectGuardRule(t.guard.rule, pointer(at, 'guard', 'rule')));
  });

  def.states.forEach((state, i) => {
    // Listing and cooperative-group statuses change synchronously in one SQL transaction, without a
    // workflow per record (100,000s of listings, nothing to wait for): no one would run their timers.
    if (SYNCHRONOUS_CASE_TYPES.has(def.caseType) && state.timers?.length) {
      add(
        `/states/${i}/timers`,
        C.TIMERS_NOT_SUPPORTED,
        `State ${state.code}: ${def.caseType} workflows change status synchronously and have no timers; remove them`,
        { state: state.code, caseType: def.caseType },
      );
    }
    state.timers?.forEach((timer, j) => {
      const at = `/states/${i}/timers/${j}`;
      try {
        if (parseIsoDuration(timer.after) === 0) {
          add(`${at}/after`, C.INVALID_DURATION, `Timer of state ${state.code} must wait longer than zero`, {
            state: state.code,
            value: String(timer.after),
          });
        }
      } catch (error) {
        if (!(error instanceof DefinitionError)) throw error;
        add(`${at}/after`, C.INVALID_DURATION, `Timer of state ${state.code}: ${error.message}`, {
          state: state.code,
          value: String(timer.after),
        });
      }
      if (!isAutoTransitionTimer(timer)) return;
      if (state.terminal) {
        add(
          at,
          C.TRANSITION_FROM_TERMINAL,
          `State ${state.code} is terminal: a timer cannot move dossiers out of it`,
          { state: state.code },
        );
      }
      const target = def.states[stateIndex.get(timer.to) ?? -1];
      if (!target) {
        add(
          `${at}/to`,
          C.TIMER_TARGET_UNKNOWN,
          `Timer of state ${state.code} moves to ${timer.to}, which is not a state of this workflow`,
          { state: state.code, to: timer.to },
        );
        return;
      }
      edges.push({ from: state.code, to: timer.to });
      if (reasonTypeOf(target) !== 'NONE' && !timer.reasonCode) {
        add(
          `${at}/reasonCode`,
          C.MISSING_REASON_CODE,
          `Timer moves dossiers to ${timer.to}, which needs a reason: set "reasonCode"`,
          { state: state.code, to: timer.to },
        );
      }
    });
  });

  const outgoing = new Map<string, string[]>();
  for (const e of edges) outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e.to]);

  def.states.forEach((state, i) => {
    if (!state.terminal && !outgoing.has(state.code) && stateIndex.get(state.code) === i) {
      add(
        `/states/${i}/code`,
        C.DEAD_END,
        `State ${state.code} is not terminal but no transition leaves it: add one or mark it terminal`,
        { state: state.code },
      );
    }
  });

  const initial = initials.length === 1 ? def.states[initials[0] ?? -1] : undefined;
  if (initial) {
    const reached = new Set([initial.code]);
    const queue = [initial.code];
    for (let code = queue.shift(); code !== undefined; code = queue.shift()) {
      for (const next of outgoing.get(code) ?? []) {
        if (reached.has(next)) continue;
        reached.add(next);
        queue.push(next);
      }
    }
    def.states.forEach((state, i) => {
      if (!reached.has(state.code) && stateIndex.get(state.code) === i) {
        add(
          `/states/${i}/code`,
          C.UNREACHABLE_STATE,
          `State ${state.code} cannot be reached from the initial state ${initial.code}`,
          { state: state.code, initial: initial.code },
        );
      }
    });
  }
  return problems;
}
