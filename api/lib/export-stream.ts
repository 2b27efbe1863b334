import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import { PassThrough, type Writable } from 'node:stream';
import { once } from 'node:events';
import { withTenant, type Orm, type TenantContext } from '../../db/orm.js';
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

async function write(out: Writable, chunk: unknown): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/**
 * Streams a query's rows as CSV (`;`, UTF-8 with BOM, RFC 4180 quoting — what Excel opens with
 * accents intact) or as a JSON array, from a server-side cursor inside one tenant-scoped
 * transaction: no row cap, memory flat whatever the size.
 */
export function streamExport(
  reply: FastifyReply,
  opts: {
    orm: Orm;
    ctx: TenantContext;
    sql: string;
    bindings: readonly unknown[];
    columns: ExportColumn[];
    format: 'csv' | 'json';
    filename: string;
    onDone?: (rows: number) => Promise<void>;
  },
) {
  const body = new PassThrough();
  const csv = opts.format === 'csv' ? stringify(csvOptions(opts.columns.map((c) => c.header))) : undefined;
  if (csv) csv.pipe(body);
  const sink: Writable = csv ?? body;
  let rows = 0;
  void withTenant(opts.orm, opts.ctx, async (em) => {
    await em.execute(`declare export_cursor no scroll cursor for ${opts.sql}`, [...opts.bindings]);
    if (!csv) await write(sink, '[');
    for (;;) {
      const batch = await em.execute<Record<string, unknown>[]>(`fetch ${BATCH} from export_cursor`);
      for (const row of batch) {
        if (csv)
          await write(
            sink,
            opts.columns.map((c) => cell(row[c.key])),
          );
        else
          await write(
            sink,
            `${rows ? ',' : ''}${JSON.stringify(Object.fromEntries(opts.columns.map((c) => [c.header, row[c.key] ?? null])))}`,
          );
        rows++;
      }
      if (batch.length < BATCH) break;
    }
    await em.execute('close export_cursor');
    if (!csv) await write(sink, ']');
    await opts.onDone?.(rows);
  }).then(
    () => sink.end(),
    (err: unknown) => {
      reply.log.error({ err }, 'export failed');
      body.destroy(err as Error);
    },
  );
  const type = opts.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${opts.filename}.${opts.format}"`)
    .send(body);
}
