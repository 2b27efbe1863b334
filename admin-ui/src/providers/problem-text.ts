import i18n from '../i18n';
import { fieldErrorsSummary, type FieldReason } from './field-errors';

/** The parts of a problem+json this UI phrases: its stable `code`, `params` and HTTP status. */
export interface CodedProblem {
  status?: number;
  detail?: string;
  code?: string;
  params?: Record<string, unknown>;
  errors?: FieldReason[];
}

/** Codes whose `detail` is the pipeline's message (its guards and required fields), not the API's English. */
const PIPELINE_WORDS = new Set(['GUARD_BLOCKED', 'REASON_REQUIRED']);

const permissionLabel = (p: unknown) =>
  i18n.t(`problems:permission.${String(p)}`, { defaultValue: String(p) });

/** Params as words: permission codes labelled, lists joined. */
function shownParams(code: string, params: Record<string, unknown>): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    const list = Array.isArray(v) ? v : [v];
    const words = code === 'PERMISSION_REQUIRED' && k === 'permissions' ? list.map(permissionLabel) : list;
    shown[k] = words.map(String).join(i18n.t('problems:or', { defaultValue: ' / ' }));
  }
  return shown;
}

/**
 * A refusal in the user's language, in one place for every toast and alert: the field reasons' summary,
 * else the sentence of its code, else a generic sentence for its status. The API's English `detail` is
 * never shown (an English user reads the same words from the `en` locale).
 */
export function problemText(problem: CodedProblem | undefined, httpStatus: number): string {
  const summary = problem?.errors?.length ? fieldErrorsSummary(problem.errors) : undefined;
  if (summary) return summary;
  const code = problem?.code;
  // A guard's refusal carries the pipeline's own message, written by its manager in the user's language.
  if (code && PIPELINE_WORDS.has(code) && problem?.detail) return problem.detail;
  if (code && i18n.exists(`problems:code.${code}`))
    return i18n.t(`problems:code.${code}`, shownParams(code, problem.params ?? {}));
  const status = problem?.status ?? httpStatus;
  return i18n.exists(`problems:status.${status}`)
    ? i18n.t(`problems:status.${status}`)
    : i18n.t('problems:generic');
}
