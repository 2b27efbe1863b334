import { describe, expect, it } from 'vitest';
import guardFactsJson from '../../definitions/guard-facts.schema.json' with { type: 'json' };
import workflowDefinitionJson from '../../definitions/workflow-definition.schema.json' with { type: 'json' };
import { DICTIONARY_DEFAULTS, DICT_TYPES, defaultCodes } from '../../definitions/dictionary-defaults.js';
import { DefinitionError } from '../../definitions/definition-error.js';
import { parseIsoDuration } from '../../definitions/duration.js';
import { guardFactsSchema } from '../../definitions/guard-facts.schema.js';
import { checkTransition, evaluateTransitions } from '../../definitions/guards.js';
import { BUILT_IN_TEMPLATES } from '../../definitions/templates/index.js';
import { validateDefinition, validateGuardFacts } from '../../definitions/validate-definition.js';
import {
  isAutoTransitionTimer,
  isEscalateManagerTimer,
  isNotifyTimer,
  isRemindAgentTimer,
  workflowDefinitionSchema,
} from '../../definitions/workflow-definition.schema.js';
import type { GuardFacts } from '../../definitions/guard-facts.schema.js';
import type { TimerDef, WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';

const STATUS_CODES = defaultCodes('CASE_STATUS');
const ctx = { statusCodes: STATUS_CODES };
const clone = <T>(value: T): T => structuredClone(value);

/** The customer's canonical example (PRODUCT.md §5). */
const CANONICAL: WorkflowDefinitionBody = {
  caseType: 'ACHAT',
  name: { fr: 'Achat', en: 'Purchase' },
  states: [
    { code: 'NEW', initial: true },
    { code: 'QUALIFIED', timers: [{ after: 'P3D', unlessActivity: true, action: 'remindAgent' }] },
    { code: 'WON', terminal: true, reasonType: 'WON' },
    { code: 'LOST', terminal: true, reasonType: 'LOSS' },
  ],
  transitions: [
    {
      from: 'NEW',
      to: 'QUALIFIED',
      permission: 'CRM_DEALS_STAGE_CHANGE',
      guard: {
        rule: { '>=': [{ var: 'dossier.budgetMax' }, 1] },
        message: { fr: 'Budget maximum requis', en: 'Maximum budget required' },
      },
    },
    { from: 'QUALIFIED', to: 'WON' },
    { from: 'QUALIFIED', to: 'LOST' },
  ],
};

function facts(dossier: Partial<GuardFacts['dossier']> = {}): GuardFacts {
  return {
    dossier: { id: 'd1', caseType: 'ACHAT', statusCode: 'NEW', ...dossier },
    parties: { count: 1, BUYER: [{ contactId: 'c1' }] },
    counts: {
      activities: { total: 2, CALL: 2 },
      appointments: { total: 0 },
      messages: { total: 1, WHATSAPP: 1 },
    },
    consents: { EMAIL: 'OPT_IN', SMS: null, WHATSAPP: 'OPT_OUT', PHONE: null },
    user: { id: 'u1', roles: ['AGENT'], permissions: ['CRM_DEALS_STAGE_CHANGE'] },
    daysInState: 4,
    now: '2026-01-07T10:00:00.000Z',
  };
}
const agent = { roles: ['AGENT'], permissions: ['CRM_DEALS_STAGE_CHANGE'] };

function problemsOf(def: unknown) {
  return validateDefinition(def, ctx).errors.map(({ code, path }) => ({ code, path }));
}

describe('schemas', () => {
  it('JSON files equal the TypeScript consts they are generated from', () => {
    expect(workflowDefinitionJson).toEqual(JSON.parse(JSON.stringify(workflowDefinitionSchema)));
    expect(guardFactsJson).toEqual(JSON.parse(JSON.stringify(guardFactsSchema)));
  });
  it('accepts the canonical example and sample facts', () => {
    expect(validateDefinition(CANONICAL, ctx)).toEqual({ valid: true, errors: [] });
    expect(validateGuardFacts(facts({ budgetMax: 300000, criteria: { rooms: 3 } }))).toEqual({
      valid: true,
      errors: [],
    });
  });
  it('narrows timers by action', () => {
    const timers: TimerDef[] = [
      { action: 'remindAgent', after: 'P3D' },
      { action: 'escalateManager', after: 'P30D' },
      { action: 'autoTransition', after: 'P90D', to: 'LOST', reasonCode: 'NO_RESPONSE' },
    ];
    expect(timers.map(isRemindAgentTimer)).toEqual([true, false, false]);
    expect(timers.map(isEscalateManagerTimer)).toEqual([false, true, false]);
    expect(timers.map(isNotifyTimer)).toEqual([true, true, false]);
    const auto = timers.filter(isAutoTransitionTimer);
    expect(auto.map((t) => t.to)).toEqual(['LOST']);
  });
});

describe('built-in templates and dictionary defaults', () => {
  it('every template is valid against the default CASE_STATUS and CASE_TYPE codes', () => {
    expect(BUILT_IN_TEMPLATES.map((t) => t.caseType)).toEqual([
      'LEAD',
      'ACHAT',
      'LOCATION',
      'VENTE',
      'LOCATION_GESTION',
      'MANDAT',
      'PROJET',
      'ANNONCE',
      'COOP_GROUP',
    ]);
    for (const template of BUILT_IN_TEMPLATES) {
      const result = validateDefinition(template, { ...ctx, caseTypes: defaultCodes('CASE_TYPE') });
      expect({ caseType: template.caseType, ...result }).toEqual({
        caseType: template.caseType,
        valid: true,
        errors: [],
      });
    }
  });
  it('deal pipelines follow the customer stages with LOST from every open state', () => {
    for (const caseType of ['ACHAT', 'LOCATION']) {
      const def = BUILT_IN_TEMPLATES.find((t) => t.caseType === caseType);
      expect(def?.states.map((s) => s.code)).toEqual([
        'NEW',
        'QUALIFIED',
        'APPOINTMENT',
        'VISIT',
        'NEGOTIATION',
        'WON',
        'LOST',
      ]);
      const intoLost = def?.transitions.filter((t) => t.to === 'LOST').map((t) => t.from);
      expect(intoLost).toEqual(['NEW', 'QUALIFIED', 'APPOINTMENT', 'VISIT', 'NEGOTIATION']);
    }
  });
  it('has unique codes per dictionary, labels in three languages and the expected metadata', () => {
    const keys = DICTIONARY_DEFAULTS.map((e) => `${e.dictType}:${e.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(DICTIONARY_DEFAULTS.map((e) => e.dictType))).toEqual(new Set(DICT_TYPES));
    for (const e of DICTIONARY_DEFAULTS) expect(e.label && e.labelFr && e.labelAr).toBeTruthy();
    const status = (code: string) =>
      DICTIONARY_DEFAULTS.find((e) => e.dictType === 'CASE_STATUS' && e.code === code);
    expect(status('NEGOTIATION')?.metadata).toMatchObject({ hot: true });
    expect(status('CRM_QUALIFIED')?.metadata).toMatchObject({ hot: true });
    expect(status('LOST')?.metadata).toMatchObject({ open: false });
    expect(defaultCodes('CASE_TYPE').sort()).toEqual(BUILT_IN_TEMPLATES.map((t) => t.caseType).sort());
  });
});

describe('validateDefinition refusals', () => {
  it('reports shape errors as SCHEMA with JSON pointers, and unknown permissions', () => {
    const def = clone(CANONICAL) as unknown as Record<string, unknown>;
    def.colour = 'blue';
    (def.transitions as Record<string, unknown>[])[0]!.permission = 'CRM_DEALS_FLY';
    expect(problemsOf(def)).toEqual([
      { code: 'SCHEMA', path: '/colour' },
      { code: 'UNKNOWN_PERMISSION', path: '/transitions/0/permission' },
    ]);
    expect(
      problemsOf({ caseType: 'ACHAT', states: [{ code: 'NEW', timers: [{ action: 'fly', after: 'P1D' }] }] }),
    ).toEqual([
      { code: 'SCHEMA', path: '/transitions' },
      { code: 'SCHEMA', path: '/states/0/timers/0' },
    ]);
  });

  const cases: Array<[string, (def: WorkflowDefinitionBody) => void, { code: string; path: string }[]]> = [
    ['no initial state', (d) => delete d.states[0]!.initial, [{ code: 'NO_INITIAL_STATE', path: '/states' }]],
    [
      'several initial states',
      (d) => (d.states[1]!.initial = true),
      [{ code: 'SEVERAL_INITIAL_STATES', path: '/states/1/initial' }],
    ],
    [
      'unreachable state',
      (d) => d.transitions.splice(0, 1, { from: 'NEW', to: 'LOST' }),
      [
        { code: 'UNREACHABLE_STATE', path: '/states/1/code' },
        { code: 'UNREACHABLE_STATE', path: '/states/2/code' },
      ],
    ],
    [
      'non-terminal dead end',
      (d) =>
        d.states.splice(2, 0, { code: 'VISIT' }) && d.transitions.push({ from: 'QUALIFIED', to: 'VISIT' }),
      [{ code: 'DEAD_END', path: '/states/2/code' }],
    ],
    [
      'transition out of a terminal state',
      (d) => d.transitions.push({ from: 'LOST', to: 'NEW' }),
      [{ code: 'TRANSITION_FROM_TERMINAL', path: '/transitions/3/from' }],
    ],
    [
      'status code not in the dictionary',
      (d) => {
        d.states[1]!.code = 'PENDING';
        d.transitions = d.transitions.map((t) => ({
          ...t,
          from: t.from === 'QUALIFIED' ? 'PENDING' : t.from,
        }));
        d.transitions[0]!.to = 'PENDING';
      },
      [{ code: 'UNKNOWN_STATUS_CODE', path: '/states/1/code' }],
    ],
    [
      'transition to an unknown state',
      (d) => d.transitions.push({ from: 'QUALIFIED', to: 'VISIT' }),
      [{ code: 'UNKNOWN_STATE', path: '/transitions/3/to' }],
    ],
    [
      'timer to an unknown state',
      (d) => d.states[1]!.timers!.push({ action: 'autoTransition', after: 'P90D', to: 'ARCHIVED' }),
      [{ code: 'TIMER_TARGET_UNKNOWN', path: '/states/1/timers/1/to' }],
    ],
    [
      'timer into a closing state without reason code',
      (d) => d.states[1]!.timers!.push({ action: 'autoTransition', after: 'P90D', to: 'LOST' }),
      [{ code: 'MISSING_REASON_CODE', path: '/states/1/timers/1/reasonCode' }],
    ],
    [
      'duplicate transition',
      (d) => d.transitions.push({ from: 'QUALIFIED', to: 'WON', label: { en: 'Win again' } }),
      [{ code: 'DUPLICATE_TRANSITION', path: '/transitions/3' }],
    ],
    [
      'duplicate state',
      (d) => d.states.push({ code: 'QUALIFIED' }),
      [{ code: 'DUPLICATE_STATE', path: '/states/4/code' }],
    ],
    [
      'operator outside the allow-list',
      (d) => (d.transitions[0]!.guard!.rule = { and: [{ log: 'x' }, { '/': [{ var: 'daysInState' }, 2] }] }),
      [{ code: 'FORBIDDEN_OPERATOR', path: '/transitions/0/guard/rule/and/0/log' }],
    ],
    [
      'var outside the documented facts',
      (d) =>
        (d.transitions[0]!.guard!.rule = {
          and: [
            { '>': [{ var: ['counts.activities.CALL', 0] }, 0] },
            { '==': [{ var: 'consents.WHATSAPP' }, 'OPT_IN'] },
            { '>=': [{ var: 'dossier.criteria.rooms' }, 3] },
            { in: ['MANAGER', { var: 'user.roles' }] },
            { some: [{ var: 'parties.BUYER' }, { '==': [{ var: 'contactId' }, 'c1'] }] },
            { '>': [{ var: 'dossier.budgetMaxx' }, 1] },
            { '==': [{ var: 'consents.FAX' }, 'OPT_IN'] },
            { missing: ['dossier.amount', 'secret'] },
          ],
        }),
      [
        { code: 'UNKNOWN_FACT', path: '/transitions/0/guard/rule/and/5/>/0/var' },
        { code: 'UNKNOWN_FACT', path: '/transitions/0/guard/rule/and/6/==/0/var' },
        { code: 'UNKNOWN_FACT', path: '/transitions/0/guard/rule/and/7/missing/1' },
      ],
    ],
    [
      'required field that is not a dossier field',
      (d) => (d.transitions[1]!.requiredFields = ['amount', 'criteria.rooms', 'iban']),
      [{ code: 'UNKNOWN_FACT', path: '/transitions/1/requiredFields/2' }],
    ],
    [
      'WON/LOST-like state without reason type',
      (d) => {
        delete d.states[3]!.reasonType;
        d.states.push({ code: 'CRM_WON', terminal: true, reasonType: 'LOSS' });
        d.transitions.push({ from: 'QUALIFIED', to: 'CRM_WON' });
      },
      [
        { code: 'MISSING_REASON_TYPE', path: '/states/3/reasonType' },
        { code: 'MISSING_REASON_TYPE', path: '/states/4/reasonType' },
      ],
    ],
    [
      'invalid ISO duration',
      (d) =>
        d.states[1]!.timers!.push(
          { action: 'escalateManager', after: '3 days' },
          { action: 'remindAgent', after: 'P0D' },
        ),
      [
        { code: 'INVALID_DURATION', path: '/states/1/timers/1/after' },
        { code: 'INVALID_DURATION', path: '/states/1/timers/2/after' },
      ],
    ],
  ];

  it.each(cases)('refuses: %s', (_name, mutate, expected) => {
    const def = clone(CANONICAL);
    mutate(def);
    expect(problemsOf(def)).toEqual(expected);
  });

  it('refuses an unknown case type when CASE_TYPE codes are given', () => {
    const result = validateDefinition(
      { ...CANONICAL, caseType: 'CHARTER' },
      { ...ctx, caseTypes: ['ACHAT'] },
    );
    expect(result.errors.map((e) => [e.code, e.path])).toEqual([['UNKNOWN_CASE_TYPE', '/caseType']]);
  });

  it('explains problems in plain words', () => {
    const def = clone(CANONICAL);
    def.states.splice(2, 0, {
      code: 'NEGOTIATION',
      timers: [{ action: 'autoTransition', after: 'P1D', to: 'LOST', reasonCode: 'OTHER' }],
    });
    expect(validateDefinition(def, ctx).errors.map((e) => e.message)).toEqual([
      'State NEGOTIATION cannot be reached from the initial state NEW',
    ]);
  });
});

describe('evaluateTransitions / checkTransition', () => {
  const achat = BUILT_IN_TEMPLATES.find((t) => t.caseType === 'ACHAT')!;

  it('blocks a failed guard with its own message, in the requested language', () => {
    const [toQualified] = evaluateTransitions(achat, 'NEW', facts({ budgetMax: null }), agent, 'fr');
    expect(toQualified).toMatchObject({ to: 'QUALIFIED', allowed: false, reasonCode: 'GUARD' });
    expect(toQualified?.reason).toBe('Budget maximum requis');
    expect(checkTransition(achat, 'NEW', 'QUALIFIED', facts(), agent, 'en').reason).toBe(
      'Maximum budget required',
    );
    expect(checkTransition(achat, 'NEW', 'QUALIFIED', facts({ budgetMax: 250000 }), agent, 'en')).toEqual({
      to: 'QUALIFIED',
      label: 'Qualify',
      allowed: true,
      reasonType: 'NONE',
    });
  });

  it('lists every way out with its reason type', () => {
    const results = evaluateTransitions(achat, 'NEGOTIATION', facts({ amount: 320000 }), agent, 'en');
    expect(results.map(({ to, allowed, reasonType }) => ({ to, allowed, reasonType }))).toEqual([
      { to: 'WON', allowed: true, reasonType: 'WON' },
      { to: 'VISIT', allowed: true, reasonType: 'NONE' },
      { to: 'LOST', allowed: true, reasonType: 'LOSS' },
    ]);
  });

  it('blocks on permission, role and required field, in words', () => {
    const noPermission = { roles: ['READONLY'], permissions: ['CRM_DEALS_VIEW'] };
    expect(
      checkTransition(achat, 'NEW', 'QUALIFIED', facts({ budgetMax: 1 }), noPermission, 'en'),
    ).toMatchObject({
      allowed: false,
      reasonCode: 'PERMISSION',
      reason: 'Needs the CRM_DEALS_STAGE_CHANGE permission',
    });
    const gestion = BUILT_IN_TEMPLATES.find((t) => t.caseType === 'LOCATION_GESTION')!;
    expect(checkTransition(gestion, 'UNDER_MANAGEMENT', 'TERMINATED', facts(), agent, 'en')).toMatchObject({
      allowed: false,
      reasonCode: 'ROLE',
      reason: 'Reserved to the roles: MANAGER, ADMIN',
    });
    const manager = { roles: ['MANAGER'], permissions: ['CRM_DEALS_STAGE_CHANGE'] };
    expect(checkTransition(gestion, 'UNDER_MANAGEMENT', 'TERMINATED', facts(), manager).allowed).toBe(true);
    expect(checkTransition(achat, 'NEGOTIATION', 'WON', facts({ amount: null }), agent, 'en')).toMatchObject({
      allowed: false,
      reasonCode: 'REQUIRED_FIELD',
      reason: 'Missing required field: Amount',
    });
    expect(checkTransition(achat, 'NEGOTIATION', 'WON', facts({ amount: 0 }), agent, 'fr')).toMatchObject({
      reasonCode: 'GUARD',
      reason: 'Le montant doit être supérieur à 0',
    });
  });

  it('reads parties, counts, consents and the caller roles; falls back to the other language', () => {
    const def = clone(CANONICAL);
    def.transitions[0]!.guard = {
      rule: {
        and: [
          { '!!': { var: 'parties.BUYER' } },
          { '>=': [{ var: 'counts.activities.CALL' }, 1] },
          { '==': [{ var: 'consents.EMAIL' }, 'OPT_IN'] },
          { in: ['MANAGER', { var: 'user.roles' }] },
        ],
      },
      message: { fr: 'Réservé au manager, avec un acheteur contacté' },
    };
    expect(checkTransition(def, 'NEW', 'QUALIFIED', facts(), agent, 'en')).toMatchObject({
      allowed: false,
      reason: 'Réservé au manager, avec un acheteur contacté',
    });
    const manager = { roles: ['MANAGER'], permissions: ['CRM_DEALS_STAGE_CHANGE'] };
    expect(checkTransition(def, 'NEW', 'QUALIFIED', facts(), manager, 'en').allowed).toBe(true);
  });

  it('blocks, never throws, when a rule throws', () => {
    const def = clone(CANONICAL);
    // missing_some reads its list's length: a null list throws inside json-logic-js.
    def.transitions[0]!.guard!.rule = { missing_some: [1, null] };
    expect(() => checkTransition(def, 'NEW', 'QUALIFIED', facts(), agent, 'en')).not.toThrow();
    expect(checkTransition(def, 'NEW', 'QUALIFIED', facts(), agent, 'en')).toMatchObject({
      allowed: false,
      reasonCode: 'GUARD',
      reason: 'Maximum budget required',
    });
    // An operator outside the allow-list is refused by the evaluator before anything runs.
    def.transitions[0]!.guard!.rule = { no_such_operator: [1] };
    expect(checkTransition(def, 'NEW', 'QUALIFIED', facts(), agent, 'en')).toMatchObject({
      allowed: false,
      reasonCode: 'FORBIDDEN_OPERATOR',
    });
  });

  it('answers UNKNOWN_TRANSITION for a move the definition does not declare', () => {
    expect(checkTransition(achat, 'NEW', 'WON', facts(), agent, 'en')).toMatchObject({
      allowed: false,
      reasonCode: 'UNKNOWN_TRANSITION',
      reason: 'No transition from NEW to WON',
    });
  });
});

describe('parseIsoDuration', () => {
  const DAY = 86_400_000;
  it.each([
    ['P3D', 3 * DAY],
    ['PT30S', 30_000],
    ['P1DT2H', DAY + 2 * 3_600_000],
    ['PT1.5S', 1_500],
    ['PT0,25S', 250],
    ['P2W', 14 * DAY],
    ['P1Y', 365 * DAY],
    ['P1M', 30 * DAY],
    ['PT1M', 60_000],
    ['P1Y2M3W4DT5H6M7.8S', (365 + 60 + 21 + 4) * DAY + 5 * 3_600_000 + 6 * 60_000 + 7_800],
    ['P0D', 0],
  ])('%s → %i ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each([
    '',
    'P',
    'PT',
    'P1DT',
    '3D',
    'p3d',
    'P-1D',
    'P1.5D',
    'PT1H30',
    'P1D2H',
    ' P1D',
    'P99999999999999999D',
  ])('refuses %j with INVALID_DURATION', (text) => {
    expect(() => parseIsoDuration(text)).toThrow(DefinitionError);
    try {
      parseIsoDuration(text);
    } catch (error) {
      expect((error as DefinitionError).code).toBe('INVALID_DURATION');
    }
  });
});
