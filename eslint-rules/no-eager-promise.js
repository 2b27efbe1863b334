// @ts-check
import { ESLintUtils } from '@typescript-eslint/utils';
import { unionConstituents } from 'ts-api-utils';

/**
 * Issue 15: `adminOnly(em, r, em.count(...))` started a query, then refused; the refusal ended the
 * transaction and the query's rejection went unhandled, which exits Node. typescript-eslint has no
 * rule for a promise created before the decision that may discard it (`no-floating-promises` sees
 * only promises dropped on the spot), so this rule flags the shapes that let one escape:
 * - a promise passed as an argument (the callee may return, or throw, before awaiting it),
 * - a parameter declared as a promise (the only way to be handed one),
 * - a promise kept in a variable instead of being awaited where it is made (unless its rejection is
 *   handled right there, `.catch(f)` / `.then(f, g)`, or it cannot reject: `new Promise((resolve) => …)`).
 * Promise.all/allSettled/race/any take promises by design and handle every rejection they get, but
 * not on one EntityManager: its queries share a connection, and one failing ends the transaction
 * under the others.
 */
const COMBINATORS = new Set(['all', 'allSettled', 'race', 'any', 'resolve']);

/** @param {import('@typescript-eslint/utils').TSESTree.Node} callee */
function isPromiseCombinator(callee) {
  return (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'Promise' &&
    callee.property.type === 'Identifier' &&
    COMBINATORS.has(callee.property.name)
  );
}

/**
 * `p.catch(f)` or `p.then(f, g)`: its rejection is handled where it is made, so keeping it is safe.
 * @param {import('@typescript-eslint/utils').TSESTree.Expression} node
 */
function handledAtCreation(node) {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const { property } = node.callee;
  if (property.type !== 'Identifier') return false;
  return (
    (property.name === 'catch' && node.arguments.length === 1) ||
    (property.name === 'then' && node.arguments.length === 2)
  );
}

/**
 * `new Promise((resolve) => …)`: an executor without `reject` makes a promise that only resolves.
 * @param {import('@typescript-eslint/utils').TSESTree.Expression} node
 */
function resolveOnly(node) {
  if (node.type !== 'NewExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'Promise')
    return false;
  const [executor] = node.arguments;
  return (
    !!executor && executor.type.includes('Function') && 'params' in executor && executor.params.length <= 1
  );
}

export default ESLintUtils.RuleCreator.withoutDocs({
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      argument:
        'A promise passed as an argument is already running when the callee decides whether to await it; await it first, or pass a function that starts it.',
      parameter:
        'A parameter typed as a promise receives work already started; take a function that starts it (() => Promise<T>) or the awaited value.',
      transaction:
        'Queries on one EntityManager run one at a time on its connection: Promise.all gains nothing, and when one fails the others run on while the transaction ends; await them in turn.',
      variable:
        'A promise kept in a variable runs on while the code decides whether to await it (an early return or throw leaves it unhandled); await it where it is made.',
    },
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    // A native Promise only: it is the one whose work already runs. Fastify instances, replies and
    // query builders are thenables too, but start nothing until awaited.
    /** @param {import('@typescript-eslint/utils').TSESTree.Node} node */
    const thenable = (node) => {
      const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
      return unionConstituents(type).some((t) => t.getSymbol()?.getName() === 'Promise');
    };
    /** @param {import('@typescript-eslint/utils').TSESTree.Node} node */
    const isEntityManagerCall = (node) => {
      if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
      const receiver = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node.callee.object));
      return /EntityManager$/.test(receiver.getSymbol()?.getName() ?? '');
    };
    /** @param {import('@typescript-eslint/utils').TSESTree.CallExpression | import('@typescript-eslint/utils').TSESTree.NewExpression} node */
    const checkArguments = (node) => {
      if (isPromiseCombinator(node.callee)) {
        const [list] = node.arguments;
        if (list?.type === 'ArrayExpression')
          for (const el of list.elements)
            if (el && isEntityManagerCall(el)) context.report({ node: el, messageId: 'transaction' });
        return;
      }
      for (const arg of node.arguments) {
        if (arg.type === 'SpreadElement' || arg.type.includes('Function')) continue;
        if (thenable(arg)) context.report({ node: arg, messageId: 'argument' });
      }
    };
    /** @param {import('@typescript-eslint/utils').TSESTree.FunctionLike} fn */
    const checkParameters = (fn) => {
      for (const param of fn.params) {
        const target = param.type === 'TSParameterProperty' ? param.parameter : param;
        if (!('typeAnnotation' in target) || !target.typeAnnotation) continue;
        if (thenable(target.typeAnnotation.typeAnnotation))
          context.report({ node: param, messageId: 'parameter' });
      }
    };
    return {
      CallExpression: checkArguments,
      NewExpression: checkArguments,
      FunctionDeclaration: checkParameters,
      FunctionExpression: checkParameters,
      ArrowFunctionExpression: checkParameters,
      VariableDeclarator(node) {
        if (!node.init || node.init.type === 'AwaitExpression' || node.init.type.includes('Function')) return;
        if (handledAtCreation(node.init) || resolveOnly(node.init)) return;
        if (thenable(node.init)) context.report({ node, messageId: 'variable' });
      },
    };
  },
});
