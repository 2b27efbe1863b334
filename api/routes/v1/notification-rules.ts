import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../../db/audit.js';
import { NotificationRule, type INotificationRule } from '../../../db/entities/index.js';
import {
  checkTemplate,
  EVENT_VARIABLES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_EVENTS,
  NOTIFICATION_RECIPIENTS,
  renderTemplate,
  type NotificationEvent,
  type NotificationTemplate,
} from '../../../definitions/notification-template.js';
import { problems } from '../../problem.js';
import { closed, errorResponses } from '../../schemas/shared.js';

const tags = ['notification-rules'];

interface RuleInput {
  name: string;
  event: NotificationEvent;
  recipients: string[];
  channel: string;
  template: NotificationTemplate;
  caseType?: string | null;
  statusCode?: string | null;
  isActive?: boolean;
  version?: number;
}

const localized = {
  type: 'object',
  additionalProperties: false,
  required: ['body'],
  properties: { subject: { type: 'string', maxLength: 300 }, body: { type: 'string', maxLength: 4000 } },
} as const;

const ruleBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'event', 'recipients', 'channel', 'template'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    event: { type: 'string', enum: [...NOTIFICATION_EVENTS] },
    recipients: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', enum: [...NOTIFICATION_RECIPIENTS] },
    },
    channel: {
      type: 'string',
      enum: [...NOTIFICATION_CHANNELS],
      description: 'For the contact; staff recipients are always notified in the app',
    },
    template: { type: 'object', additionalProperties: false, properties: { fr: localized, en: localized } },
    caseType: { type: ['string', 'null'], maxLength: 64 },
    statusCode: {
      type: ['string', 'null'],
      maxLength: 64,
      description: 'STATUS_CHANGED: only when entering this status',
    },
    isActive: { type: 'boolean', default: true },
    version: { type: 'integer', description: 'Required to update: the version you read' },
  },
} as const;

const ruleSchema = closed({
  $id: 'NotificationRule',
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    event: { type: 'string' },
    recipients: { type: 'array', items: { type: 'string' } },
    channel: { type: 'string' },
    template: { type: 'object', additionalProperties: true },
    caseType: { type: ['string', 'null'] },
    statusCode: { type: ['string', 'null'] },
    isActive: { type: 'boolean' },
    version: { type: 'integer' },
  },
} as const);

const view = (r: INotificationRule) => ({
  id: r.id,
  name: r.name,
  event: r.event,
  recipients: r.recipients,
  channel: r.channel,
  template: r.template,
  caseType: r.caseType ?? null,
  statusCode: r.statusCode ?? null,
  isActive: r.isActive,
  version: r.version,
});

function validate(input: RuleInput) {
  const errors = checkTemplate(input.event, input.template);
  if (input.channel !== 'IN_APP' && !input.recipients.includes('CONTACT'))
    errors.push({
      field: 'channel',
      message: `${input.channel} reaches the contact: add CONTACT to the recipients`,
    });
  if (input.channel === 'EMAIL' && input.recipients.includes('CONTACT'))
    for (const lang of ['fr', 'en'] as const)
      if (input.template[lang] && !input.template[lang]!.subject)
        errors.push({ field: `template/${lang}/subject`, message: 'is required for an email' });
  if (errors.length) throw problems.validation(errors);
}

/** Tenant notification rules (F-7.3): event → recipients → channel → template (fr/en, variables). */
export default async function notificationRuleRoutes(app: FastifyInstance) {
  app.addSchema(ruleSchema);
  const ref = { $ref: 'NotificationRule#' } as const;

  app.get(
    '/notification-rules',
    {
      config: { permission: 'WORKFLOW_ADMIN', list: { sort: ['event', 'name', 'channel'] } },
      schema: {
        tags,
        summary: 'The rules, by event and name',
        response: {
          200: { type: 'object', properties: { data: { type: 'array', items: ref } } },
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => ({
        data: (await em.find(NotificationRule, {}, { orderBy: { event: 'asc', name: 'asc' } })).map(view),
      })),
  );

  app.get(
    '/notification-rules/variables',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: 'The variables each event offers to templates',
        response: {
          200: {
            type: 'object',
            description: 'Event → its variable names',
            required: Object.keys(EVENT_VARIABLES),
            properties: Object.fromEntries(
              Object.keys(EVENT_VARIABLES).map((e) => [e, { type: 'array', items: { type: 'string' } }]),
            ),
            additionalProperties: { type: 'array', items: { type: 'string' } },
          },
          ...errorResponses(401, 403),
        },
      },
    },
    async () => EVENT_VARIABLES,
  );

  app.post<{ Body: RuleInput }>(
    '/notification-rules',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: 'Create a rule (audited)',
        body: ruleBody,
        response: { 201: ref, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      validate(request.body);
      const ctx = request.tenant();
      const rule = await request.tx(async (em) => {
        const r = em.create(NotificationRule, {
          orgId: ctx.orgId,
          name: request.body.name,
          event: request.body.event,
          recipients: request.body.recipients,
          channel: request.body.channel,
          template: request.body.template,
          caseType: request.body.caseType ?? null,
          statusCode: request.body.statusCode ?? null,
          isActive: request.body.isActive ?? true,
          createdBy: ctx.userId ?? null,
        });
        await em.flush();
        await recordAudit(em, ctx, {
          entityType: 'NotificationRule',
          entityId: r.id,
          action: 'CREATE',
          after: view(r),
        });
        return view(r);
      });
      return reply.code(201).send(rule);
    },
  );

  app.put<{ Params: { id: string }; Body: RuleInput }>(
    '/notification-rules/:id',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: 'Replace a rule (optimistic lock on `version`; audited). Deactivate with isActive false.',
        params: { $ref: 'IdParams#' },
        body: { ...ruleBody, required: [...ruleBody.required, 'version'] },
        response: { 200: ref, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      validate(request.body);
      const ctx = request.tenant();
      return request.tx(async (em) => {
        const r = await em.findOne(NotificationRule, { id: request.params.id });
        if (!r) throw problems.notFound('Notification rule');
        if (r.version !== request.body.version) throw problems.staleVersion('This rule');
        const before = view(r);
        const { version: _version, ...fields } = request.body;
        em.assign(r, { ...fields, caseType: fields.caseType ?? null, statusCode: fields.statusCode ?? null });
        await em.flush();
        await recordAudit(em, ctx, {
          entityType: 'NotificationRule',
          entityId: r.id,
          action: 'UPDATE',
          before,
          after: view(r),
        });
        return view(r);
      });
    },
  );

  app.post<{ Body: { event: NotificationEvent; template: NotificationTemplate; lang?: 'fr' | 'en' } }>(
    '/notification-rules/preview',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: 'Render a template with sample values (nothing is sent)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['event', 'template'],
          properties: {
            event: { type: 'string', enum: [...NOTIFICATION_EVENTS] },
            template: ruleBody.properties.template,
            lang: { type: 'string', enum: ['fr', 'en'], default: 'fr' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['subject', 'body'],
            properties: { subject: { type: ['string', 'null'] }, body: { type: 'string' } },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const errors = checkTemplate(request.body.event, request.body.template);
      if (errors.length) throw problems.validation(errors);
      const sample = Object.fromEntries(EVENT_VARIABLES[request.body.event].map((v) => [v, `‹${v}›`]));
      return renderTemplate(request.body.template, request.body.lang ?? 'fr', sample);
    },
  );
}
