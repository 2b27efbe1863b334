import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import { PassThrough, type Writable } from 'node:stream';
import { withTenant, type Orm, type TenantContext } from '../../db/orm.js';
import { acquireExportSlot } from './export-slots.js';
import { csvOptions } from './csv.js';

export interface ExportColumn {
  header: string;
  /** Column of the SELECT's rows. */
  key: string;
}

const BATCH = 2000;

function cell(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(',');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

/** Why a stream stopped early: the client went away, or accepted nothing for the write timeout. */
export class ExportAborted extends Error {
  override name = 'ExportAborted';
  constructor(readonly reason: 'client-closed' | 'write-timeout') {
    super(`export aborted: ${reason}`);
  }
}

/**
 * Writes one chunk, waiting for `drain` when the client is slower than the cursor — but never for
 * ever: a closed connection or `timeoutMs` without progress rejects, so the transaction rolls back
 * and its pooled connection is released (an unread download once held it until restart).
 */
async function write(out: Writable, chunk: unknown, closed: AbortSignal, timeoutMs: number): Promise<void> {
  closed.throwIfAborted();
  if (out.write(chunk)) return;
  // Hand-rolled rather than events.once + AbortSignal.any: on Node 20 a composed signal can be
  // collected before its timeout fires, and the wait would be endless again.
  await new Promise<void>((resolve, reject) => {
    const settle = (err?: unknown) => {
      clearTimeout(timer);
      out.off('drain', onDrain);
      out.off('error', settle);
      closed.removeEventListener('abort', onAbort);
      if (err) reject(err as Error);
      else resolve();
    };
    const onDrain = () => settle();
    const onAbort = () => settle(closed.reason);
    const timer = setTimeout(() => settle(new ExportAborted('write-timeout')), timeoutMs);
    out.once('drain', onDrain);
    out.once('error', settle);
    closed.addEventListener('abort', onAbort, { once: true });
  });
}

export interface ExportOptions {
  orm: Orm;
  ctx: TenantContext;
  sql: string;
  bindings: readonly unknown[];
  columns: ExportColumn[];
  format: 'csv' | 'json';
  filename: string;
  /**
   * Audits the export: for a complete one before the last byte leaves (no unaudited export), for
   * one cut short (client gone, write timeout) afterwards, with the rows sent so far.
   */
  onDone?: (rows: number, complete: boolean) => Promise<void>;
}

/**
 * Streams a query's rows as CSV (`;`, UTF-8 with BOM, RFC 4180 quoting — what Excel opens with
 * accents intact) or as a JSON array, from a server-side cursor inside one tenant-scoped
 * transaction: no row cap, memory flat whatever the size. Each export takes an export slot (a
 * bounded share of the pool) for its whole duration; its transaction gets the export path's
 * statement and idle-in-transaction timeouts.
 */
export function streamExport(reply: FastifyReply, opts: ExportOptions) {
  const env = reply.server.env;
  const release = acquireExportSlot(reply, opts.ctx.orgId);
  const res = reply.raw;
  const clientGone = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) clientGone.abort(new ExportAborted('client-closed'));
  };
  res.once('close', onClose);
  const body = new PassThrough();
  const csv = opts.format === 'csv' ? stringify(csvOptions(opts.columns.map((c) => c.header))) : undefined;
  if (csv) csv.pipe(body);
  const sink: Writable = csv ?? body;
  const put = (chunk: unknown) => write(sink, chunk, clientGone.signal, env.EXPORT_WRITE_TIMEOUT_MS);
  let rows = 0;
  const streamed = async () =>
    withTenant(opts.orm, opts.ctx, async (em) => {
      // The transaction idles while a batch drains to the client: longer than an ordinary request's,
      // yet bounded by the database itself should this process fail to end it.
      await em.execute(
        `select set_config('statement_timeout', ?, true), set_config('idle_in_transaction_session_timeout', ?, true)`,
        [String(env.EXPORT_STATEMENT_TIMEOUT_MS), String(env.EXPORT_IDLE_IN_TRANSACTION_TIMEOUT_MS)],
      );
      await em.execute(`declare export_cursor no scroll cursor for ${opts.sql}`, [...opts.bindings]);
      if (!csv) await put('[');
      for (;;) {
        const batch = await em.execute<Record<string, unknown>[]>(`fetch ${BATCH} from export_cursor`);
        for (const row of batch) {
          if (csv) await put(opts.columns.map((c) => cell(row[c.key])));
          else
            await put(
              `${rows ? ',' : ''}${JSON.stringify(Object.fromEntries(opts.columns.map((c) => [c.header, row[c.key] ?? null])))}`,
            );
          rows++;
        }
        if (batch.length < BATCH) break;
      }
      await em.execute('close export_cursor');
      if (!csv) await put(']');
    });
  void streamed()
    .then(async () => {
      await opts.onDone?.(rows, true);
      sink.end();
    })
    .catch(async (err: unknown) => {
      if (err instanceof ExportAborted) reply.log.warn({ rows, reason: err.reason }, 'export aborted');
      else reply.log.error({ err }, 'export failed');
      csv?.destroy();
      body.destroy(err as Error);
      if (err instanceof ExportAborted) await opts.onDone?.(rows, false);
    })
    .catch((err: unknown) => reply.log.error({ err }, 'export audit failed'))
    .finally(() => {
      res.off('close', onClose);
      release();
    });
  const type = opts.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${opts.filename}.${opts.format}"`)
    .send(body);
}
