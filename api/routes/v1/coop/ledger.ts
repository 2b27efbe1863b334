import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../../../db/audit.js';
import {
  appendLedgerEntry,
  ledgerEntries,
  ledgerTotals,
  verifyLedger,
  type LedgerRow,
} from '../../../../db/coop-ledger.js';
import { addCoopEvent } from '../../../../db/coop-timeline.js';
import { CoopLedgerEntry, CoopMember } from '../../../../db/entities/index.js';
import type { Em } from '../../../../db/orm.js';
import { formatCents } from '../../../../definitions/coop/money.js';
import { withExportSlot } from '../../../lib/export-slots.js';
import { csvOptions } from '../../../lib/csv.js';
import { idempotencyKeyOf } from '../../../lib/idempotency.js';
import { closed, errorResponses } from '../../../schemas/shared.js';
import {
  actorOf,
  COOP_READERS,
  readableGroup,
  readableMember,
  requireGroup,
} from '../../../../services/coop/access.js';
import { cents, cursorListOf, positiveCents, tags, uuid } from './schemas.js';

const idParams = { $ref: 'IdParams#' };
const totals = {
  type: 'object',
  properties: {
    called: cents,
    paid: cents,
    waived: cents,
    penalties: cents,
    balance: cents,
    late: cents,
    lateLines: { type: 'integer' },
  },
} as const;

/** The transparency view (F-10.5): members by FIFO rank with called / paid / waived / late, and group totals. */
export async function transparency(em: Em, groupId: string) {
  const members = await em.find(CoopMember, { groupId }, { orderBy: { fifoRank: 'asc' } });
  const sums = await ledgerTotals(em, groupId);
  const late = new Map(
    (
      await em.execute<{ member_id: string; n: string; owed: string }[]>(
        `select member_id, count(*)::text as n, sum(amount_due + penalty_total - waived_amount)::text as owed
           from coop_contribution where group_id = ? and status = 'LATE' group by member_id`,
        [groupId],
      )
    ).map((r) => [r.member_id, { lateLines: Number(r.n), late: Number(r.owed) }]),
  );
  const zero = { called: 0, paid: 0, waived: 0, penalties: 0, balance: 0 };
  const rows = members.map((m) => {
    const { memberId: _, ...t } = sums.get(m.id) ?? { memberId: m.id, ...zero };
    return {
      memberId: m.id,
      fifoRank: m.fifoRank,
      displayName: m.displayName,
      status: m.status,
      ...t,
      ...(late.get(m.id) ?? { late: 0, lateLines: 0 }),
    };
  });
  const add = (k: 'called' | 'paid' | 'waived' | 'penalties' | 'balance' | 'late' | 'lateLines') =>
    rows.reduce((s, r) => s + r[k], 0);
  return {
    members: rows,
    totals: {
      called: add('called'),
      paid: add('paid'),
      waived: add('waived'),
      penalties: add('penalties'),
      balance: add('balance'),
      late: add('late'),
      lateLines: add('lateLines'),
    },
  };
}

const EXPORT_COLUMNS: (keyof LedgerRow)[] = [
  'seq',
  'effectiveAt',
  'createdAt',
  'memberId',
  'kind',
  'amount',
  'balanceAfter',
  'contributionId',
  'reference',
  'description',
  'actorId',
  'prevHash',
  'hash',
];

/** The ledger (F-10.5): append-only entries, chain verification, export, transparency, refunds. */
export default async function coopLedgerRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string }; Querystring: { memberId?: string; cursor?: string; pageSize?: number } }>(
    '/coop/groups/:id/ledger',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: 'Ledger entries in order (seq), optionally for one member; cursor-paginated',
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            memberId: uuid,
            cursor: {
              type: 'string',
              pattern: '^[0-9]{1,18}$',
              description: 'Opaque; the `nextCursor` of the previous page',
            },
            pageSize: { type: 'integer', minimum: 1, maximum: 1000, default: 500 },
          },
        },
        response: { 200: cursorListOf('CoopLedgerEntry'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const g = await requireGroup(em, request.params.id);
        const { memberId, cursor, pageSize = 500 } = request.query;
        const rows = await ledgerEntries(em, g.id, {
          ...(memberId ? { memberId } : {}),
          afterSeq: cursor ? Number(cursor) : 0,
          limit: pageSize + 1,
        });
        const data = rows.slice(0, pageSize);
        const total = await em.count(CoopLedgerEntry, { groupId: g.id, ...(memberId ? { memberId } : {}) });
        return { data, total, nextCursor: rows.length > pageSize ? String(data.at(-1)!.seq) : null };
      }),
  );

  app.get<{ Params: { id: string } }>(
    '/coop/groups/:id/ledger/verify',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: "Recomputes the group's hash chain and every running balance",
        params: idParams,
        response: {
          200: closed({
            type: 'object',
            properties: {
              valid: { type: 'boolean' },
              count: { type: 'integer' },
              breaks: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { seq: { type: 'integer' }, problem: { type: 'string' } },
                },
              },
            },
          } as const),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const g = await requireGroup(em, request.params.id);
        const r = await verifyLedger(em, g.id);
        return { valid: r.breaks.length === 0, ...r };
      }),
  );

  app.get<{ Params: { id: string }; Querystring: { format?: 'csv' | 'json' } }>(
    '/coop/groups/:id/ledger/export',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: 'The whole ledger as CSV (; UTF-8 BOM, amounts in cents) or JSON; audited',
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { format: { type: 'string', enum: ['csv', 'json'], default: 'csv' } },
        },
        produces: ['text/csv', 'application/json'],
        response: { ...errorResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      // Built whole in one transaction, then sent: it holds a connection only while it reads, but
      // counts against the export bound like the streamed exports.
      const rows = await withExportSlot(reply, request.tenant().orgId, () =>
        request.tx(async (em) => {
          const g = await requireGroup(em, request.params.id);
          const all: LedgerRow[] = [];
          for (
            let page = await ledgerEntries(em, g.id, { limit: 1000 });
            page.length;
            page = await ledgerEntries(em, g.id, { afterSeq: all.at(-1)!.seq, limit: 1000 })
          )
            all.push(...page);
          await recordAudit(em, actorOf(request), {
            entityType: 'CoopGroup',
            entityId: g.id,
            action: 'EXPORT',
            after: { export: 'ledger', format: request.query.format ?? 'csv', rows: all.length },
          });
          return all;
        }),
      );
      const name = `ledger-${request.params.id}-${new Date().toISOString().slice(0, 10)}`;
      if (request.query.format === 'json')
        return reply
          .header('content-disposition', `attachment; filename="${name}.json"`)
          .type('application/json')
          .send(JSON.stringify(rows.map((r) => Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, r[c]])))));
      const csv = stringify(
        rows.map((r) => EXPORT_COLUMNS.map((c) => r[c] ?? '')),
        csvOptions(EXPORT_COLUMNS as string[]),
      );
      return reply
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(csv);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/coop/groups/:id/transparency',
    {
      config: { permission: [...COOP_READERS] },
      schema: {
        tags,
        summary:
          'Transparency view: every member by FIFO rank with called / paid / waived / penalties / balance / late, and group totals',
        params: idParams,
        response: {
          200: closed({
            type: 'object',
            properties: {
              members: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    memberId: { type: 'string' },
                    fifoRank: { type: 'integer' },
                    displayName: { type: 'string' },
                    status: { type: 'string' },
                    ...totals.properties,
                  },
                },
              },
              totals,
            },
          } as const),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => transparency(em, (await readableGroup(em, request, request.params.id)).id)),
  );

  app.post<{ Params: { id: string }; Body: { amount: number; reason: string } }>(
    '/coop/members/:id/refunds',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary:
          'Record money paid back to a member (REFUND ledger entry); Idempotency-Key makes a retry the same entry',
        params: idParams,
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 200 } } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['amount', 'reason'],
          properties: { amount: positiveCents, reason: { type: 'string', minLength: 1, maxLength: 2000 } },
        },
        response: { 201: { $ref: 'CoopLedgerEntry#' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request) ?? randomUUID();
      const entry = await request.tx(async (em) => {
        const m = await readableMember(em, request, request.params.id);
        const ctx = actorOf(request);
        const e = await appendLedgerEntry(em, {
          orgId: ctx.orgId,
          groupId: m.groupId,
          memberId: m.id,
          kind: 'REFUND',
          magnitude: request.body.amount,
          reference: `refund:${m.id}:${key}`,
          description: request.body.reason,
          effectiveAt: new Date(),
          actorId: ctx.userId,
        });
        await addCoopEvent(em, {
          orgId: ctx.orgId,
          groupId: m.groupId,
          memberId: m.id,
          kind: 'REFUND',
          title: `${m.displayName}: refund of ${formatCents(request.body.amount)} — ${request.body.reason}`,
          actorId: ctx.userId,
          sourceKey: `refund:${e.id}`,
        });
        await recordAudit(em, ctx, {
          entityType: 'CoopLedgerEntry',
          entityId: e.id,
          action: 'REFUND',
          after: { ...e },
        });
        return e;
      });
      return reply.code(201).send(entry);
    },
  );
}
