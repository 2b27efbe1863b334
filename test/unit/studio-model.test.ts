import { describe, expect, it } from 'vitest';
import {
  addState,
  addTransition,
  compact,
  pinProblems,
  removeState,
  transitionCaption,
  updateState,
} from '../../admin-ui/src/studio/definition-model.js';
import { entryLabel, moveCode } from '../../admin-ui/src/studio/dictionary-types.js';
import { layoutPipeline } from '../../admin-ui/src/studio/pipeline-layout.js';
import { BUILT_IN_TEMPLATES } from '../../definitions/templates/index.js';
import type { WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';

const def: WorkflowDefinitionBody = {
  caseType: 'ACHAT',
  states: [
    {
      code: 'NEW',
      initial: true,
      timers: [{ action: 'autoTransition', after: 'P30D', to: 'LOST', reasonCode: 'NO_NEWS' }],
    },
    { code: 'QUALIFIED', label: { fr: 'Qualifié', en: 'Qualified' } },
    { code: 'LOST', terminal: true, reasonType: 'LOSS' },
  ],
  transitions: [
    {
      from: 'NEW',
      to: 'QUALIFIED',
      label: { fr: 'Qualifier' },
      guard: {
        rule: { '>': [{ var: 'dossier.amount' }, 0] },
        message: { fr: 'Montant requis', en: 'Amount required' },
      },
    },
    { from: 'QUALIFIED', to: 'LOST', label: { en: 'Lose' } },
  ],
};

describe('studio: definition model (pure helpers of the draft editor)', () => {
  it('pins each validation problem to its state, its transition or the whole definition', () => {
    const pinned = pinProblems([
      { path: '/states/2/code', message: 'unreachable' },
      { path: '/states/2/reasonType', message: 'reason' },
      { path: '/transitions/0/guard/rule/>/0/var', message: 'unknown fact' },
      { path: '/states', message: 'no initial state' },
      { path: '', message: 'whole' },
    ]);
    expect(pinned.states.get(2)?.map((p) => p.message)).toEqual(['unreachable', 'reason']);
    expect(pinned.transitions.get(0)?.[0]?.message).toBe('unknown fact');
    expect(pinned.general.map((p) => p.message)).toEqual(['no initial state', 'whole']);
  });

  it('renames a state in the transitions that use it, and removes its transitions with it', () => {
    const renamed = updateState(def, 1, { code: 'VISIT' });
    expect(renamed.transitions.map((t) => `${t.from}>${t.to}`)).toEqual(['NEW>VISIT', 'VISIT>LOST']);
    const removed = removeState(def, 1);
    expect(removed.states.map((s) => s.code)).toEqual(['NEW', 'LOST']);
    expect(removed.transitions).toEqual([]);
    expect(def.states).toHaveLength(3); // never mutated
    const grown = addTransition(addState(def, { code: 'VALUATION' }), { from: 'NEW', to: 'VALUATION' });
    expect(grown.states.at(-1)?.code).toBe('VALUATION');
    expect(grown.transitions.at(-1)).toEqual({ from: 'NEW', to: 'VALUATION' });
  });

  it('captions a transition with its guard message, else its label, in the chosen language', () => {
    expect(transitionCaption(def.transitions[0]!, 'en')).toBe('Amount required');
    expect(transitionCaption(def.transitions[1]!, 'fr')).toBe('Lose');
    expect(compact({ a: undefined, b: '', c: [], d: {}, e: 0, f: 'x' })).toEqual({ e: 0, f: 'x' });
  });

  it('lays a pipeline out left to right with initial, terminal, timer and invalid states told apart', () => {
    const pinned = pinProblems([
      { path: '/states/1/code', message: 'x' },
      { path: '/transitions/1', message: 'y' },
    ]);
    const { nodes, edges } = layoutPipeline(def, 'fr', { labels: { NEW: 'Nouveau' }, pinned });
    expect(nodes.map((n) => [n.code, n.kind, n.timer, n.invalid, n.label])).toEqual([
      ['NEW', 'initial', true, false, 'Nouveau'],
      ['QUALIFIED', 'normal', false, true, 'Qualifié'],
      ['LOST', 'terminal', false, false, 'LOST'],
    ]);
    const x = (code: string) => nodes.find((n) => n.code === code)!.x;
    expect(x('NEW')).toBeLessThan(x('QUALIFIED'));
    expect(x('QUALIFIED')).toBeLessThan(x('LOST'));
    expect(edges.map((e) => [e.label, e.guarded, e.timer, e.invalid])).toEqual([
      ['Montant requis', true, false, false],
      ['Lose', false, false, true],
      ['⏱ P30D', false, true, false],
    ]);
    expect(edges[0]).toMatchObject({ source: 'NEW#0', target: 'QUALIFIED#1', index: 0 });
  });

  it('lays out every built-in template without overlapping states', () => {
    for (const template of BUILT_IN_TEMPLATES) {
      const { nodes, edges } = layoutPipeline(template, 'en');
      expect(nodes).toHaveLength(template.states.length);
      expect(edges.filter((e) => !e.timer)).toHaveLength(template.transitions.length);
      const spots = new Set(nodes.map((n) => `${Math.round(n.x)},${Math.round(n.y)}`));
      expect(spots.size).toBe(nodes.length);
    }
  });

  it('moves a dictionary code onto another one, and labels entries in the UI language', () => {
    expect(moveCode(['A', 'B', 'C', 'D'], 'D', 'B')).toEqual(['A', 'D', 'B', 'C']);
    expect(moveCode(['A', 'B', 'C'], 'A', 'C')).toEqual(['B', 'C', 'A']);
    expect(moveCode(['A', 'B'], 'A', 'Z')).toEqual(['A', 'B']);
    expect(entryLabel({ label: 'Won', labelFr: 'Gagné' }, 'fr')).toBe('Gagné');
    expect(entryLabel({ label: 'Won', labelFr: 'Gagné' }, 'en')).toBe('Won');
    expect(entryLabel({ label: 'Won', labelFr: null }, 'fr')).toBe('Won');
  });
});
