import { DefinitionErrorCode, type DefinitionProblem } from './definition-error.js';
import { pointer } from './json-pointer.js';

/**
 * Static cost estimate of a JsonLogic rule (issue 15): refuses rules whose value can grow
 * exponentially. Outside `reduce`, every node is evaluated a bounded number of times (nesting of
 * iterations is capped by RULE_LIMITS), so sizes stay polynomial in the facts and the runtime budget
 * (json-logic-budget.ts) bounds the rest. A reduce feeds each step's value back as the accumulator:
 * a step worth `a` accumulators plus a constant multiplies the value by `a` per item, so `a` ≥ 2
 * (`merge` of the accumulator with itself, `cat` of it twice, a `map` over it that wraps each item…)
 * is exponential. The estimate is an upper bound, per node: size ≤ a·S + b, with S the size of what
 * can grow in the node's scope (the accumulator in a reduce step, the item in a map body).
 */

interface Growth {
  a: number;
  b: number;
}

/** 'facts': top level (nothing grows); 'step': a reduce step (S = accumulator); 'item': an iteration body. */
type Scope = 'facts' | 'step' | 'item';

const CONSTANT: Growth = { a: 0, b: 1 };
const GROWING: Growth = { a: 1, b: 0 };

const sum = (gs: Growth[]): Growth => gs.reduce((s, g) => ({ a: s.a + g.a, b: s.b + g.b }), { a: 0, b: 1 });
const max = (gs: Growth[]): Growth =>
  gs.reduce((m, g) => ({ a: Math.max(m.a, g.a), b: Math.max(m.b, g.b) }), { a: 0, b: 0 });

/** Operators whose value is made of (copies of) their arguments' values. */
const CONCATENATING = new Set(['merge', 'cat', 'missing']);
/** Operators whose value is one of their arguments' values. */
const CHOOSING = new Set(['and', 'or']);

/** What a `var` reads: in a step, the accumulator grows and the current item does not. */
function varGrowth(name: unknown, scope: Scope): Growth {
  if (scope === 'facts') return CONSTANT;
  if (typeof name !== 'string' && typeof name !== 'number') return GROWING; // computed: could read anything
  if (scope === 'item') return GROWING;
  const text = String(name);
  if (text === '' || text === 'accumulator' || text.startsWith('accumulator.')) return GROWING;
  return CONSTANT;
}

class CostEstimate {
  readonly problems: DefinitionProblem[] = [];

  growth(node: unknown, path: string, scope: Scope): Growth {
    if (Array.isArray(node)) return sum(node.map((n, i) => this.growth(n, pointer(path, i), scope)));
    if (node === null || typeof node !== 'object') return CONSTANT;
    const keys = Object.keys(node);
    const operator = keys[0];
    if (keys.length !== 1 || operator === undefined) return CONSTANT; // data, not logic
    const raw: unknown = (node as Record<string, unknown>)[operator];
    const args = Array.isArray(raw) ? raw : [raw];
    const at = pointer(path, operator);
    const argAt = (i: number) => (Array.isArray(raw) ? pointer(at, i) : at);
    const arg = (i: number, s: Scope = scope) => this.growth(args[i], argAt(i), s);

    switch (operator) {
      case 'var': {
        arg(0); // a computed name may hold a reduce of its own
        const read = varGrowth(args[0], scope);
        return args.length > 1 ? max([read, arg(1)]) : read;
      }
      case 'if':
      case '?:': {
        const all = args.map((_, i) => arg(i));
        // Conditions sit at even places; the values at odd places, and the last one (the "else").
        return max(all.filter((_, i) => i % 2 === 1 || (i === args.length - 1 && i % 2 === 0)));
      }
      case 'substr':
        args.slice(1).forEach((_, i) => arg(i + 1));
        return arg(0);
      case 'missing_some':
        arg(0);
        return arg(1);
      case 'filter':
        arg(1, 'item');
        return arg(0);
      case 'map': {
        const items = arg(0);
        const body = arg(1, 'item');
        // Each item becomes the body's value: ≤ body.a·(item size) + body.b, summed over the items.
        const factor = body.a + body.b;
        return { a: items.a * factor, b: items.b * factor + 1 };
      }
      case 'reduce':
        return this.reduce(args, argAt, scope);
      case 'all':
      case 'some':
      case 'none':
        arg(0);
        arg(1, 'item');
        return CONSTANT;
      default: {
        const all = args.map((_, i) => arg(i));
        if (CONCATENATING.has(operator)) return sum(all);
        if (CHOOSING.has(operator)) return max(all);
        return CONSTANT; // comparisons, logic, arithmetic: a number or a boolean
      }
    }
  }

  private reduce(args: unknown[], argAt: (i: number) => string, scope: Scope): Growth {
    const items = this.growth(args[0], argAt(0), scope);
    const seed = args.length > 2 ? this.growth(args[2], argAt(2), scope) : CONSTANT;
    const step = this.growth(args[1], argAt(1), 'step');
    if (step.a >= 2) {
      this.problems.push({
        path: argAt(1),
        code: DefinitionErrorCode.RULE_TOO_COSTLY,
        message: `The step of this reduce can hold its accumulator ${step.a} times, so its value multiplies at each item (exponential cost): use the accumulator at most once`,
      });
      return GROWING;
    }
    // ≤ seed + one step's constant part and one item per item.
    const perItem = step.b + 1;
    return { a: seed.a + items.a * perItem, b: seed.b + items.b * perItem };
  }
}

/** RULE_TOO_COSTLY problems of a rule, each at the JSON pointer of the reduce step that multiplies. */
export function costProblems(rule: unknown, rulePath: string): DefinitionProblem[] {
  const estimate = new CostEstimate();
  estimate.growth(rule, rulePath, 'facts');
  return estimate.problems;
}
