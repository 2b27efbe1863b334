import {
  NativeConnection,
  Runtime,
  Worker,
  bundleWorkflowCode,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createActivities, NON_RETRYABLE_ERRORS, type ActivityDeps } from '../activities/index.js';

export const WORKFLOWS_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../workflows/index.ts',
);

let cachedBundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles the workflow code once per process (tests start several workers). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  cachedBundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: Runtime.instance().logger });
  return cachedBundle;
}

export { NON_RETRYABLE_ERRORS };

export async function createWorker(opts: {
  address: string;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** The sticky cache's bound (running workflows kept in memory between tasks). */
  maxCachedWorkflows?: number;
  /** A file of bundled workflow code made earlier (npm start makes one for every API/worker restart). */
  workflowBundlePath?: string | undefined;
}): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: opts.address });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowBundle: opts.workflowBundlePath ? { codePath: opts.workflowBundlePath } : await workflowBundle(),
    activities: createActivities(opts.deps),
    maxConcurrentActivityTaskExecutions: 100,
    maxConcurrentWorkflowTaskExecutions: 100,
    ...(opts.maxCachedWorkflows ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
    workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: 8 },
    activityTaskPollerBehavior: { type: 'simple-maximum', maximum: 8 },
  });
  return { worker, connection };
}
