import {
  continueAsNew,
  defineQuery,
  executeChild,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ScoringActivities } from '../activities/scoring-activities.js';

export const RESCORE_ORGANIZATION_WORKFLOW = 'rescoreOrganization';
export const NIGHTLY_RESCORE_WORKFLOW = 'nightlyRescore';

const { rescoreBatch, listScoringOrganizations } = proxyActivities<ScoringActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumInterval: '1 minute' },
});

const FIRST_ID = '00000000-0000-0000-0000-000000000000';
const BATCH_SIZE = 200;
/** Batches per run before continue-as-new: keeps the event history short for 100k+ dossiers. */
const BATCHES_PER_RUN = 100;

export interface RescoreOrganizationInput {
  orgId: string;
  reason: 'PUBLISH' | 'NIGHTLY' | 'MANUAL';
  /** Instant the scores are judged at (fixed for the whole job, also across continue-as-new). */
  now?: string;
  after?: string;
  rescored?: number;
}

export interface RescoreProgress {
  orgId: string;
  reason: RescoreOrganizationInput['reason'];
  rescored: number;
  done: boolean;
  rulesetVersion: number | null;
}

export const rescoreProgressQuery = defineQuery<RescoreProgress>('rescoreProgress');

/**
 * Rescores every open dossier of one organisation in batches of short transactions, so a publish
 * never holds a transaction over 100k dossiers and a crash resumes from the last batch.
 */
export async function rescoreOrganization(input: RescoreOrganizationInput): Promise<RescoreProgress> {
  const now = input.now ?? new Date().toISOString(); // workflow time: replay-safe
  const progress: RescoreProgress = {
    orgId: input.orgId,
    reason: input.reason,
    rescored: input.rescored ?? 0,
    done: false,
    rulesetVersion: null,
  };
  setHandler(rescoreProgressQuery, () => progress);
  let after = input.after ?? FIRST_ID;
  for (let i = 0; i < BATCHES_PER_RUN; i++) {
    const batch = await rescoreBatch({ orgId: input.orgId, after, now, limit: BATCH_SIZE });
    progress.rescored += batch.rescored;
    progress.rulesetVersion = batch.rulesetVersion;
    if (batch.last === null) {
      progress.done = true;
      return progress;
    }
    after = batch.last;
  }
  return continueAsNew<typeof rescoreOrganization>({ ...input, now, after, rescored: progress.rescored });
}

export interface NightlyRescoreResult {
  day: string;
  organizations: number;
  rescored: number;
}

/**
 * The nightly job (Temporal Schedule `nightly-rescore`): time-based rules ("no interaction for 14
 * days") change a score with no event to recompute it, so every organisation is rescored once a day,
 * each as its own child workflow (one failing tenant retries alone).
 */
export async function nightlyRescore(input: { day?: string } = {}): Promise<NightlyRescoreResult> {
  const now = new Date().toISOString();
  const day = input.day ?? now.slice(0, 10);
  const orgIds = await listScoringOrganizations();
  let rescored = 0;
  for (const orgId of orgIds) {
    const result = await executeChild(rescoreOrganization, {
      workflowId: `rescore-nightly-${day}-${orgId}`,
      taskQueue: workflowInfo().taskQueue,
      args: [{ orgId, reason: 'NIGHTLY', now }],
    });
    rescored += result.rescored;
  }
  return { day, organizations: orgIds.length, rescored };
}
