import { proxyActivities } from '@temporalio/workflow';
import type { ImportActivities } from '../activities/import-activities.js';

/** One import job: its id in Temporal is `import-<jobId>`, so a job runs once. */
export function importWorkflowId(jobId: string): string {
  return `import-${jobId}`;
}

/** The contract of an import run: the job (its rows are in the database) and who runs it. */
export interface ContactImportInput {
  orgId: string;
  userId: string;
  jobId: string;
  total: number;
}

export interface ContactImportResult {
  processed: number;
}

/** Rows per activity: one transaction each, short enough to retry, few enough for a small history. */
export const IMPORT_BATCH_SIZE = 250;

const { importContactBatch, finishImport } = proxyActivities<ImportActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/**
 * The durable CSV import (issue 19 item 5): batch after batch, each recorded line by line, so a
 * worker or database restart resumes where it stopped and a retried batch redoes nothing.
 */
export async function contactImport(input: ContactImportInput): Promise<ContactImportResult> {
  let processed = 0;
  try {
    for (let from = 0; from < input.total; from += IMPORT_BATCH_SIZE) {
      processed += await importContactBatch({
        orgId: input.orgId,
        userId: input.userId,
        jobId: input.jobId,
        from,
        to: Math.min(from + IMPORT_BATCH_SIZE, input.total),
      });
    }
  } catch (err) {
    await finishImport({ orgId: input.orgId, jobId: input.jobId, status: 'FAILED' });
    throw err;
  }
  await finishImport({ orgId: input.orgId, jobId: input.jobId, status: 'DONE' });
  return { processed };
}
