import type { FastifyReply } from 'fastify';
import { HttpProblem } from '../problem.js';

/** Seconds a refused export is told to wait: about the time a short export takes to finish. */
export const EXPORT_RETRY_AFTER_SECONDS = 5;

/**
 * Bounds how many exports run at once, per organisation and in total, so that long downloads (each
 * holding one pooled connection for its whole duration) can never take more than a fixed share of
 * the pool: the rest stays for ordinary requests and /health. Counted per API process, like the pool.
 */
export class ExportSlots {
  private readonly byOrg = new Map<string, number>();
  private running = 0;

  constructor(
    readonly perOrg: number,
    readonly total: number,
  ) {}

  /** A release function (idempotent), or which bound refused. */
  tryAcquire(orgId: string): (() => void) | 'org' | 'total' {
    const mine = this.byOrg.get(orgId) ?? 0;
    if (mine >= this.perOrg) return 'org';
    if (this.running >= this.total) return 'total';
    this.byOrg.set(orgId, mine + 1);
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const left = (this.byOrg.get(orgId) ?? 1) - 1;
      if (left > 0) this.byOrg.set(orgId, left);
      else this.byOrg.delete(orgId);
    };
  }

  get inUse(): number {
    return this.running;
  }
}

/**
 * Takes a slot for the caller's organisation or throws the problem to answer: 429 when this
 * organisation already runs its share (its own doing), 503 when the API as a whole is at its bound;
 * both with Retry-After.
 */
export function acquireExportSlot(reply: FastifyReply, orgId: string): () => void {
  const slots = reply.server.exportSlots;
  const got = slots.tryAcquire(orgId);
  if (typeof got === 'function') return got;
  void reply.header('retry-after', String(EXPORT_RETRY_AFTER_SECONDS));
  if (got === 'org')
    throw new HttpProblem(
      429,
      'export-limit',
      'Too many exports',
      `This organisation already runs ${slots.perOrg} exports at once; retry when one has finished.`,
      { code: 'EXPORT_LIMIT_PER_ORG', params: { limit: slots.perOrg } },
    );
  throw new HttpProblem(
    503,
    'export-capacity',
    'Export capacity reached',
    `The service already runs ${slots.total} exports at once; retry in a few seconds.`,
    { code: 'EXPORT_LIMIT_TOTAL', params: { limit: slots.total } },
  );
}

/** Runs a buffered export (whole document built in one transaction) inside an export slot. */
export async function withExportSlot<T>(reply: FastifyReply, orgId: string, fn: () => Promise<T>) {
  const release = acquireExportSlot(reply, orgId);
  try {
    return await fn();
  } finally {
    release();
  }
}
