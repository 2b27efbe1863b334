import { Graph, layout } from '@dagrejs/dagre';
import {
  hasTimers,
  localized,
  transitionCaption,
  type Lang,
  type PinnedProblems,
  type WorkflowDefinitionBody,
} from './definition-model.js';

/** Pure layout of a pipeline for the graph (dagre, left to right); the component maps it to @xyflow/react. */

export type StateKind = 'initial' | 'terminal' | 'normal';

export interface LaidOutState {
  id: string;
  index: number;
  code: string;
  label: string;
  kind: StateKind;
  timer: boolean;
  invalid: boolean;
  x: number;
  y: number;
}

export interface LaidOutEdge {
  id: string;
  source: string;
  target: string;
  /** The guard's message (or the transition's label); '' for none. */
  label: string;
  guarded: boolean;
  /** An autoTransition timer rather than a user transition. */
  timer: boolean;
  invalid: boolean;
  /** Index in `transitions`, -1 for timers. */
  index: number;
}

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 56;

export function layoutPipeline(
  def: WorkflowDefinitionBody,
  lang: Lang,
  options: { labels?: Record<string, string>; pinned?: PinnedProblems } = {},
): { nodes: LaidOutState[]; edges: LaidOutEdge[] } {
  const codes = new Set(def.states.map((s) => s.code));
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 110, edgesep: 20, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  def.states.forEach((s) => {
    if (!g.hasNode(s.code)) g.setNode(s.code, { width: NODE_WIDTH, height: NODE_HEIGHT });
  });

  const edges: LaidOutEdge[] = [];
  def.transitions.forEach((t, index) => {
    if (!codes.has(t.from) || !codes.has(t.to)) return;
    const id = `t${index}`;
    edges.push({
      id,
      source: t.from,
      target: t.to,
      label: transitionCaption(t, lang),
      guarded: !!t.guard,
      timer: false,
      invalid: options.pinned?.transitions.has(index) ?? false,
      index,
    });
    // Backward moves do not pull states back: only forward edges shape the ranks.
    g.setEdge(t.from, t.to, { width: 80, height: 20, minlen: 1 }, id);
  });
  def.states.forEach((s, i) => {
    s.timers?.forEach((timer, j) => {
      if (timer.action !== 'autoTransition' || !codes.has(timer.to)) return;
      const id = `s${i}timer${j}`;
      edges.push({
        id,
        source: s.code,
        target: timer.to,
        label: `⏱ ${timer.after}`,
        guarded: false,
        timer: true,
        invalid: false,
        index: -1,
      });
      g.setEdge(s.code, timer.to, { width: 60, height: 20 }, id);
    });
  });

  layout(g);

  const nodes = def.states.map((s, index): LaidOutState => {
    const pos = g.node(s.code);
    const kind: StateKind = s.initial ? 'initial' : s.terminal ? 'terminal' : 'normal';
    return {
      id: `${s.code}#${index}`,
      index,
      code: s.code,
      label: localized(s.label, lang, options.labels?.[s.code] ?? s.code),
      kind,
      timer: hasTimers(s),
      invalid: options.pinned?.states.has(index) ?? false,
      x: (pos?.x ?? 0) - NODE_WIDTH / 2,
      y: (pos?.y ?? 0) - NODE_HEIGHT / 2,
    };
  });
  // Edges point at the first state of a code (duplicates are a validation error anyway).
  const firstId = new Map<string, string>();
  for (const n of nodes) if (!firstId.has(n.code)) firstId.set(n.code, n.id);
  return {
    nodes,
    edges: edges.map((e) => ({
      ...e,
      source: firstId.get(e.source) ?? e.source,
      target: firstId.get(e.target) ?? e.target,
    })),
  };
}
