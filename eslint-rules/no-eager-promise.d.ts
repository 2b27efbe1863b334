import type { Rule } from 'eslint';

/** Types for the tests that load the rule directly (the rule itself is checked JS, see @ts-check). */
declare const rule: Rule.RuleModule;
export default rule;
