/** Nested inline object schemas without `required` get every property required (`$ref`s stay as they are). */
function closeNested(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema) || '$ref' in schema) return schema;
  const s = schema as Record<string, unknown>;
  const out: Record<string, unknown> = { ...s };
  if (s.properties && typeof s.properties === 'object') {
    const props = s.properties as Record<string, unknown>;
    out.properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, closeNested(v)]));
    if (!Array.isArray(s.required)) out.required = Object.keys(props);
  }
  if (s.items) out.items = closeNested(s.items);
  for (const key of ['anyOf', 'oneOf'])
    if (Array.isArray(s[key])) out[key] = (s[key] as unknown[]).map(closeNested);
  return out;
}

/**
 * A response schema that says what is always there: `required` lists every property but `optional`
 * (the views write every key, `null` when empty), and so does every nested object schema that lists
 * none itself — so a generated client need not write `x.id!`. fast-json-stringify then refuses an
 * answer missing one of them (a 500, which the route's tests would catch).
 */
export function closed<const S extends { properties: Record<string, unknown> }>(
  schema: S,
  optional: readonly (keyof S['properties'] & string)[] = [],
) {
  return {
    ...(closeNested(schema) as S),
    required: Object.keys(schema.properties).filter((k) => !optional.includes(k)),
  };
}
