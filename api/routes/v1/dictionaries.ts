import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../db/audit.js';
import { effectiveDictionary } from '../../../db/dictionaries.js';
import { RefDictionary } from '../../../db/entities/index.js';
import { DICT_TYPES } from '../../../definitions/dictionary-defaults.js';
import { CODE_PATTERN } from '../../../definitions/workflow-definition.schema.js';
import { problems } from '../../problem.js';
import { errorResponses } from '../../schemas/shared.js';
import {
  changeEntry,
  columns,
  createOverride,
  entryView,
  type EntryChanges,
} from '../../../services/engine/dictionary-entries.js';

type CreateBody = EntryChanges & { dictType: string; code: string; label: string };

const entrySchema = {
  $id: 'DictionaryEntry',
  type: 'object',
  required: ['id', 'dictType', 'code', 'label', 'sortOrder', 'isActive', 'scope', 'version'],
  properties: {
    id: { type: 'string' },
    dictType: { type: 'string' },
    code: { type: 'string' },
    label: { type: 'string' },
    labelFr: { type: ['string', 'null'] },
    labelAr: { type: ['string', 'null'] },
    sortOrder: { type: 'integer' },
    isActive: { type: 'boolean' },
    metadata: { type: 'object', additionalProperties: true },
    scope: { type: 'string', enum: ['GLOBAL', 'TENANT'] },
    version: { type: 'integer' },
  },
} as const;

const entryPage = {
  type: 'object',
  properties: { data: { type: 'array', items: { $ref: 'DictionaryEntry#' } }, total: { type: 'integer' } },
} as const;

const changeProperties = {
  label: { type: 'string', minLength: 1, maxLength: 200 },
  labelFr: { type: ['string', 'null'], maxLength: 200 },
  labelAr: { type: ['string', 'null'], maxLength: 200 },
  sortOrder: { type: 'integer', minimum: 0, maximum: 1_000_000 },
  isActive: { type: 'boolean' },
  metadata: { type: 'object', additionalProperties: true, maxProperties: 50 },
} as const;

/** A POST without a body validates as `{}`: its body fields are all optional. */
const emptyBodyAsObject = async (request: FastifyRequest) => {
  request.body ??= {};
};

const dictTypeSchema = { type: 'string', enum: [...DICT_TYPES] } as const;

export default async function dictionaryRoutes(app: FastifyInstance) {
  const tags = ['dictionaries'];
  app.addSchema(entrySchema);

  app.get<{ Querystring: { dictType?: string[]; includeInactive?: boolean; q?: string } }>(
    '/dictionaries',
    {
      config: {
        authOnly: true,
        list: { sort: ['dictType', 'sortOrder', 'code', 'label'], maxPageSize: 1000 },
      },
      schema: {
        tags,
        summary: "The organisation's effective entries: its own rows override the global defaults",
        description:
          'Every type when `dictType` is left out; one or several types otherwise (`dictType=CASE_TYPE,CASE_STATUS` or repeated), so a screen reads all the dictionaries it needs in one request. Entries come ordered by type, then sort order.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            dictType: { type: 'array', items: dictTypeSchema, minItems: 1, maxItems: DICT_TYPES.length },
            includeInactive: { type: 'boolean', default: false },
            q: { type: 'string', maxLength: 100 },
          },
        },
        response: { 200: entryPage, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { dictType, includeInactive, q } = request.query;
      const entries = await request.tx((em) => effectiveDictionary(em, dictType, { includeInactive }));
      const needle = q?.trim().toLowerCase();
      const data = needle
        ? entries.filter((e) =>
            [e.code, e.label, e.labelFr, e.labelAr].some((t) => t?.toLowerCase().includes(needle)),
          )
        : entries;
      return { data, total: data.length };
    },
  );

  app.get(
    '/dictionaries/types',
    {
      config: { authOnly: true, list: { sort: ['value'] } },
      schema: {
        tags,
        summary: 'Every dictionary type',
        response: {
          200: { type: 'object', properties: { data: { type: 'array', items: { type: 'string' } } } },
          ...errorResponses(401),
        },
      },
    },
    async () => ({ data: [...DICT_TYPES] }),
  );

  app.post<{ Body: CreateBody }>(
    '/dictionaries',
    {
      config: { permission: 'DICTIONARY_ADMIN' },
      schema: {
        tags,
        summary: 'Add a tenant entry; a code equal to a global one overrides it',
        body: {
          type: 'object',
          required: ['dictType', 'code', 'label'],
          additionalProperties: false,
          properties: {
            dictType: dictTypeSchema,
            code: { type: 'string', pattern: CODE_PATTERN },
            ...changeProperties,
          },
        },
        response: { 201: { $ref: 'DictionaryEntry#' }, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const ctx = request.tenant();
      const { dictType, code, ...changes } = request.body;
      const created = await request.tx(async (em) => {
        const same = await em.find(RefDictionary, { dictType, code });
        if (same.some((r) => r.orgId)) {
          throw problems.conflict(`${dictType} already has an entry ${code} in your organisation.`, {
            errors: [{ field: 'code', message: 'is already used in this dictionary' }],
          });
        }
        const global = same.find((r) => !r.orgId);
        const current = await effectiveDictionary(em, dictType, { includeInactive: true });
        const last = Math.max(0, ...current.map((e) => e.sortOrder));
        const row = global
          ? createOverride(em, ctx, global, changes)
          : em.create(RefDictionary, {
              orgId: ctx.orgId,
              dictType,
              code,
              label: changes.label,
              sortOrder: last + 10,
              createdBy: ctx.userId ?? null,
              ...columns(changes),
            });
        await em.flush();
        const view = entryView(row);
        await recordAudit(em, ctx, {
          entityType: 'Dictionary',
          entityId: row.id,
          action: 'CREATE',
          before: global ? { ...entryView(global) } : null,
          after: { ...view },
        });
        return view;
      });
      return reply.code(201).send(created);
    },
  );

  app.patch<{ Params: { id: string }; Body: EntryChanges & { version: number } }>(
    '/dictionaries/:id',
    {
      config: { permission: 'DICTIONARY_ADMIN' },
      schema: {
        tags,
        summary: 'Edit a tenant entry, or override a global one (the override is returned)',
        params: { $ref: 'IdParams#' },
        body: {
          type: 'object',
          required: ['version'],
          additionalProperties: false,
          properties: { version: { type: 'integer', minimum: 1 }, ...changeProperties },
        },
        response: { 200: { $ref: 'DictionaryEntry#' }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      const ctx = request.tenant();
      return request.tx((em) =>
        changeEntry(em, ctx, request.params.id, changes, { version, action: 'UPDATE' }),
      );
    },
  );

  for (const [path, isActive] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post<{ Params: { id: string }; Body: { version?: number } }>(
      `/dictionaries/:id/${path}`,
      {
        config: { permission: 'DICTIONARY_ADMIN' },
        preValidation: emptyBodyAsObject,
        schema: {
          tags,
          summary: isActive
            ? 'Show the code again in the active lists'
            : 'Hide the code from active lists (rows already using it stay valid)',
          params: { $ref: 'IdParams#' },
          body: {
            type: 'object',
            additionalProperties: false,
            properties: { version: { type: 'integer', minimum: 1 } },
          },
          response: { 200: { $ref: 'DictionaryEntry#' }, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const ctx = request.tenant();
        return request.tx((em) =>
          changeEntry(
            em,
            ctx,
            request.params.id,
            { isActive },
            { version: request.body.version, action: isActive ? 'ACTIVATE' : 'DEACTIVATE' },
          ),
        );
      },
    );
  }

  app.post<{ Body: { dictType: string; codes: string[] } }>(
    '/dictionaries/reorder',
    {
      config: { permission: 'DICTIONARY_ADMIN' },
      schema: {
        tags,
        summary: 'Put the listed codes first, in this order; the others follow in their current order',
        body: {
          type: 'object',
          required: ['dictType', 'codes'],
          additionalProperties: false,
          properties: {
            dictType: dictTypeSchema,
            codes: {
              type: 'array',
              minItems: 1,
              maxItems: 500,
              uniqueItems: true,
              items: { type: 'string' },
            },
          },
        },
        response: { 200: entryPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      const { dictType, codes } = request.body;
      return request.tx(async (em) => {
        const current = await effectiveDictionary(em, dictType, { includeInactive: true });
        const byCode = new Map(current.map((e) => [e.code, e]));
        const unknown = codes.flatMap((code, i) =>
          byCode.has(code) ? [] : [{ field: `codes.${i}`, message: `${code} is not a ${dictType} code` }],
        );
        if (unknown.length) throw problems.validation(unknown);
        const ordered = [
          ...codes.map((c) => byCode.get(c)!),
          ...current.filter((e) => !codes.includes(e.code)),
        ];
        for (const [i, entry] of ordered.entries()) {
          const sortOrder = (i + 1) * 10;
          // Only rows whose position changes are written, so no needless overrides of globals.
          if (entry.sortOrder !== sortOrder)
            await changeEntry(em, ctx, entry.id, { sortOrder }, { action: 'REORDER' });
        }
        const data = await effectiveDictionary(em, dictType, { includeInactive: true });
        return { data, total: data.length };
      });
    },
  );
}
