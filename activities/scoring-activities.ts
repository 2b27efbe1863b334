import { activeOrganizationIds } from '../db/activities.js';
import { systemEm, withTenant, type Orm } from '../db/orm.js';
import { latestPublishedRuleset, rescoreOpenDossierBatch } from '../db/scoring.js';

export interface RescoreBatchRequest {
  orgId: string;
  /** Open dossiers with an id above this one (keyset paging; the job resumes from the last id). */
  after: string;
  /** Workflow time of the job: time-based rules ("no contact for 14 days") are judged at this instant. */
  now: string;
  limit: number;
}

export interface RescoreBatchResult {
  rescored: number;
  /** Last id of the batch; null when the organisation has no more open dossiers. */
  last: string | null;
  rulesetVersion: number | null;
}

/** Nothing here is a business refusal: a failure (database down…) is worth retrying. */
export const SCORING_NON_RETRYABLE: string[] = [];

/** I/O of the rescoring jobs: one short transaction per batch, safe to replay (scores are recomputed). */
export function createScoringActivities({ orm }: { orm: Orm }) {
  return {
    async listScoringOrganizations(): Promise<string[]> {
      return activeOrganizationIds(systemEm(orm));
    },

    async rescoreBatch(req: RescoreBatchRequest): Promise<RescoreBatchResult> {
      return withTenant(orm, { orgId: req.orgId }, async (em) => {
        const ruleset = await latestPublishedRuleset(em, req.orgId);
        if (!ruleset) return { rescored: 0, last: null, rulesetVersion: null };
        const batch = await rescoreOpenDossierBatch(em, req.orgId, ruleset.body, new Date(req.now), {
          after: req.after,
          limit: req.limit,
        });
        return { ...batch, rulesetVersion: ruleset.version };
      });
    },
  };
}

export type ScoringActivities = ReturnType<typeof createScoringActivities>;
