import type { FastifyInstance } from 'fastify';
import { CoopMember, type CoopMemberStatus } from '../../../../db/entities/index.js';
import { COOP_MEMBER_STATUSES } from '../../../../db/entities/coop-group.js';
import { requireTemporal } from '../../../lib/dossier-workflows.js';
import { parseSort, sortQuery } from '../../../lib/list.js';
import { errorResponses } from '../../../schemas/shared.js';
import {
  actorOf,
  COOP_READERS,
  isCoopAdmin,
  readableMember,
  requireGroup,
} from '../../../../services/coop/access.js';
import { signalMemberStatus, startCycle } from '../../../services/coop/cycles.js';
import {
  changeMemberStatus,
  createMember,
  memberView,
  reorderMember,
  updateKycItem,
  updateMember,
  type MemberInput,
} from '../../../../services/coop/members.js';
import { problems } from '../../../problem.js';
import { listOf, tags, uuid, versionProp } from './schemas.js';

const idParams = { $ref: 'IdParams#' };
const memberFields = {
  displayName: { type: 'string', minLength: 1, maxLength: 200 },
  email: { type: ['string', 'null'], format: 'email', maxLength: 254 },
  phone: { type: ['string', 'null'], maxLength: 32 },
  userId: {
    type: ['string', 'null'],
    format: 'uuid',
    description: 'app user (role with COOP_MEMBER) signing in as this member',
  },
} as const;
const one = { 200: { $ref: 'CoopMember#' }, ...errorResponses(400, 401, 403, 404, 409, 422) };

/** Members (F-10.2): FIFO rank, status with reasons, audited reordering, KYC-light checklist. */
const MEMBER_SORT = ['fifoRank', 'displayName', 'status', 'createdAt'] as const;

export default async function coopMemberRoutes(app: FastifyInstance) {
  app.get<{
    Params: { id: string };
    Querystring: { status?: CoopMemberStatus; q?: string; page: number; pageSize: number; sort?: string };
  }>(
    '/coop/groups/:id/members',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: 'Members in FIFO rank order (members see the transparency view instead)',
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: [...COOP_MEMBER_STATUSES] },
            q: {
              type: 'string',
              minLength: 1,
              maxLength: 100,
              description: 'Name contains (accents and case ignored)',
            },
            page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
            // A group's whole rank list fits one page by default (groups are tens to hundreds of families).
            pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 200 },
            sort: sortQuery(MEMBER_SORT),
          },
        },
        response: { 200: listOf('CoopMember'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const g = await requireGroup(em, request.params.id);
        const { status, q, page, pageSize, sort } = request.query;
        const qb = em
          .createQueryBuilder(CoopMember, 'm')
          .where({ groupId: g.id, ...(status ? { status } : {}) });
        if (q)
          qb.andWhere(`atlas_fold(m.display_name) like '%' || atlas_fold(?) || '%' escape '\\'`, [
            q.replace(/[\\%_]/g, (c) => `\\${c}`),
          ]);
        const [rows, total] = await qb
          .orderBy({ ...parseSort(sort, MEMBER_SORT, { fifoRank: 'asc' }), id: 'asc' })
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .getResultAndCount();
        return { data: rows.map(memberView), total };
      }),
  );

  app.post<{ Params: { id: string }; Body: MemberInput }>(
    '/coop/groups/:id/members',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary:
          'Add a member (PENDING_KYC; rank: next free unless given; a CRM contact is linked or created from the email)',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['displayName'],
          properties: {
            ...memberFields,
            contactId: { type: ['string', 'null'], format: 'uuid' },
            fifoRank: { type: 'integer', minimum: 1, maximum: 100000 },
          },
        },
        response: { 201: { $ref: 'CoopMember#' }, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const m = await request.tx(async (em) =>
        memberView(
          await createMember(em, actorOf(request), await requireGroup(em, request.params.id), request.body),
        ),
      );
      return reply.code(201).send(m);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/coop/members/:id',
    {
      config: { permission: [...COOP_READERS] },
      schema: { tags, summary: 'One member (a member: only themselves)', params: idParams, response: one },
    },
    async (request) =>
      request.tx(async (em) => memberView(await readableMember(em, request, request.params.id))),
  );

  app.patch<{
    Params: { id: string };
    Body: {
      version: number;
      displayName?: string;
      email?: string | null;
      phone?: string | null;
      userId?: string | null;
      lotPreferences?: Record<string, string[]>;
    };
  }>(
    '/coop/members/:id',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: 'Edit contact details, linked user, lot preferences (ordered lot ids per project id)',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['version'],
          properties: {
            ...memberFields,
            version: versionProp,
            lotPreferences: {
              type: 'object',
              propertyNames: { format: 'uuid' },
              additionalProperties: { type: 'array', maxItems: 50, items: uuid },
            },
          },
        },
        response: one,
      },
    },
    async (request) =>
      request.tx(async (em) =>
        memberView(
          await updateMember(
            em,
            actorOf(request),
            await readableMember(em, request, request.params.id),
            request.body,
          ),
        ),
      ),
  );

  app.post<{
    Params: { id: string };
    Body: { version: number; status: CoopMemberStatus; reason?: string | null };
  }>(
    '/coop/members/:id/status',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary:
          'PENDING_KYC → ACTIVE (KYC complete; starts the contribution cycles) → SUSPENDED (no new calls) | EXITED | EXCLUDED (cycles end); a reason is required except for ACTIVE',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['version', 'status'],
          properties: {
            version: versionProp,
            status: { type: 'string', enum: [...COOP_MEMBER_STATUSES] },
            reason: { type: ['string', 'null'], maxLength: 2000 },
          },
        },
        response: one,
      },
    },
    async (request) => {
      const temporal = requireTemporal(app.temporal);
      const { view, planIds, from } = await request.tx(async (em) => {
        const r = await changeMemberStatus(
          em,
          actorOf(request),
          await readableMember(em, request, request.params.id),
          request.body,
        );
        return { view: memberView(r.member), planIds: r.planIds, from: r.from };
      });
      // After the commit: the cycles read the new status from the database.
      if (view.status === 'ACTIVE' && from === 'PENDING_KYC') {
        for (const planId of planIds)
          await startCycle(temporal, app.env.TEMPORAL_TASK_QUEUE, {
            orgId: request.tenant().orgId,
            orgSlug: request.principal!.orgSlug,
            groupId: view.groupId,
            planId,
            memberId: view.id,
          });
      } else
        await signalMemberStatus(
          temporal,
          { orgSlug: request.principal!.orgSlug, groupId: view.groupId, memberId: view.id },
          planIds,
          view.status,
        );
      return view;
    },
  );

  app.post<{ Params: { id: string }; Body: { version: number; fifoRank: number; reason: string } }>(
    '/coop/members/:id/rank',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: 'Move a member to another FIFO rank (members between shift by one); audited with the reason',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['version', 'fifoRank', 'reason'],
          properties: {
            version: versionProp,
            fifoRank: { type: 'integer', minimum: 1 },
            reason: { type: 'string', minLength: 1, maxLength: 2000 },
          },
        },
        response: one,
      },
    },
    async (request) =>
      request.tx(async (em) =>
        memberView(
          (
            await reorderMember(
              em,
              actorOf(request),
              await readableMember(em, request, request.params.id),
              request.body,
            )
          ).member,
        ),
      ),
  );

  app.put<{
    Params: { id: string; code: string };
    Body: { documentId?: string; decision?: 'VALIDATED' | 'REFUSED'; comment?: string | null };
  }>(
    '/coop/members/:id/kyc/:code',
    {
      config: { permission: [...COOP_READERS] },
      schema: {
        tags,
        summary:
          'KYC item: attach an uploaded piece (member or responsible; document owner COOP_MEMBER) or validate/refuse it (responsible)',
        params: {
          type: 'object',
          required: ['id', 'code'],
          properties: { id: uuid, code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{1,63}$' } },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            documentId: uuid,
            decision: { type: 'string', enum: ['VALIDATED', 'REFUSED'] },
            comment: { type: ['string', 'null'], maxLength: 2000 },
          },
        },
        response: one,
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const m = await readableMember(em, request, request.params.id);
        if (!request.body.documentId && !request.body.decision)
          throw problems.validation([{ field: 'documentId', message: 'give a documentId or a decision' }]);
        return memberView(
          await updateKycItem(
            em,
            actorOf(request),
            m,
            request.params.code,
            request.body,
            isCoopAdmin(request),
          ),
        );
      }),
  );
}
