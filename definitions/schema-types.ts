/**
 * A small type-level JSON Schema → TypeScript mapping, enough for the schemas in this folder
 * (objects, arrays, enums, consts, oneOf, local $ref, nullable type lists, pattern/additional properties).
 * It lets each schema be written once, as an `as const` object, with its types derived from it.
 */

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type Primitive<T> = T extends 'string'
  ? string
  : T extends 'integer' | 'number'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'null'
        ? null
        : never;

type RequiredKeys<S> = S extends { required: readonly (infer R)[] } ? R : never;

type PropertiesOf<S, D> = S extends { properties: infer P }
  ? { -readonly [K in keyof P as K extends RequiredKeys<S> ? K : never]: FromSchema<P[K], D> } & {
      -readonly [K in keyof P as K extends RequiredKeys<S> ? never : K]?: FromSchema<P[K], D>;
    }
  : unknown;

type PatternValues<S, D> = S extends { patternProperties: infer PP } ? FromSchema<PP[keyof PP], D> : never;

type AdditionalValues<S, D> = S extends { additionalProperties: false }
  ? never
  : S extends { additionalProperties: infer A extends object }
    ? FromSchema<A, D>
    : S extends { properties: object }
      ? never
      : S extends { patternProperties: object }
        ? never
        : unknown;

type PropertyValues<S, D> = S extends { properties: infer P } ? FromSchema<P[keyof P], D> : never;

/** Free keys (patternProperties / additionalProperties) become an index signature next to the named ones. */
type ObjectOf<S, D> = [PatternValues<S, D> | AdditionalValues<S, D>] extends [never]
  ? Simplify<PropertiesOf<S, D>>
  : Simplify<PropertiesOf<S, D>> & {
      [key: string]: PatternValues<S, D> | AdditionalValues<S, D> | PropertyValues<S, D>;
    };

/** `S` is the schema, `D` its `definitions` (for `#/definitions/X` references). */
export type FromSchema<S, D = S extends { definitions: infer X } ? X : object> = S extends {
  $ref: `#/definitions/${infer N}`;
}
  ? N extends keyof D
    ? FromSchema<D[N], D>
    : unknown
  : S extends { oneOf: infer A extends readonly unknown[] }
    ? { [I in keyof A]: FromSchema<A[I], D> }[number]
    : S extends { enum: infer E extends readonly unknown[] }
      ? E[number]
      : S extends { const: infer C }
        ? C
        : S extends { type: infer T extends readonly unknown[] }
          ? Primitive<T[number]>
          : S extends { type: 'array'; items: infer I }
            ? FromSchema<I, D>[]
            : S extends { type: 'array' }
              ? unknown[]
              : S extends { type: 'object' }
                ? ObjectOf<S, D>
                : S extends { type: infer T }
                  ? Primitive<T>
                  : unknown;
