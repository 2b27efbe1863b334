import { sealAuditBatch } from '../../db/audit.js';
import type { Orm } from '../../db/orm.js';

export interface AuditSealer {
  /** Stops the loop and waits for a batch in flight. */
  stop(): Promise<void>;
}

export interface AuditSealerOptions {
  intervalMs?: number;
  /** Rows per sealing transaction; a full batch is followed by the next at once. */
  batchSize?: number;
  onError: (err: unknown) => void;
}

/**
 * Seals committed audit rows every `intervalMs` (issue 20): writers only hash their row's content, this
 * loop gives rows their chain position after commit. Every API process runs one; the database lets
 * one seal at a time (the others' turn answers -1 and they wait for the next tick).
 */
export function startAuditSealer(orm: Orm, options: AuditSealerOptions): AuditSealer {
  const intervalMs = options.intervalMs ?? 250;
  const batchSize = options.batchSize ?? 5000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  const sealAll = async () => {
    try {
      let sealed = batchSize;
      while (!stopped && sealed === batchSize) sealed = await sealAuditBatch(orm.em.fork(), batchSize);
    } catch (err) {
      options.onError(err);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = sealAll().then(schedule, options.onError);
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
