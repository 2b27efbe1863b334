import type { FieldError } from '../problem.js';
import { problems } from '../problem.js';

export interface PageQuery {
  page?: number;
  pageSize?: number;
  sort?: string;
}

/** `sort=-createdAt,email` → `{ createdAt: 'desc', email: 'asc' }`, refusing fields outside the allow-list. */
export function parseSort(
  sort: string | undefined,
  allowed: readonly string[],
  fallback: Record<string, 'asc' | 'desc'>,
) {
  if (!sort) return fallback;
  const orderBy: Record<string, 'asc' | 'desc'> = {};
  const errors: FieldError[] = [];
  for (const raw of sort
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const field = raw.replace(/^[-+]/, '');
    if (!allowed.includes(field))
      errors.push({ field: 'sort', message: `cannot sort by "${field}"; use one of ${allowed.join(', ')}` });
    else orderBy[field] = raw.startsWith('-') ? 'desc' : 'asc';
  }
  if (errors.length) throw problems.validation(errors);
  return orderBy;
}

export function pagination(q: PageQuery): { limit: number; offset: number } {
  const pageSize = q.pageSize ?? 25;
  return { limit: pageSize, offset: ((q.page ?? 1) - 1) * pageSize };
}

/** The `sort` query parameter of a list, naming the fields it accepts. */
export function sortQuery(fields: readonly string[]) {
  return {
    type: 'string',
    maxLength: 200,
    description: `Comma-separated fields, \`-\` for descending: ${fields.join(', ')}`,
  } as const;
}

export const pageQueryProperties = {
  page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
  pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 25 },
  sort: { type: 'string', maxLength: 200, description: 'Comma-separated fields; prefix `-` for descending' },
} as const;
