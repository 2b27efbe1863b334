/**
 * The envelope rule of issue 16 ("one shape for every answer"), checked on the OpenAPI document
 * itself so every operation — including ones added later — is held to it. Pure functions over the
 * document; `test/api/openapi-envelope.test.ts` runs them on `/docs/json`.
 *
 * - A **list** is a GET whose 2xx JSON schema is an object with a `data` array. It declares the
 *   query parameters `page`, `pageSize` (with a `maximum`) and `sort`, and its answer has exactly
 *   `data` and `total`, both required. Or it is the **cursor form** (feeds, newest first): `cursor`
 *   and a bounded `pageSize`, answering `data`, `total` and `nextCursor` (null on the last page), all
 *   required. One documented extra: the moves of a workflow (`…/transitions`) also say the
 *   `statusCode` they start from.
 * - Any other 2xx JSON answer of a GET/POST/PUT/PATCH is the **resource itself**, never a wrapper.
 *   A wrapper is an object schema without an `id` property that has exactly one property holding a
 *   resource (an object schema, after `$ref`, with an `id` property) and at most two others
 *   (`{ entry, rejected }`, `{ appointment, warnings }`, `{ user, temporaryPassword }`). A session
 *   (`{ accessToken, expiresIn, user }`: its `accessToken` is what the call creates) is not one.
 * - Every object schema reachable from a 2xx JSON answer (through `$ref`s into components, nested
 *   properties, items, compositions) that has `properties` has a non-empty `required` list.
 */
import { resolve, typesOf, type JsonSchema, type OpenApiDoc } from './openapi.js';

export interface EnvelopeOperation {
  key: string;
  method: string;
  schema: JsonSchema | null;
  query: { name: string; schema?: JsonSchema }[];
}

const isObject = (s: JsonSchema) => typesOf(s).includes('object') || (!s.type && !!s.properties);
const propsOf = (s: JsonSchema) => (s.properties ?? {}) as Record<string, JsonSchema>;

/** GET/POST/PUT/PATCH operations of the document with their first 2xx JSON schema. */
export function envelopeOperations(doc: OpenApiDoc): EnvelopeOperation[] {
  const out: EnvelopeOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH'].includes(method)) continue;
      const responses = ((op as JsonSchema).responses ?? {}) as Record<string, JsonSchema>;
      const ok = Object.entries(responses).find(([code]) => code.startsWith('2'));
      const content = (ok?.[1].content ?? {}) as Record<string, { schema?: JsonSchema }>;
      out.push({
        key: `${method} ${path}`,
        method,
        schema: content['application/json']?.schema ?? null,
        query: (op.parameters ?? []).filter((p) => p.in === 'query'),
      });
    }
  }
  return out;
}

export function isList(doc: OpenApiDoc, op: EnvelopeOperation): boolean {
  if (op.method !== 'GET' || !op.schema) return false;
  const s = resolve(doc, op.schema);
  const data = propsOf(s).data;
  return isObject(s) && !!data && typesOf(resolve(doc, data)).includes('array');
}

export function listViolations(doc: OpenApiDoc, op: EnvelopeOperation): string[] {
  const out: string[] = [];
  const s = resolve(doc, op.schema ?? {});
  const param = (name: string) => op.query.find((q) => q.name === name);
  const cursor = 'nextCursor' in propsOf(s);
  const params = cursor ? ['cursor', 'pageSize'] : ['page', 'pageSize', 'sort'];
  for (const name of params) if (!param(name)) out.push(`${op.key}: no ?${name}`);
  const pageSize = param('pageSize');
  if (pageSize && typeof pageSize.schema?.maximum !== 'number') out.push(`${op.key}: ?pageSize unbounded`);
  const want = cursor ? ['data', 'total', 'nextCursor'] : ['data', 'total'];
  const extras = op.key.endsWith('/transitions') ? ['statusCode'] : [];
  const keys = Object.keys(propsOf(s)).filter((k) => !extras.includes(k));
  if (JSON.stringify(keys.sort()) !== JSON.stringify([...want].sort()))
    out.push(`${op.key}: answers {${keys.join(', ')}}, not {${want.join(', ')}}`);
  const required = (s.required as string[] | undefined) ?? [];
  const missing = want.filter((k) => !required.includes(k));
  if (missing.length) out.push(`${op.key}: ${missing.join(', ')} not required`);
  return out;
}

const isResource = (doc: OpenApiDoc, raw: JsonSchema) => {
  const s = resolve(doc, raw);
  return isObject(s) && 'id' in propsOf(s);
};

export function wrapperViolation(doc: OpenApiDoc, op: EnvelopeOperation): string | null {
  if (!op.schema) return null;
  const s = resolve(doc, op.schema);
  if (!isObject(s)) return null;
  const props = propsOf(s);
  if ('id' in props || 'accessToken' in props) return null;
  const resources = Object.entries(props).filter(([, v]) => isResource(doc, v));
  if (resources.length !== 1 || Object.keys(props).length > 3) return null;
  return `${op.key}: wraps its resource in {${Object.keys(props).join(', ')}}`;
}

/** Object schemas with properties but no `required`, reachable from the given schema. */
export function schemasWithoutRequired(
  doc: OpenApiDoc,
  root: JsonSchema,
  where: string,
  seen: Set<string>,
): string[] {
  const out: string[] = [];
  const walk = (raw: unknown, at: string) => {
    if (!raw || typeof raw !== 'object') return;
    if (Array.isArray(raw)) return raw.forEach((s, i) => walk(s, `${at}[${i}]`));
    const s = raw as JsonSchema;
    if (typeof s.$ref === 'string') {
      if (seen.has(s.$ref)) return;
      seen.add(s.$ref);
      return walk(resolve(doc, s), s.$ref.replace('#/components/schemas/', ''));
    }
    const props = propsOf(s);
    if (Object.keys(props).length && !(s.required as string[] | undefined)?.length) out.push(at);
    for (const [k, v] of Object.entries(props)) walk(v, `${at}.${k}`);
    for (const key of ['items', 'additionalProperties', 'then', 'else', 'not'])
      if (s[key] && typeof s[key] === 'object') walk(s[key], `${at}.${key}`);
    for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) if (s[key]) walk(s[key], `${at}.${key}`);
  };
  walk(root, where);
  return out;
}

/** Every violation of the rule in the document, one line each. */
export function envelopeViolations(doc: OpenApiDoc) {
  const lists: string[] = [];
  const wrappers: string[] = [];
  const required: string[] = [];
  const seen = new Set<string>();
  for (const op of envelopeOperations(doc)) {
    if (!op.schema) continue;
    if (isList(doc, op)) lists.push(...listViolations(doc, op));
    else {
      const w = wrapperViolation(doc, op);
      if (w) wrappers.push(w);
    }
    required.push(...schemasWithoutRequired(doc, op.schema, op.key, seen));
  }
  return { lists, wrappers, required };
}
