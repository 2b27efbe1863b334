// The generated types alone (no client import): Node's unit tests compile this file too.
import type { components } from '../api/schema.js';

type EntrySchema = components['schemas']['DictionaryEntry'];
/** An entry as the API sends it: every property present (null where allowed), `metadata` only when set. */
export type DictionaryEntry = Required<Omit<EntrySchema, 'metadata'>> & Pick<EntrySchema, 'metadata'>;

/** Label in the UI language (French falls back to English, and the reverse). */
export function entryLabel(entry: Pick<DictionaryEntry, 'label' | 'labelFr'>, lang: string): string {
  return lang.startsWith('fr') ? (entry.labelFr ?? entry.label) : entry.label || (entry.labelFr ?? '');
}

/** New order of codes after dragging `activeCode` onto `overCode`. */
export function moveCode(codes: readonly string[], activeCode: string, overCode: string): string[] {
  const from = codes.indexOf(activeCode);
  const to = codes.indexOf(overCode);
  if (from < 0 || to < 0 || from === to) return [...codes];
  const next = [...codes];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}
