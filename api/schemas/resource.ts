/**
 * A resource's response schema says what is always there: every property is `required` (null where
 * the schema allows it) except the few a view leaves out on purpose. A client generated from the
 * document then reads `dossier.id`, not `dossier.id!`, and the serializer refuses to answer a
 * resource missing one of them (a bug caught by the suite, not by an integrator).
 */
export function resourceSchema<T extends { properties: Record<string, unknown> }>(
  schema: T,
  optional: readonly string[] = [],
): T & { required: string[] } {
  return { ...schema, required: Object.keys(schema.properties).filter((k) => !optional.includes(k)) };
}
