import { finishImportJob, pendingImportRows, type ImportStatus } from '../db/imports.js';
import { withTenant, type Orm } from '../db/orm.js';
import { applyContactImportBatch } from '../services/crm/contact-import.js';

export interface ImportBatchRequest {
  orgId: string;
  userId: string;
  jobId: string;
  /** Rows `[from, to)` of the job, 0-based. */
  from: number;
  to: number;
}

/** I/O of the import workflow: thin over the crm import service; each call is one transaction. */
export function createImportActivities({ orm }: { orm: Orm }) {
  return {
    async importContactBatch(req: ImportBatchRequest): Promise<number> {
      const ctx = { orgId: req.orgId, userId: req.userId };
      return withTenant(orm, ctx, async (em) => {
        const pending = await pendingImportRows(em, req.jobId, req.from, req.to);
        const first = pending[0];
        if (!first) return 0;
        await applyContactImportBatch(
          em,
          ctx,
          req.jobId,
          pending.map((p) => p.row),
          first.on_duplicate,
        );
        return pending.length;
      });
    },

    async finishImport(req: { orgId: string; jobId: string; status: ImportStatus }): Promise<void> {
      await withTenant(orm, { orgId: req.orgId }, (em) => finishImportJob(em, req.jobId, req.status));
    },
  };
}

export type ImportActivities = ReturnType<typeof createImportActivities>;
