import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';

const { pingDatabase } = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds' });

/** Proves end to end that a worker polls the task queue and reaches the database (health, tests). */
export async function workerProbe(): Promise<string> {
  return pingDatabase();
}
