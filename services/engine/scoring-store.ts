import { recordAudit } from '../../db/audit.js';
import { ScoringRuleset, type IScoringRuleset } from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import {
  latestPublishedRuleset,
  lockScoring,
  nextScoringVersion,
  rulesetView,
  type RulesetView,
} from '../../db/scoring.js';
import type { DefinitionProblem } from '../../definitions/definition-error.js';
import type { ScoringRuleset as Ruleset } from '../../definitions/scoring-rules.schema.js';
import { isScoringRulesetShape, validateScoring } from '../../definitions/validate-scoring.js';
import { failures } from '../failures.js';
import type { DocumentKind } from './versioned-documents.js';

const fail = failures('engine');

/** Loading, shape checks and auditing of scoring rulesets for the /scoring-rules routes. */

export type RulesetListItem = RulesetView & { isLatestPublished: boolean };

export async function loadRuleset(em: Em, id: string): Promise<IScoringRuleset> {
  const ruleset = await em.findOne(ScoringRuleset, { id });
  if (!ruleset) throw fail.notFound('Scoring ruleset');
  return ruleset;
}

export function bodyOfRuleset(r: IScoringRuleset): Ruleset {
  return r.body as unknown as Ruleset;
}

/**
 * Throws 400 with JSON-pointer fields unless `input` has a ruleset's shape. Rule-level problems
 * (unknown facts, forbidden operators, duplicate codes) are allowed in a draft, reported by /validate.
 */
export function assertRulesetShape(input: unknown): asserts input is Ruleset {
  if (isScoringRulesetShape(input)) return;
  const { errors } = validateScoring(input);
  throw fail.validation(
    errors.map((e) => ({ field: e.path || '/', message: e.message })),
    'The body is not a scoring ruleset; see errors for each place.',
  );
}

export function problemList(errors: DefinitionProblem[]) {
  return errors.map((e) => ({ path: e.path, field: e.path || '/', message: e.message, code: e.code }));
}

export async function listItemOf(em: Em, orgId: string, r: IScoringRuleset): Promise<RulesetListItem> {
  const latest = await latestPublishedRuleset(em, orgId);
  return { ...rulesetView(r), isLatestPublished: latest?.id === r.id };
}

export async function auditRuleset(
  em: Em,
  ctx: TenantContext,
  action: string,
  r: IScoringRuleset,
  before: RulesetView | null,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(em, ctx, {
    entityType: 'ScoringRuleset',
    entityId: r.id,
    action,
    before: before ? { ...before } : null,
    after: { ...rulesetView(r), ...extra },
  });
}

/** `If-Match: 3`, `"3"` or `W/"3"` → 3; anything else is a 400 on the header. */
export { parseIfMatch } from './definition-store.js';

/** Scoring rulesets as versioned documents: one published version in force per organisation. */
export const rulesetKind: DocumentKind<IScoringRuleset, RulesetView> = {
  name: (r) => `Version ${r.version}`,
  lock: (em, orgId) => lockScoring(em, orgId),
  validate: (_em, r) => {
    const validation = validateScoring(r.body);
    return Promise.resolve({ valid: validation.valid, errors: problemList(validation.errors) });
  },
  invalid: { code: 'SCORING_RULES_INVALID', what: 'rules' },
  published: (em) => em.find(ScoringRuleset, { status: 'PUBLISHED' }),
  retiresOnPublish: true,
  view: rulesetView,
  audit: auditRuleset,
  path: '/scoring-rules',
  immutable: 'published rules',
  copy: async (em, ctx, source) =>
    em.create(ScoringRuleset, {
      orgId: ctx.orgId,
      version: await nextScoringVersion(em, ctx.orgId),
      status: 'DRAFT',
      body: structuredClone(source.body),
      basedOnId: source.id,
      createdBy: ctx.userId ?? null,
    }),
  replaceBody: (r, body) => {
    r.body = body;
  },
};
