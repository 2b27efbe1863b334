import type {
  StateDef,
  TransitionDef,
  WorkflowDefinitionBody,
} from '../../definitions/workflow-definition.schema.js';

/** Pure: what changed between two versions of a workflow definition, state by state and move by move. */

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

export interface DefinitionDiff {
  statesAdded: StateDef[];
  statesRemoved: StateDef[];
  statesChanged: { code: string; changes: FieldChanges }[];
  transitionsAdded: TransitionDef[];
  transitionsRemoved: TransitionDef[];
  transitionsChanged: { from: string; to: string; changes: FieldChanges }[];
}

/** JSON with sorted keys, so `{a,b}` and `{b,a}` compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function fieldChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ignore: readonly string[],
): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignore.includes(key)) continue;
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (canonical(from) !== canonical(to)) changes[key] = { from, to };
  }
  return changes;
}

/** Absent flags mean their defaults: `initial`/`terminal` false, `reasonType` NONE. */
function normalizedState(s: StateDef): Record<string, unknown> {
  return {
    ...s,
    initial: s.initial ?? false,
    terminal: s.terminal ?? false,
    reasonType: s.reasonType ?? 'NONE',
  };
}

const transitionKey = (t: TransitionDef) => `${t.from}\u0000${t.to}`;

export function diffDefinitions(from: WorkflowDefinitionBody, to: WorkflowDefinitionBody): DefinitionDiff {
  const oldStates = new Map(from.states.map((s) => [s.code, s]));
  const newStates = new Map(to.states.map((s) => [s.code, s]));
  const statesChanged: DefinitionDiff['statesChanged'] = [];
  for (const [code, after] of newStates) {
    const before = oldStates.get(code);
    if (!before) continue;
    const changes = fieldChanges(normalizedState(before), normalizedState(after), ['code']);
    if (Object.keys(changes).length) statesChanged.push({ code, changes });
  }

  const oldMoves = new Map(from.transitions.map((t) => [transitionKey(t), t]));
  const newMoves = new Map(to.transitions.map((t) => [transitionKey(t), t]));
  const transitionsChanged: DefinitionDiff['transitionsChanged'] = [];
  for (const [key, after] of newMoves) {
    const before = oldMoves.get(key);
    if (!before) continue;
    const changes = fieldChanges(before, after, ['from', 'to']);
    if (Object.keys(changes).length) transitionsChanged.push({ from: after.from, to: after.to, changes });
  }

  return {
    statesAdded: to.states.filter((s) => !oldStates.has(s.code)),
    statesRemoved: from.states.filter((s) => !newStates.has(s.code)),
    statesChanged,
    transitionsAdded: to.transitions.filter((t) => !oldMoves.has(transitionKey(t))),
    transitionsRemoved: from.transitions.filter((t) => !newMoves.has(transitionKey(t))),
    transitionsChanged,
  };
}
