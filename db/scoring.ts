import { scoreOf, type ScoreResult } from '../definitions/scoring.js';
import type { ScoringRuleset } from '../definitions/scoring-rules.schema.js';
import scoringDefault from '../definitions/templates/scoring-default.json' with { type: 'json' };
import { recordAudit } from './audit.js';
import {
  ScoringRuleset as ScoringRulesetEntity,
  type IDossier,
  type IScoringRuleset,
} from './entities/index.js';
import { loadGuardFacts } from './facts.js';
import type { Em, TenantContext } from './orm.js';

/** Lead scoring persistence: rulesets, and the stored score of dossiers and their contacts. */

export const DEFAULT_SCORING_RULES = scoringDefault as ScoringRuleset;

/** Scoring reads facts as the system: no roles, no permissions. */
const SYSTEM_USER = { id: 'system', roles: [], permissions: [] } as const;

export function rulesetView(r: IScoringRuleset) {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    ruleset: r.body as unknown as ScoringRuleset,
    publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
    publishedBy: r.publishedBy ?? null,
    retiredAt: r.retiredAt ? r.retiredAt.toISOString() : null,
    basedOnId: r.basedOnId ?? null,
    lockVersion: r.lockVersion,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type RulesetView = ReturnType<typeof rulesetView>;

/** The ruleset in force: the highest published version, read fresh (no identity-map cache). */
export async function latestPublishedRuleset(
  em: Em,
  orgId: string,
): Promise<{ id: string; version: number; body: ScoringRuleset } | null> {
  const rows = await em.execute<{ id: string; version: number; body: ScoringRuleset }[]>(
    `select id, version, body from scoring_ruleset where org_id = ? and status = 'PUBLISHED'
      order by version desc limit 1`,
    [orgId],
  );
  return rows[0] ?? null;
}

export async function nextScoringVersion(em: Em, orgId: string): Promise<number> {
  const rows = await em.execute<{ v: number | null }[]>(
    'select max(version) as v from scoring_ruleset where org_id = ?',
    [orgId],
  );
  return (rows[0]?.v ?? 0) + 1;
}

/** Serialises version numbering and publishing of an organisation's rulesets. */
export async function lockScoring(em: Em, orgId: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`scoring-ruleset:${orgId}`]);
}

/** Contact score = best score of its open dossiers (null when it has none scored). */
export async function refreshContactScore(em: Em, orgId: string, contactId: string): Promise<void> {
  await em.execute(
    `update contact set score = (select max(d.score) from dossier d
        where d.org_id = ? and d.contact_id = ? and d.closed_at is null)
      where org_id = ? and id = ?`,
    [orgId, contactId, orgId, contactId],
  );
}

async function storeScore(em: Em, orgId: string, dossierId: string, result: ScoreResult) {
  // Plain SQL: a score change is not a user edit, so the optimistic-lock `version` must not move.
  const rows = await em.execute<{ contact_id: string | null }[]>(
    `update dossier set score = ? where org_id = ? and id = ? returning contact_id`,
    [result.score, orgId, dossierId],
  );
  const contactId = rows[0]?.contact_id;
  if (contactId) await refreshContactScore(em, orgId, contactId);
}

/**
 * Recomputes and stores one dossier's score in the caller's transaction; null (and nothing written)
 * when the organisation has no published ruleset. A managed Dossier entity is refreshed so the
 * caller's view shows the new score.
 */
export async function recomputeDossierScore(
  em: Em,
  orgId: string,
  dossierId: string,
  now: Date,
  ruleset?: ScoringRuleset,
): Promise<ScoreResult | null> {
  const rules = ruleset ?? (await latestPublishedRuleset(em, orgId))?.body;
  if (!rules) return null;
  const facts = await loadGuardFacts(em, dossierId, SYSTEM_USER, now);
  const result = scoreOf(rules, facts);
  await storeScore(em, orgId, dossierId, result);
  const managed = em.getUnitOfWork().getById<IDossier>('Dossier', dossierId);
  if (managed && managed.score !== result.score) await em.refresh(managed);
  return result;
}

/**
 * One batch of the rescoring job (after a publish, and nightly for time-based rules): the open
 * dossiers with an id above `after`, in id order. Returns how many and the last id (null when done).
 */
export async function rescoreOpenDossierBatch(
  em: Em,
  orgId: string,
  ruleset: ScoringRuleset,
  now: Date,
  page: { after: string; limit: number },
): Promise<{ rescored: number; last: string | null }> {
  const ids = await em.execute<{ id: string }[]>(
    `select id from dossier where org_id = ? and closed_at is null and id > ? order by id limit ?`,
    [orgId, page.after, page.limit],
  );
  for (const { id } of ids) {
    const facts = await loadGuardFacts(em, id, SYSTEM_USER, now);
    await storeScore(em, orgId, id, scoreOf(ruleset, facts));
  }
  return { rescored: ids.length, last: ids.length === page.limit ? (ids.at(-1)?.id ?? null) : null };
}

/** Seeds the shipped default rules as published version 1 for an organisation that has no ruleset. */
export async function seedDefaultScoringRules(em: Em, ctx: TenantContext): Promise<void> {
  if (await em.count(ScoringRulesetEntity, {})) return;
  const ruleset = em.create(ScoringRulesetEntity, {
    orgId: ctx.orgId,
    version: 1,
    status: 'PUBLISHED',
    body: structuredClone(DEFAULT_SCORING_RULES) as unknown as Record<string, unknown>,
    publishedAt: new Date(),
  });
  await em.flush();
  await recordAudit(em, ctx, {
    entityType: 'ScoringRuleset',
    entityId: ruleset.id,
    action: 'PUBLISH',
    after: rulesetView(ruleset),
    actorType: 'SYSTEM',
  });
}
