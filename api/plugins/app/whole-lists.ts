import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { pageQueryProperties, parseSort, sortQuery, type PageQuery } from '../../lib/list.js';

/** `config.list` of a route whose handler reads a small, bounded collection whole. */
export interface WholeListConfig {
  /** Fields `sort` accepts (`-` prefix: descending); without `sort` the handler's order stays. */
  sort: readonly string[];
  /** Bound of `pageSize`, also its default (a client that asks nothing still gets the collection). */
  maxPageSize?: number;
}

interface Schema {
  type?: string;
  additionalProperties?: boolean;
  required?: string[];
  properties?: Record<string, unknown>;
}

const collator = new Intl.Collator('fr', { numeric: true });

/** A row's value at a dotted field (`group.name`); `value` is the row itself in a list of scalars. */
function at(row: unknown, field: string): unknown {
  if (field === 'value' && (row === null || typeof row !== 'object')) return row;
  return field.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], row);
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

/** Sorts (stable) and pages a collection read whole: the `{ data, total }` of one page. */
export function pageWhole<T>(rows: readonly T[], query: PageQuery, allowed: readonly string[]) {
  const orderBy = Object.entries(parseSort(query.sort, allowed, {}));
  const sorted = orderBy.length
    ? [...rows].sort((x, y) => {
        for (const [field, dir] of orderBy) {
          const c = compare(at(x, field), at(y, field));
          if (c) return dir === 'desc' ? -c : c;
        }
        return 0;
      })
    : [...rows];
  const pageSize = query.pageSize ?? sorted.length;
  const offset = ((query.page ?? 1) - 1) * pageSize;
  return { data: sorted.slice(offset, offset + pageSize), total: sorted.length };
}

/**
 * One list shape everywhere (README "One shape for every answer"), for the lists a handler reads
 * whole (a dossier's parties, a group's plans…): a route with `config.list` takes `page`, a bounded
 * `pageSize` and `sort` like the database-paged lists, and answers `{ data, total }` — the handler
 * returns `{ data }` with every row, this plugin sorts and cuts the page before serialisation.
 */
export default fp(async function wholeLists(app: FastifyInstance) {
  app.addHook('onRoute', (route: RouteOptions) => {
    const list = route.config?.list;
    if (!list) return;
    const max = list.maxPageSize ?? 200;
    const schema = (route.schema ??= {}) as Record<string, Schema | undefined>;
    // A route that declared no query string keeps accepting others (`?v=<version>` cache keys of the UI).
    const query = (schema.querystring ??= { type: 'object', properties: {} });
    query.properties = {
      ...query.properties,
      page: pageQueryProperties.page,
      pageSize: { ...pageQueryProperties.pageSize, maximum: max, default: max },
      sort: sortQuery(list.sort),
    };
    const responses = (schema.response ?? {}) as Record<string, Schema>;
    const ok = responses[200];
    if (!ok?.properties?.data) throw new Error(`${route.url}: config.list needs a 200 { data } schema`);
    ok.properties.total = { type: 'integer', description: 'Rows in the whole list' };
    ok.required = [...new Set([...(ok.required ?? []), 'data', 'total'])];
    const cut = async (request: FastifyRequest, _reply: unknown, payload: unknown) => {
      const body = payload as { data?: unknown[] } | null;
      if (!body || !Array.isArray(body.data)) return payload;
      return { ...body, ...pageWhole(body.data, request.query as PageQuery, list.sort) };
    };
    const existing = route.preSerialization;
    route.preSerialization = existing ? [...[existing].flat(), cut] : [cut];
  });
});
