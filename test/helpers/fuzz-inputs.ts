/**
 * Invalid inputs for every operation of the OpenAPI document: path parameters, query strings and
 * bodies of wrong types, out of range, huge, deeply nested, with unicode junk, SQL and JsonLogic
 * injection attempts and mass-assignment fields. Bodies are kept only when the operation's own
 * schema rejects them (checked with ajv, with Fastify's options), so every request must be refused.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import {
  encodeLoosely,
  resolve,
  sampleValid,
  typesOf,
  type JsonSchema,
  type OpenApiDoc,
  type Operation,
} from './openapi.js';

export interface FuzzCase {
  what: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

export const BAD_STRINGS = [
  '',
  'not-a-uuid',
  "' OR '1'='1",
  "'; drop table contact; --",
  '{"$gt":""}',
  '<script>alert(1)</script>',
  '\u0000',
  '\ud800',
  '🏠'.repeat(40),
  'x'.repeat(20_000),
  '../../../etc/passwd',
  '${jndi:ldap://x/a}',
  '{{constructor.constructor("return process")()}}',
  '-1',
  '1e309',
  'NaN',
];

const BAD_VALUES: unknown[] = [
  null,
  true,
  -1,
  1.5,
  1e308,
  {},
  [],
  [1, 2],
  { var: 'constructor.prototype' },
  { '==': [{ var: '__proto__' }, 1] },
  'x'.repeat(70_000),
  ...BAD_STRINGS.slice(0, 9),
];

/** Mass-assignment attempts: fields the server alone decides. */
const SERVER_FIELDS = {
  org_id: randomUUID(),
  orgId: randomUUID(),
  version: 99,
  created_by: randomUUID(),
  status_code: 'WON',
  statusCode: 'WON',
  id: randomUUID(),
};

function deep(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** Inlines `$ref`s (bounded) so ajv can compile an operation's schema on its own. */
function inline(doc: OpenApiDoc, schema: unknown, depth = 0): unknown {
  if (depth > 12 || schema === null || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map((s) => inline(doc, s, depth + 1));
  const s = schema as JsonSchema;
  if (typeof s.$ref === 'string') return inline(doc, resolve(doc, s), depth + 1);
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, inline(doc, v, depth + 1)]));
}

export function bodyValidator(doc: OpenApiDoc, schema: JsonSchema): ValidateFunction {
  const ajv = new Ajv({
    strict: false,
    allErrors: false,
    coerceTypes: 'array',
    useDefaults: true,
    allowUnionTypes: true,
  });
  // ajv-formats ships CommonJS: its default export is the plugin itself or sits under `default`.
  const addFormats = ((addFormatsPlugin as unknown as { default?: unknown }).default ?? addFormatsPlugin) as (
    a: Ajv,
  ) => void;
  addFormats(ajv);
  ajv.addVocabulary(['example', 'xml', 'externalDocs']);
  return ajv.compile(inline(doc, schema) as object);
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** Every invalid case of one operation; `pathIds` fills path parameters for body/query cases. */
export function fuzzCases(
  doc: OpenApiDoc,
  o: Operation,
  fill: (values: Record<string, string>) => string,
): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const pathValues = Object.fromEntries(
    o.pathParams.map((p) => {
      const schema = resolve(doc, p.schema);
      return [p.name, Array.isArray(schema.enum) ? String(schema.enum[0]) : randomUUID()];
    }),
  );
  const url = fill(pathValues);
  const validBody = o.body ? sampleValid(doc, o.body, randomUUID) : undefined;

  for (const p of o.pathParams)
    for (const bad of [...BAD_STRINGS, 'FAX'])
      cases.push({
        what: `path ${p.name}=${bad.slice(0, 20)}`,
        url: fill({ ...pathValues, [p.name]: bad }),
        payload: validBody,
      });

  for (const q of o.query) {
    const schema = resolve(doc, q.schema);
    const types = typesOf(schema);
    const bads = [
      'x'.repeat(5000),
      'NOPE',
      '-99999999999999999999',
      '1e309',
      "' or 1=1 --",
      '%00',
      '2026-13-45',
    ];
    for (const bad of bads) {
      if (types.includes('string') && !schema.enum && !schema.format && !schema.pattern && !schema.maxLength)
        continue;
      cases.push({
        what: `query ${q.name}=${bad.slice(0, 20)}`,
        url: `${url}?${q.name}=${encodeLoosely(bad)}`,
        payload: validBody,
      });
    }
  }
  // Only reads: a write route without a query schema ignores unknown parameters, and its valid body
  // would then be accepted.
  if (o.method === 'GET') cases.push({ what: 'unknown query parameter', url: `${url}?zz_unknown=1` });

  if (o.body) {
    const validate = bodyValidator(doc, o.body);
    const keep = (what: string, payload: unknown) => {
      if (!validate(clone(payload))) cases.push({ what, url, payload });
    };
    for (const whole of [[], 'text', 123, null, true, deep(64)])
      keep(`body ${JSON.stringify(whole).slice(0, 20)}`, whole);
    // Deeper than any validator should walk: sent as is (no schema here accepts it).
    cases.push({
      what: 'body nested 10,000 deep',
      url,
      payload: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
      headers: { 'content-type': 'application/json' },
    });
    const schema = resolve(doc, o.body);
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of Object.keys(props)) {
      for (const bad of BAD_VALUES)
        keep(`body ${key}=${JSON.stringify(bad).slice(0, 20)}`, { ...(validBody as object), [key]: bad });
      if (((schema.required as string[] | undefined) ?? []).includes(key)) {
        const without = { ...(validBody as Record<string, unknown>) };
        delete without[key];
        keep(`body without ${key}`, without);
      }
    }
    for (const [key, value] of Object.entries(SERVER_FIELDS))
      keep(`body mass-assign ${key}`, { ...(validBody as object), [key]: value });
    cases.push({
      what: 'invalid JSON',
      url,
      payload: '{"a":',
      headers: { 'content-type': 'application/json' },
    });
    cases.push({
      what: 'wrong content type',
      url,
      payload: 'a=1',
      headers: { 'content-type': 'text/x-unknown' },
    });
    cases.push({
      what: 'body over the limit',
      url,
      payload: JSON.stringify({ a: 'x'.repeat(1_100_000) }),
      headers: { 'content-type': 'application/json' },
    });
  }
  // Header abuse; a write carries an invalid body so nothing could be accepted past the header check.
  const headerBody = o.method === 'GET' ? undefined : o.body ? [] : validBody;
  const headerCases: Array<[string, Record<string, string>]> = [
    ['garbage bearer token', { authorization: 'Bearer abc.def.ghi' }],
    ['unsigned token (alg none)', { authorization: `Bearer ${noneToken()}` }],
    ['foreign X-Tenant-ID', { 'x-tenant-id': randomUUID() }],
    ['huge Idempotency-Key', { 'idempotency-key': 'k'.repeat(5000) }],
  ];
  for (const [what, headers] of headerCases) cases.push({ what, url, payload: headerBody, headers });
  return cases;
}

function noneToken(): string {
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: randomUUID(), org: randomUUID(), exp: 4102444800 })}.`;
}

/** Random JSON for the full run's extra rounds (seeded, so a failure can be replayed). */
export function randomJson(rnd: () => number, depth = 0): unknown {
  const r = rnd();
  if (depth > 4 || r < 0.3) return BAD_VALUES[Math.floor(rnd() * BAD_VALUES.length)];
  if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomJson(rnd, depth + 1));
  const keys = [
    'name',
    'status',
    'id',
    'version',
    'rule',
    'var',
    'email',
    'phone',
    'q',
    '__proto__',
    'constructor',
  ];
  return Object.fromEntries(
    Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => [
      keys[Math.floor(rnd() * keys.length)]!,
      randomJson(rnd, depth + 1),
    ]),
  );
}
