import type { FastifyInstance } from 'fastify';
import { ledgerEntries } from '../../../../db/coop-ledger.js';
import { CoopGroup, CoopPlan } from '../../../../db/entities/index.js';
import { problems } from '../../../problem.js';
import { closed, errorResponses } from '../../../schemas/shared.js';
import { ownMembers } from '../../../../services/coop/access.js';
import { groupView } from '../../../../services/coop/groups.js';
import { memberView } from '../../../../services/coop/members.js';
import { memberSchedule } from '../../../../services/coop/plans.js';
import { listOf, tags, uuid } from './schemas.js';

const groupParams = { type: 'object', required: ['groupId'], properties: { groupId: uuid } } as const;

/** A member's own view (COOP_MEMBER): memberships, schedule per plan, own ledger. Data of others never appears. */
export default async function coopMeRoutes(app: FastifyInstance) {
  app.get(
    '/coop/me',
    {
      config: { permission: 'COOP_MEMBER', list: { sort: ['group.name', 'member.displayName'] } },
      schema: {
        tags,
        summary: "The caller's memberships with their groups",
        response: {
          200: closed({
            type: 'object',
            properties: {
              data: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { member: { $ref: 'CoopMember#' }, group: { $ref: 'CoopGroup#' } },
                },
              },
            },
          } as const),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const data = [];
        for (const m of await ownMembers(em, request))
          data.push({
            member: memberView(m),
            group: groupView(await em.findOneOrFail(CoopGroup, { id: m.groupId })),
          });
        return { data };
      }),
  );

  const own = async (
    request: Parameters<typeof ownMembers>[1],
    groupId: string,
    em: Parameters<typeof ownMembers>[0],
  ) => {
    const m = (await ownMembers(em, request)).find((x) => x.groupId === groupId);
    if (!m) throw problems.notFound('Membership');
    return m;
  };

  app.get<{ Params: { groupId: string } }>(
    '/coop/me/groups/:groupId/schedule',
    {
      config: { permission: 'COOP_MEMBER', list: { sort: ['planName'] } },
      schema: {
        tags,
        summary:
          'My schedule (échéancier) on every plan of the group: each due line with amount, status and proof',
        params: groupParams,
        response: {
          200: closed({
            type: 'object',
            properties: {
              data: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    planId: { type: 'string' },
                    planName: { type: 'string' },
                    lines: { type: 'array', items: { $ref: 'CoopScheduleLine#' } },
                  },
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
        const m = await own(request, request.params.groupId, em);
        const data = [];
        for (const p of await em.find(CoopPlan, { groupId: m.groupId }, { orderBy: { createdAt: 'asc' } }))
          data.push({ planId: p.id, planName: p.name, lines: await memberSchedule(em, p.id, m.id) });
        return { data };
      }),
  );

  app.get<{ Params: { groupId: string } }>(
    '/coop/me/groups/:groupId/ledger',
    {
      config: { permission: 'COOP_MEMBER', list: { sort: ['seq', 'effectiveAt'], maxPageSize: 1000 } },
      schema: {
        tags,
        summary: 'My ledger entries with my running balance',
        params: groupParams,
        response: { 200: listOf('CoopLedgerEntry'), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const m = await own(request, request.params.groupId, em);
        const data = await ledgerEntries(em, m.groupId, { memberId: m.id, limit: 1000 });
        return { data, total: data.length };
      }),
  );
}
