/**
 * The Arabic locale of a French namespace: the same keys, plus the plural forms Arabic has beyond
 * "one" and "other" (i18next asks for `_two`, `_few` and `_many` with Arabic counts).
 */
export type ArabicOf<T> = { [K in keyof T]: T[K] extends string ? string : ArabicOf<T[K]> } & {
  [plural: `${string}_${'zero' | 'two' | 'few' | 'many'}`]: string;
};
