import type {
  LocalizedText,
  StateDef,
  TransitionDef,
  WorkflowDefinitionBody,
} from '../../../definitions/workflow-definition.schema.js';

/** Pure helpers of the draft editor: no React, no I/O (unit-tested in test/unit/studio-model.test.ts). */

export type { LocalizedText, StateDef, TransitionDef, WorkflowDefinitionBody };

/** One problem of POST /workflow-definitions/:id/validate (or the 422 of publish). */
export interface DefinitionProblemView {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, unknown>;
}

/** Problems sorted by where they belong: a state row, a transition row, or the whole definition. */
export interface PinnedProblems {
  states: Map<number, DefinitionProblemView[]>;
  transitions: Map<number, DefinitionProblemView[]>;
  general: DefinitionProblemView[];
}

function push<K>(map: Map<K, DefinitionProblemView[]>, key: K, problem: DefinitionProblemView) {
  map.set(key, [...(map.get(key) ?? []), problem]);
}

/** "/states/3/code" → state 3; "/transitions/0/guard/rule/and/0" → transition 0; anything else is general. */
export function pinProblems(problems: readonly DefinitionProblemView[]): PinnedProblems {
  const pinned: PinnedProblems = { states: new Map(), transitions: new Map(), general: [] };
  for (const problem of problems) {
    const match = /^\/(states|transitions)\/(\d+)(\/|$)/.exec(problem.path);
    if (!match) pinned.general.push(problem);
    else push(match[1] === 'states' ? pinned.states : pinned.transitions, Number(match[2]), problem);
  }
  return pinned;
}

export type Lang = 'fr' | 'en';

/** The text in `lang`, else the other language, else Arabic, else `fallback`. */
export function localized(text: LocalizedText | undefined, lang: Lang, fallback = ''): string {
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  return text?.[lang] ?? text?.[other] ?? text?.ar ?? fallback;
}

/** What the graph writes on a transition: its guard's message, else its label, else nothing. */
export function transitionCaption(t: TransitionDef, lang: Lang): string {
  return t.guard ? localized(t.guard.message, lang) : localized(t.label, lang);
}

export function addState(def: WorkflowDefinitionBody, state: StateDef): WorkflowDefinitionBody {
  return { ...def, states: [...def.states, state] };
}

export function updateState(
  def: WorkflowDefinitionBody,
  index: number,
  state: StateDef,
): WorkflowDefinitionBody {
  const old = def.states[index];
  if (!old) return def;
  const states = def.states.map((s, i) => (i === index ? state : s));
  // Renaming a state renames it in the transitions and auto-transition timers that point at it.
  const rename = (code: string) => (code === old.code ? state.code : code);
  const transitions =
    old.code === state.code
      ? def.transitions
      : def.transitions.map((t) => ({ ...t, from: rename(t.from), to: rename(t.to) }));
  return { ...def, states, transitions };
}

/** Removes a state and every transition from or to it. */
export function removeState(def: WorkflowDefinitionBody, index: number): WorkflowDefinitionBody {
  const code = def.states[index]?.code;
  return {
    ...def,
    states: def.states.filter((_, i) => i !== index),
    transitions: def.transitions.filter((t) => t.from !== code && t.to !== code),
  };
}

export function addTransition(def: WorkflowDefinitionBody, t: TransitionDef): WorkflowDefinitionBody {
  return { ...def, transitions: [...def.transitions, t] };
}

export function updateTransition(
  def: WorkflowDefinitionBody,
  index: number,
  t: TransitionDef,
): WorkflowDefinitionBody {
  return { ...def, transitions: def.transitions.map((x, i) => (i === index ? t : x)) };
}

export function removeTransition(def: WorkflowDefinitionBody, index: number): WorkflowDefinitionBody {
  return { ...def, transitions: def.transitions.filter((_, i) => i !== index) };
}

/** Drops undefined and empty optional fields so the draft body stays minimal and schema-valid. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[key] = v;
  }
  return out as T;
}

/** A state has a timer: shown with a clock in the graph and the table. */
export function hasTimers(state: StateDef): boolean {
  return (state.timers?.length ?? 0) > 0;
}
