import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Longest query the global search accepts (characters), and most results per kind. */
export const SEARCH_MAX_LENGTH = 100;
export const SEARCH_MAX_PER_KIND = 10;

/** `"villa nice"` → `villa:* & nice:*`: prefix terms over the `atlas_search` configuration (accents folded). */
export function prefixTsQuery(q: string): string | undefined {
  const tokens = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return tokens.length ? tokens.map((t) => `${t}:*`).join(' & ') : undefined;
}

/**
 * A query that reads as a phone number (digits, spaces, dots, dashes, brackets, a leading `+`) in any
 * format — `06 12 34 56 78`, `06.12.34.56.78`, `+33 6 12 34 56 78`, `+33612345678` — as the digits the
 * contact search document indexes (E.164 without its `+`), read as French when national. A partial
 * national number (`0612`) also matches as its international prefix (`33612`). Undefined otherwise.
 */
export function phoneTsQuery(q: string): string | undefined {
  const trimmed = q.trim();
  if (!/^\+?[\d\s().-]{4,}$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D+/g, '');
  if (digits.length < 4) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed, 'FR');
  if (parsed?.isValid()) return `${parsed.number.slice(1)}:*`;
  if (!trimmed.startsWith('+') && digits.startsWith('0') && !digits.startsWith('00'))
    return `(${digits}:* | 33${digits.slice(1)}:*)`;
  return `${digits.replace(/^00/, '')}:*`;
}

/** The contact query: a phone number as its digits, anything else as prefix words. */
export function contactTsQuery(q: string): string | undefined {
  return phoneTsQuery(q) ?? prefixTsQuery(q);
}

/** `50%_off` → `50\%\_off`: a LIKE pattern's wildcards typed by a user are characters. */
export function likeEscape(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}
