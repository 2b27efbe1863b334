import { PERMISSIONS } from './permissions.js';
import type { FromSchema } from './schema-types.js';

/** Status, case type and role codes: upper-case keys stable across languages (they live in dictionaries). */
export const CODE_PATTERN = '^[A-Z][A-Z0-9_]{1,63}$';

/**
 * The JSON a manager reads and edits for one case type. Written once here; `workflow-definition.schema.json`
 * is a byte-for-byte JSON copy (a unit test compares them) and the TypeScript types below derive from it.
 * The ajv-only `discriminator` keyword makes timer errors point at the branch named by `action`.
 */
export const workflowDefinitionSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://atlas-crm.dev/schemas/workflow-definition.schema.json',
  title: 'Workflow definition',
  description: 'States, transitions, guards and timers of one case type (dossier type).',
  type: 'object',
  additionalProperties: false,
  required: ['caseType', 'states', 'transitions'],
  properties: {
    caseType: { type: 'string', pattern: CODE_PATTERN, description: 'A CASE_TYPE dictionary code.' },
    name: { $ref: '#/definitions/localizedText' },
    description: { $ref: '#/definitions/localizedText' },
    states: { type: 'array', minItems: 1, items: { $ref: '#/definitions/state' } },
    transitions: { type: 'array', items: { $ref: '#/definitions/transition' } },
  },
  definitions: {
    code: { type: 'string', pattern: CODE_PATTERN },
    localizedText: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        fr: { type: 'string', minLength: 1 },
        en: { type: 'string', minLength: 1 },
        ar: { type: 'string', minLength: 1 },
      },
    },
    reasonType: { type: 'string', enum: ['NONE', 'LOSS', 'WON'] },
    duration: {
      type: 'string',
      minLength: 2,
      description: 'ISO 8601 duration, e.g. P3D, PT30S, P1DT2H (Y = 365 days, M = 30 days).',
    },
    notifyTimer: {
      type: 'object',
      additionalProperties: false,
      required: ['action', 'after'],
      properties: {
        action: { type: 'string', enum: ['remindAgent', 'escalateManager'] },
        after: { $ref: '#/definitions/duration' },
        unlessActivity: { type: 'boolean', description: 'Skip when any activity was logged meanwhile.' },
        message: { $ref: '#/definitions/localizedText' },
      },
    },
    autoTransitionTimer: {
      type: 'object',
      additionalProperties: false,
      required: ['action', 'after', 'to'],
      properties: {
        action: { type: 'string', const: 'autoTransition' },
        after: { $ref: '#/definitions/duration' },
        unlessActivity: { type: 'boolean', description: 'Skip when any activity was logged meanwhile.' },
        to: { $ref: '#/definitions/code' },
        reasonCode: { $ref: '#/definitions/code' },
      },
    },
    timer: {
      type: 'object',
      required: ['action'],
      discriminator: { propertyName: 'action' },
      oneOf: [{ $ref: '#/definitions/notifyTimer' }, { $ref: '#/definitions/autoTransitionTimer' }],
    },
    state: {
      type: 'object',
      additionalProperties: false,
      required: ['code'],
      properties: {
        code: { $ref: '#/definitions/code' },
        label: { $ref: '#/definitions/localizedText' },
        initial: { type: 'boolean' },
        terminal: { type: 'boolean' },
        reasonType: { $ref: '#/definitions/reasonType', default: 'NONE' },
        timers: { type: 'array', items: { $ref: '#/definitions/timer' } },
      },
    },
    guardMessage: {
      type: 'object',
      additionalProperties: false,
      anyOf: [{ required: ['fr'] }, { required: ['en'] }],
      properties: {
        fr: { type: 'string', minLength: 1 },
        en: { type: 'string', minLength: 1 },
        ar: { type: 'string', minLength: 1 },
      },
    },
    guard: {
      type: 'object',
      additionalProperties: false,
      required: ['rule', 'message'],
      properties: {
        rule: {
          type: 'object',
          minProperties: 1,
          maxProperties: 1,
          description: 'A JsonLogic rule over the documented guard facts (guard-facts.schema.json).',
        },
        message: { $ref: '#/definitions/guardMessage' },
      },
    },
    transition: {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'to'],
      properties: {
        from: { $ref: '#/definitions/code' },
        to: { $ref: '#/definitions/code' },
        label: { $ref: '#/definitions/localizedText' },
        permission: { type: 'string', enum: PERMISSIONS },
        roles: { type: 'array', uniqueItems: true, minItems: 1, items: { $ref: '#/definitions/code' } },
        guard: { $ref: '#/definitions/guard' },
        requiredFields: {
          type: 'array',
          uniqueItems: true,
          items: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9]*(\\.[a-zA-Z0-9_]+)*$' },
        },
        comment: { type: 'string' },
      },
    },
  },
} as const;

type Defs = (typeof workflowDefinitionSchema)['definitions'];

export type WorkflowDefinitionBody = FromSchema<typeof workflowDefinitionSchema>;
export type LocalizedText = FromSchema<Defs['localizedText'], Defs>;
export type GuardMessage = FromSchema<Defs['guardMessage'], Defs>;
export type ReasonType = FromSchema<Defs['reasonType'], Defs>;
export type StateDef = FromSchema<Defs['state'], Defs>;
export type TransitionDef = FromSchema<Defs['transition'], Defs>;
export type GuardDef = FromSchema<Defs['guard'], Defs>;
export type NotifyTimerDef = FromSchema<Defs['notifyTimer'], Defs>;
export type AutoTransitionTimerDef = FromSchema<Defs['autoTransitionTimer'], Defs>;
export type TimerDef = FromSchema<Defs['timer'], Defs>;
export type TimerAction = TimerDef['action'];

export function isAutoTransitionTimer(timer: TimerDef): timer is AutoTransitionTimerDef {
  return timer.action === 'autoTransition';
}

export function isNotifyTimer(timer: TimerDef): timer is NotifyTimerDef {
  return timer.action === 'remindAgent' || timer.action === 'escalateManager';
}

export function isRemindAgentTimer(timer: TimerDef): timer is NotifyTimerDef & { action: 'remindAgent' } {
  return timer.action === 'remindAgent';
}

export function isEscalateManagerTimer(
  timer: TimerDef,
): timer is NotifyTimerDef & { action: 'escalateManager' } {
  return timer.action === 'escalateManager';
}

/** A state without `reasonType` needs no reason code (the schema default). */
export function reasonTypeOf(state: StateDef | undefined): ReasonType {
  return state?.reasonType ?? 'NONE';
}
