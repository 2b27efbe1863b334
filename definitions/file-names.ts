/**
 * Characters a stored file name never keeps: controls (C0, DEL, C1 — they break HTTP headers and
 * terminals), the bidirectional overrides that disguise an extension (`invoice\u202Efdp.exe`), and
 * path separators.
 */
const UNSAFE = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069\\/]/gu;
const MAX_LENGTH = 255;

/**
 * The name a document is stored under: NFC, unsafe characters as `_`, trimmed, at most 255 characters
 * (whole code points); the fallback when nothing is left.
 */
export function sanitiseFileName(raw: string, fallback = 'document'): string {
  const name = raw.normalize('NFC').replace(UNSAFE, '_').trim();
  // Nothing left but the replacements, dots and blanks: not a name.
  if (/^[_.\s]*$/u.test(name)) return fallback;
  return [...name].slice(0, MAX_LENGTH).join('');
}

/**
 * The ASCII stand-in of a name, for clients that ignore RFC 5987's `filename*`: accents dropped
 * (`évé.png` → `eve.png`), anything else outside printable ASCII, and quotes, as `_`.
 */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
}
