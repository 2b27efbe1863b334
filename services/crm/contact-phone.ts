import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { prefixTsQuery as toPrefixTsQuery } from './search-terms.js';

export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string };

/** Agencies are French first: a national number like `06 12 34 56 78` is read as FR. */
export const DEFAULT_PHONE_COUNTRY: CountryCode = 'FR';

/** Normalises a phone number to E.164, or says why it cannot be one. */
export function normalizePhone(
  raw: string,
  defaultCountry: CountryCode = DEFAULT_PHONE_COUNTRY,
): PhoneResult {
  const trimmed = raw.trim();
  if (!trimmed) return { ok: false, message: 'must not be empty' };
  // libphonenumber extracts a number from surrounding text; a phone field must be the number only.
  if (/\p{L}/u.test(trimmed)) return { ok: false, message: 'must contain digits only' };
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry);
  if (!parsed?.isValid()) return { ok: false, message: 'is not a valid phone number' };
  return { ok: true, e164: parsed.number };
}

/**
 * Full-text query for the contact search: words become prefix terms; a query that reads as a phone
 * number becomes its E.164 digits, which the search document indexes without the `+`.
 */
export function contactSearchTsQuery(q: string): string | undefined {
  if (/^[\d\s().+-]{6,}$/.test(q.trim())) {
    const phone = normalizePhone(q);
    if (phone.ok) return `${phone.e164.slice(1)}:*`;
  }
  return toPrefixTsQuery(q);
}
