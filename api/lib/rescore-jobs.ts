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

/** One job per published version: starting it twice (publish retried, manual restart) is one job. */
export function rescoreWorkflowId(orgId: string, version: number): string {
  return `rescore-${orgId}-v${version}`;
}

export async function startRescore(
  client: Client,
  taskQueue: string,
  workflowId: string,
  input: RescoreOrganizationInput,
): Promise<void> {
  try {
    await client.workflow.start(rescoreOrganization, {
      taskQueue,
      workflowId,
      args: [input],
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
