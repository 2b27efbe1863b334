import type { Options } from 'csv-stringify';
import { isE164 } from '../../definitions/e164.js';

/** A plain decimal number (an amount, a count): a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
/** What a spreadsheet may take for a formula (OWASP CSV injection), including the full-width forms. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * OWASP's defence against CSV (formula) injection: a cell a spreadsheet would evaluate is prefixed
 * with `'`, so it shows as text. csv-stringify's own `escape_formulas` would also turn
 * `+33612345678` into `'+33612345678`, hence this variant that keeps phone numbers and plain
 * numbers as they are (neither is a formula).
 */
export function neutraliseFormula(value: string): string {
  if (!FORMULA_START.test(value) || isE164(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/** The one CSV dialect of every export: `;`, UTF-8 with BOM, CRLF (what Excel opens), formulas neutralised. */
export function csvOptions(columns: string[]): Options {
  return {
    delimiter: ';',
    bom: true,
    header: true,
    columns,
    record_delimiter: '\r\n',
    cast: { string: neutraliseFormula },
  };
}
