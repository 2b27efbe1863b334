import { parse } from 'csv-parse/sync';
import type { ImportRowError, MappedRow } from '../../db/imports.js';
import { DomainError } from '../domain-error.js';
import { ImportErrorCode } from './error-codes.js';

/**
 * The pure half of the CSV import (issue 19 item 5): reading a spreadsheet's CSV (comma, semicolon
 * or tab; UTF-8 with or without BOM), proposing a column mapping, and checking a row's own values
 * with the API's rules. Lookups (dictionaries, existing contacts) are the caller's.
 */
export const CONTACT_IMPORT_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'source', 'tags'] as const;
export type ContactImportField = (typeof CONTACT_IMPORT_FIELDS)[number];
export const REQUIRED_CONTACT_FIELDS: readonly ContactImportField[] = ['firstName', 'lastName', 'email'];

/** Bounded cost: a file this size parses in well under a second; bigger ones are split by the user. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

export interface CsvTable {
  columns: string[];
  rows: string[][];
}

const refuse = (code: ImportErrorCode, detail: string, params: Record<string, unknown> = {}) =>
  new DomainError('crm', 'invalid', code, detail, params, [{ field: 'file', message: detail, code, params }]);

/** The delimiter of the header line: the one of `; , \t` it holds most (French Excel writes `;`). */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const counts = [';', ',', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

export function readCsv(text: string): CsvTable {
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES)
    throw refuse(ImportErrorCode.IMPORT_FILE_TOO_LARGE, 'The file is larger than 5 MB.', {
      limit: MAX_IMPORT_BYTES,
    });
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      to: MAX_IMPORT_ROWS + 2,
    }) as string[][];
  } catch (err) {
    throw refuse(
      ImportErrorCode.IMPORT_FILE_UNREADABLE,
      `Not a readable CSV file: ${(err as Error).message}`,
    );
  }
  const [header, ...rows] = records;
  if (!header?.length || !rows.length)
    throw refuse(ImportErrorCode.IMPORT_FILE_EMPTY, 'The file needs a header line and at least one row.');
  if (rows.length > MAX_IMPORT_ROWS)
    throw refuse(ImportErrorCode.IMPORT_TOO_MANY_ROWS, `At most ${MAX_IMPORT_ROWS} rows per file.`, {
      limit: MAX_IMPORT_ROWS,
    });
  return { columns: header, rows };
}

const SYNONYMS: Record<ContactImportField, string[]> = {
  firstName: ['prenom', 'first name', 'firstname', 'given name', 'prénom'],
  lastName: ['nom', 'last name', 'lastname', 'surname', 'family name', 'nom de famille'],
  email: ['email', 'e-mail', 'mail', 'courriel', 'adresse e-mail', 'adresse email'],
  phone: ['telephone', 'téléphone', 'tel', 'tél', 'phone', 'mobile', 'portable', 'gsm'],
  source: ['source', 'origine', 'lead source'],
  tags: ['tags', 'etiquettes', 'étiquettes', 'labels'],
};
const plain = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[_.]+/g, ' ').trim();

/** A first mapping from the header's words (accents and case ignored); the user corrects it. */
export function suggestMapping(columns: string[]): Record<string, ContactImportField | null> {
  const taken = new Set<ContactImportField>();
  return Object.fromEntries(
    columns.map((column) => {
      const field = CONTACT_IMPORT_FIELDS.find(
        (f) =>
          !taken.has(f) &&
          (plain(f) === plain(column) || SYNONYMS[f].some((s) => plain(s) === plain(column))),
      );
      if (field) taken.add(field);
      return [column, field ?? null];
    }),
  );
}

/** The mapping as the request sends it: every mapped column exists, no field mapped twice, the required ones mapped. */
export function checkMapping(columns: string[], mapping: Record<string, string | null>): void {
  const errors: ImportRowError[] = [];
  const seen = new Set<string>();
  for (const [column, field] of Object.entries(mapping)) {
    if (!field) continue;
    if (!columns.includes(column))
      errors.push({
        field: `mapping.${column}`,
        code: 'UNKNOWN_COLUMN',
        message: 'is not a column of the file',
      });
    if (!(CONTACT_IMPORT_FIELDS as readonly string[]).includes(field))
      errors.push({
        field: `mapping.${column}`,
        code: 'ENUM',
        message: `is not a field`,
        params: { allowedValues: CONTACT_IMPORT_FIELDS.join(', ') },
      });
    if (seen.has(field))
      errors.push({ field: `mapping.${column}`, code: 'UNIQUE_ITEMS', message: `${field} is mapped twice` });
    seen.add(field);
  }
  for (const field of REQUIRED_CONTACT_FIELDS)
    if (!seen.has(field))
      errors.push({
        field: `mapping`,
        code: 'FIELD_NOT_MAPPED',
        message: `${field} needs a column`,
        params: { field },
      });
  if (errors.length)
    throw new DomainError(
      'crm',
      'invalid',
      ImportErrorCode.IMPORT_MAPPING_INVALID,
      'The column mapping is not usable.',
      {},
      errors,
    );
}

/** Each data row as its mapped fields, numbered as the spreadsheet shows it (header = line 1). */
export function mapRows(table: CsvTable, mapping: Record<string, string | null>): MappedRow[] {
  const index = Object.entries(mapping)
    .filter((e): e is [string, string] => Boolean(e[1]))
    .map(([column, field]) => [table.columns.indexOf(column), field] as const);
  return table.rows.map((cells, i) => ({
    line: i + 2,
    values: Object.fromEntries(
      index.map(([at, field]) => [field, (cells[at] ?? '').trim()]).filter(([, v]) => v !== ''),
    ),
  }));
}

// The shape ajv's `email` format accepts (what POST /contacts requires).
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** Tags as a cell holds them: "vip, investisseur" or "vip|investisseur". */
export const tagsOf = (cell: string | undefined) =>
  (cell ?? '')
    .split(/[,|;]/)
    .map((t) => t.trim())
    .filter(Boolean);

/** The row's own faults (no lookups but the dictionaries' codes given). */
export function rowErrors(
  values: Record<string, string>,
  known: { sources: Set<string>; tags: Set<string> },
  phone: { ok: true } | { ok: false; message: string } | undefined,
): ImportRowError[] {
  const errors: ImportRowError[] = [];
  for (const field of REQUIRED_CONTACT_FIELDS)
    if (!values[field]) errors.push({ field, code: 'REQUIRED', message: 'is required' });
  if (values.email && !EMAIL.test(values.email))
    errors.push({
      field: 'email',
      code: 'FORMAT',
      message: 'is not an email address',
      params: { format: 'email' },
    });
  for (const field of ['firstName', 'lastName'] as const)
    if ((values[field]?.length ?? 0) > 100)
      errors.push({ field, code: 'MAX_LENGTH', message: 'is too long', params: { limit: 100 } });
  if (phone && !phone.ok)
    errors.push({ field: 'phone', code: 'FORMAT', message: phone.message, params: { format: 'phone' } });
  if (values.source && !known.sources.has(values.source))
    errors.push({
      field: 'source',
      code: 'UNKNOWN_CODE',
      message: `unknown LEAD_SOURCE code ${values.source}`,
      params: { codes: values.source },
    });
  const unknownTags = tagsOf(values.tags).filter((t) => !known.tags.has(t));
  if (unknownTags.length)
    errors.push({
      field: 'tags',
      code: 'UNKNOWN_CODE',
      message: `unknown TAG code(s)`,
      params: { codes: unknownTags.join(', ') },
    });
  return errors;
}
