import type { HttpError } from '@refinedev/core';
import { fieldErrorText, type FieldReason } from './field-errors';
import { problemText } from './problem-text';
import { getToken } from './session';

/** RFC 9457 problem details, as returned by the API on errors. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** Stable code (and its params) the UI phrases; `detail` is English, for logs and API users. */
  code?: string;
  params?: Record<string, unknown>;
  errors?: FieldReason[];
  /** On a 409 duplicate: the id of the record that already holds the value (e.g. a contact's email). */
  existingId?: string;
  [extra: string]: unknown;
}

/** An Error that is also a Refine `HttpError` (`message`, `statusCode`, `errors` for inline field errors). */
export class ApiError extends Error implements HttpError {
  readonly statusCode: number;
  readonly errors?: Record<string, string>;
  readonly problem?: ProblemDetails;

  constructor(message: string, statusCode: number, problem?: ProblemDetails) {
    // Refusals are phrased from their code in the user's language (problems/fieldErrors namespaces).
    super(problem || statusCode >= 400 ? problemText(problem, statusCode) : message);
    this.name = problem?.title ?? 'Request failed';
    this.statusCode = statusCode;
    this.problem = problem;
    if (problem?.errors?.length) {
      // Several messages for one field are joined; `(body)` and dotted paths map to form names as-is.
      const byField: Record<string, string> = {};
      for (const e of problem.errors) {
        const text = fieldErrorText(e);
        byField[e.field] = byField[e.field] ? `${byField[e.field]}; ${text}` : text;
      }
      this.errors = byField;
    }
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the stored bearer token (default true). */
  auth?: boolean;
}

/** The error of a refused answer: its problem+json when the body is one, else its status alone. */
export function problemError(res: Response, body: unknown): ApiError {
  if (body && typeof body === 'object') {
    const problem = body as ProblemDetails;
    const message = problem.detail ?? problem.title ?? res.statusText;
    return new ApiError(message, problem.status ?? res.status, problem);
  }
  return new ApiError(res.statusText || `HTTP ${res.status}`, res.status);
}

async function toApiError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return problemError(res, await res.json());
    } catch {
      // fall through to the generic error
    }
  }
  return problemError(res, undefined);
}

/** fetch wrapper: JSON in/out, bearer auth, problem+json errors thrown as `ApiError`. */
export async function request<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = options.auth === false ? null : getToken();
  if (token) headers.Authorization = `Bearer ${token}`;

  let res: Response;
  try {
    res = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (err) {
    throw new ApiError(`Network error: ${err instanceof Error ? err.message : String(err)}`, 0);
  }

  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The problem+json of an error thrown by `request` (or by Refine hooks over the data provider), if any. */
export function problemOf(error: unknown): ProblemDetails | undefined {
  return error instanceof ApiError ? error.problem : undefined;
}

/** A readable message for any error, in the user's language (see problemText). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
