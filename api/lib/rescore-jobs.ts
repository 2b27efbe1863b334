import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  type Client,
} from '@temporalio/client';
import {
  rescoreOrganization,
  rescoreProgressQuery,
  type RescoreOrganizationInput,
  type RescoreProgress,
} from '../../workflows/scoring-rescore.js';

export interface RescoreJob {
  workflowId: string;
  status: 'RUNNING' | 'COMPLETED' | 'FAILED' | 'NOT_STARTED';
  rescored: number | null;
  rulesetVersion: number | null;
}

/**
 * One job per published version: starting it twice (publish retried, manual restart) is one job.
 * Readable in the Temporal UI: `rescore-<org slug>-v<version>` (the slug never changes).
 */
export function rescoreWorkflowId(orgSlug: string, version: number): string {
  return `rescore-${orgSlug}-v${version}`;
}

/** The id jobs started before readable ids carry (kept by databases that ran them). */
export function legacyRescoreWorkflowId(orgId: string, version: number): string {
  return `rescore-${orgId}-v${version}`;
}

export interface RescoreOrg {
  orgId: string;
  orgSlug: string;
}

/** The version's job: under its readable id, or under the legacy id when only that one ever ran. */
export async function rescoreJobOf(client: Client, org: RescoreOrg, version: number): Promise<RescoreJob> {
  const job = await rescoreJobStatus(client, rescoreWorkflowId(org.orgSlug, version));
  if (job.status !== 'NOT_STARTED') return job;
  const legacy = await rescoreJobStatus(client, legacyRescoreWorkflowId(org.orgId, version));
  return legacy.status === 'NOT_STARTED' ? job : legacy;
}

export async function startRescore(
  client: Client,
  taskQueue: string,
  workflowId: string,
  input: RescoreOrganizationInput & { orgSlug: string },
): Promise<void> {
  const { orgSlug, ...args } = input;
  try {
    await client.workflow.start(rescoreOrganization, {
      taskQueue,
      workflowId,
      args: [args],
      searchAttributes: { OrgId: [args.orgId], OrgSlug: [orgSlug], CaseType: ['RESCORE'] },
      // A finished job stays finished; only a failed one may run again.
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** Where the job stands: the running job's live progress, or the finished job's result. */
export async function rescoreJobStatus(client: Client, workflowId: string): Promise<RescoreJob> {
  const handle = client.workflow.getHandle<typeof rescoreOrganization>(workflowId);
  const empty = { workflowId, rescored: null, rulesetVersion: null };
  try {
    const description = await handle.describe();
    const status = description.status.name;
    if (status === 'RUNNING') {
      const progress: RescoreProgress = await handle.query(rescoreProgressQuery);
      return {
        workflowId,
        status: 'RUNNING',
        rescored: progress.rescored,
        rulesetVersion: progress.rulesetVersion,
      };
    }
    if (status === 'COMPLETED') {
      const result = await handle.result();
      return {
        workflowId,
        status: 'COMPLETED',
        rescored: result.rescored,
        rulesetVersion: result.rulesetVersion,
      };
    }
    // CONTINUED_AS_NEW is followed by handle.result(); anything else ended without finishing.
    if (status === 'CONTINUED_AS_NEW') return { ...empty, status: 'RUNNING' };
    return { ...empty, status: 'FAILED' };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { ...empty, status: 'NOT_STARTED' };
    throw err;
  }
}
