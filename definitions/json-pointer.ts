/** RFC 6901: "~" → "~0", "/" → "~1" (the JsonLogic "/" operator appears in paths). */
export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** pointer('/transitions/0', 'guard', 'rule') → "/transitions/0/guard/rule". */
export function pointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((s) => `/${escapePointerSegment(s)}`).join('');
}
