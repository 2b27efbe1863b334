/**
 * Reads the API's own OpenAPI document (`/docs/json`) so access probing and fuzzing cover every
 * operation, including ones added later, without a hand-kept list.
 */
import type { FastifyInstance } from 'fastify';

export type JsonSchema = Record<string, unknown>;
export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: JsonSchema;
}
export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  'x-permission'?: string[] | 'public' | 'authenticated';
}
export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  op: OpenApiOperation;
  pathParams: OpenApiParameter[];
  query: OpenApiParameter[];
  body: JsonSchema | null;
}

export async function loadOpenApi(app: FastifyInstance): Promise<OpenApiDoc> {
  const res = await app.inject({ url: '/docs/json' });
  if (res.statusCode !== 200) throw new Error(`/docs/json answered ${res.statusCode}`);
  return res.json<OpenApiDoc>();
}

/** Every /api operation of the document. */
export function operations(doc: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase() as Operation['method'];
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const params = op.parameters ?? [];
      out.push({
        method,
        path,
        op,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return out;
}

/** Follows `$ref`s into components (one level at a time, as often as needed). */
export function resolve(doc: OpenApiDoc, schema: JsonSchema | undefined): JsonSchema {
  let s = schema ?? {};
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
    const name = s.$ref.split('/').pop() ?? '';
    s = doc.components?.schemas?.[name] ?? {};
  }
  return s;
}

export function typesOf(schema: JsonSchema): string[] {
  const t = schema.type;
  return Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : [];
}

/**
 * A minimal value the schema accepts (required properties only), so a request gets past validation
 * and reaches the handler: `idFor` supplies ids for uuid-formatted strings.
 */
export function sampleValid(doc: OpenApiDoc, raw: JsonSchema | undefined, idFor: () => string): unknown {
  const schema = resolve(doc, raw);
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null) ?? null;
  if (schema.const !== undefined) return schema.const;
  const alternatives = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (alternatives?.length) return sampleValid(doc, alternatives[0], idFor);
  const types = typesOf(schema);
  const type = types.find((t) => t !== 'null') ?? (schema.properties ? 'object' : 'string');
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const out: Record<string, unknown> = {};
      for (const key of (schema.required as string[] | undefined) ?? [])
        out[key] = sampleValid(doc, props[key], idFor);
      return out;
    }
    case 'array': {
      const min = Number(schema.minItems ?? 0);
      return Array.from({ length: min }, () => sampleValid(doc, schema.items as JsonSchema, idFor));
    }
    case 'integer':
    case 'number':
      return Number(
        schema.minimum ?? (schema.exclusiveMinimum !== undefined ? Number(schema.exclusiveMinimum) + 1 : 1),
      );
    case 'boolean':
      return true;
    default: {
      if (schema.format === 'uuid') return idFor();
      if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
      if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
      if (schema.format === 'email') return 'probe@example.test';
      const min = Number(schema.minLength ?? 1);
      return 'x'.repeat(Math.max(1, min));
    }
  }
}

/** Fills `{param}`s of an OpenAPI path. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeLoosely(values[name] ?? name));
}

/** encodeURIComponent, except that a lone surrogate becomes the invalid UTF-8 it would be on the wire. */
export function encodeLoosely(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}
