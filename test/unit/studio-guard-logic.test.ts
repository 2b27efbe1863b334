import { CoreConfig, Utils, type Config, type Fields } from '@react-awesome-query-builder/core';
import { describe, expect, it } from 'vitest';
import {
  guardBuilderFields,
  guardProblems,
  isDocumentedFactPath,
  leafPaths,
  parseRule,
  simplifyLogic,
} from '../../admin-ui/src/studio/guard-logic.js';
import { ALLOWED_JSON_LOGIC_OPERATORS } from '../../definitions/json-logic-rules.js';
import { BUILT_IN_TEMPLATES } from '../../definitions/templates/index.js';

/** The same query-builder config as the guard editor, minus the antd widgets (core only, no DOM). */
const config: Config = { ...CoreConfig, fields: guardBuilderFields('fr') as unknown as Fields };

function operatorsOf(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => operatorsOf(n, out));
  else if (node && typeof node === 'object') {
    for (const [op, args] of Object.entries(node)) {
      out.add(op);
      operatorsOf(args, out);
    }
  }
  return out;
}

describe('studio: guard editor logic (JsonLogic ⇄ query builder)', () => {
  it('offers only documented guard facts', () => {
    const paths = leafPaths(guardBuilderFields('en'));
    expect(paths).toContain('dossier.budgetMax');
    expect(paths).toContain('counts.activities.CALL');
    expect(paths).toContain('consents.EMAIL');
    expect(paths).toContain('daysInState');
    for (const path of paths) expect(isDocumentedFactPath(path), path).toBe(true);
  });

  it('round-trips every guard of the built-in templates through the builder', () => {
    const guards = BUILT_IN_TEMPLATES.flatMap((t) =>
      t.transitions.flatMap((tr) => (tr.guard ? [tr.guard.rule] : [])),
    );
    expect(guards.length).toBeGreaterThan(3);
    let shown = 0;
    for (const rule of guards) {
      const [tree, errors] = Utils._loadFromJsonLogic(rule, config);
      if (errors.length) continue; // shown as raw JSON in the editor
      const back = simplifyLogic(Utils.jsonLogicFormat(tree!, config).logic);
      expect(back).toEqual(rule);
      shown += 1;
    }
    expect(shown).toBeGreaterThan(guards.length / 2);
  });

  it('builds rules whose operators and facts the API accepts', () => {
    const rule = {
      and: [
        { '>=': [{ var: 'dossier.budgetMax' }, 100000] },
        { '<=': [1, { var: 'counts.activities.VISIT' }, 5] },
        { in: [{ var: 'consents.EMAIL' }, ['OPT_IN']] },
        { '!=': [{ var: 'dossier.source' }, null] },
      ],
    };
    const [tree, errors] = Utils._loadFromJsonLogic(rule, config);
    expect(errors).toEqual([]);
    const exported = Utils.jsonLogicFormat(tree!, config).logic;
    for (const op of operatorsOf(exported)) expect(ALLOWED_JSON_LOGIC_OPERATORS).toContain(op);
    expect(guardProblems(exported as Record<string, unknown>)).toEqual([]);
  });

  it('unwraps single-rule groups, parses raw JSON and reports what the API would refuse', () => {
    expect(simplifyLogic({ and: [{ or: [{ '>': [{ var: 'daysInState' }, 3] }] }] })).toEqual({
      '>': [{ var: 'daysInState' }, 3],
    });
    expect(simplifyLogic({ and: [{ '>': [1, 0] }, { '<': [0, 1] }] })).toHaveProperty('and');
    expect(simplifyLogic(null)).toBeUndefined();
    expect(parseRule('{"==": [1, 1]}')).toEqual({ rule: { '==': [1, 1] } });
    expect(parseRule('{')).toHaveProperty('error');
    expect(parseRule('{"==": [1, 1], "!=": [1, 2]}')).toHaveProperty('error');
    expect(guardProblems({ '>': [{ var: 'dossier.secret' }, 0] })[0]).toContain('dossier.secret');
    expect(guardProblems({ log: [1] })[0]).toContain('"log"');
  });
});
