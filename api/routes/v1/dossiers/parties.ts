import type { FastifyInstance } from 'fastify';
import { addTimelineEvent } from '../../../../db/activities.js';
import { recordAudit } from '../../../../db/audit.js';
import { activeCodes } from '../../../../db/dictionaries.js';
import { Contact, Dossier, DossierParty } from '../../../../db/entities/index.js';
import type { Em } from '../../../../db/orm.js';
import { problems } from '../../../problem.js';
import { closed, errorResponses } from '../../../schemas/shared.js';
import { invalidInput, referenceNotFound } from '../../../../services/tenant-references.js';

const tags = ['dossiers'];
const partySchema = closed({
  type: 'object',
  properties: {
    id: { type: 'string' },
    contactId: { type: 'string' },
    contactName: { type: 'string' },
    role: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const);

async function requireDossier(em: Em, id: string) {
  const dossier = await em.findOne(Dossier, { id });
  if (!dossier) throw problems.notFound('Dossier');
  return dossier;
}

async function partiesOf(em: Em, dossierId: string) {
  const rows = await em.execute<
    {
      id: string;
      contact_id: string;
      first_name: string;
      last_name: string;
      role: string;
      created_at: Date;
    }[]
  >(
    `select p.id, p.contact_id, c.first_name, c.last_name, p.role, p.created_at from dossier_party p
       join contact c on c.id = p.contact_id where p.dossier_id = ? order by p.created_at, p.id`,
    [dossierId],
  );
  return rows.map((r) => ({
    id: r.id,
    contactId: r.contact_id,
    contactName: `${r.first_name} ${r.last_name}`,
    role: r.role,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Who plays which part in a dossier (PARTY_ROLE): buyers, sellers, guarantors… (guard facts `parties`). */
export default async function partyRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string } }>(
    '/dossiers/:id/parties',
    {
      config: { permission: 'CRM_DEALS_VIEW', list: { sort: ['role', 'contactName', 'createdAt'] } },
      schema: {
        tags,
        summary: 'The parties of a dossier with their role',
        params: { $ref: 'IdParams#' },
        response: {
          200: { type: 'object', properties: { data: { type: 'array', items: partySchema } } },
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        await requireDossier(em, request.params.id);
        return { data: await partiesOf(em, request.params.id) };
      }),
  );

  app.post<{ Params: { id: string }; Body: { contactId: string; role: string } }>(
    '/dossiers/:id/parties',
    {
      config: { permission: 'CRM_DEALS_EDIT' },
      schema: {
        tags,
        summary: 'Add a party (a contact in a PARTY_ROLE); audited and on the timeline',
        params: { $ref: 'IdParams#' },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['contactId', 'role'],
          properties: {
            contactId: { type: 'string', format: 'uuid' },
            role: { type: 'string', minLength: 1, maxLength: 64 },
          },
        },
        response: { 201: partySchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const ctx = request.tenant();
      const party = await request.tx(async (em) => {
        const dossier = await requireDossier(em, request.params.id);
        const { contactId, role } = request.body;
        const errors = [];
        if (!(await activeCodes(em, 'PARTY_ROLE')).has(role))
          errors.push({ field: 'role', message: `unknown PARTY_ROLE code ${role}` });
        const contact = await em.findOne(Contact, { id: contactId });
        if (!contact) errors.push(referenceNotFound('contactId', 'contact'));
        if (errors.length) throw invalidInput(errors);
        if (await em.count(DossierParty, { dossierId: dossier.id, contactId, role }))
          throw problems.conflict(`This contact is already ${role} on the dossier.`);
        const p = em.create(DossierParty, {
          orgId: ctx.orgId,
          dossierId: dossier.id,
          contactId,
          role,
          createdBy: ctx.userId ?? null,
        });
        await em.flush();
        addTimelineEvent(em, {
          orgId: ctx.orgId,
          dossierId: dossier.id,
          contactId,
          kind: 'PARTY',
          channel: null,
          direction: null,
          authorId: ctx.userId ?? null,
          title: `${contact!.firstName} ${contact!.lastName}: ${role}`,
          body: null,
          payload: {
            partyId: p.id,
            role,
            action: 'ADDED',
            name: `${contact!.firstName} ${contact!.lastName}`,
          },
          occurredAt: new Date(),
          sourceKey: `party:${p.id}:added`,
        });
        await recordAudit(em, ctx, {
          entityType: 'Dossier',
          entityId: dossier.id,
          action: 'PARTY_ADD',
          after: { contactId, role },
        });
        await em.flush();
        return (await partiesOf(em, dossier.id)).find((x) => x.id === p.id)!;
      });
      return reply.code(201).send(party);
    },
  );

  app.delete<{ Params: { id: string; partyId: string } }>(
    '/dossiers/:id/parties/:partyId',
    {
      config: { permission: 'CRM_DEALS_EDIT' },
      schema: {
        tags,
        summary: 'Remove a party (audited)',
        params: {
          type: 'object',
          required: ['id', 'partyId'],
          properties: { id: { type: 'string', format: 'uuid' }, partyId: { type: 'string', format: 'uuid' } },
        },
        response: { 204: { type: 'null' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const ctx = request.tenant();
      await request.tx(async (em) => {
        const p = await em.findOne(DossierParty, {
          id: request.params.partyId,
          dossierId: request.params.id,
        });
        if (!p) throw problems.notFound('Party');
        await em.remove(p).flush();
        await recordAudit(em, ctx, {
          entityType: 'Dossier',
          entityId: p.dossierId,
          action: 'PARTY_REMOVE',
          before: { contactId: p.contactId, role: p.role },
        });
      });
      return reply.code(204).send();
    },
  );
}
