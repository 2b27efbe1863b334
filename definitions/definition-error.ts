/** Every way a workflow definition (or one of its parts) can be refused; stable codes for API clients. */
export const DefinitionErrorCode = {
  SCHEMA: 'SCHEMA',
  NO_INITIAL_STATE: 'NO_INITIAL_STATE',
  SEVERAL_INITIAL_STATES: 'SEVERAL_INITIAL_STATES',
  UNREACHABLE_STATE: 'UNREACHABLE_STATE',
  DEAD_END: 'DEAD_END',
  TRANSITION_FROM_TERMINAL: 'TRANSITION_FROM_TERMINAL',
  UNKNOWN_STATUS_CODE: 'UNKNOWN_STATUS_CODE',
  UNKNOWN_CASE_TYPE: 'UNKNOWN_CASE_TYPE',
  UNKNOWN_STATE: 'UNKNOWN_STATE',
  DUPLICATE_TRANSITION: 'DUPLICATE_TRANSITION',
  DUPLICATE_STATE: 'DUPLICATE_STATE',
  FORBIDDEN_OPERATOR: 'FORBIDDEN_OPERATOR',
  UNKNOWN_FACT: 'UNKNOWN_FACT',
  MISSING_REASON_TYPE: 'MISSING_REASON_TYPE',
  MISSING_REASON_CODE: 'MISSING_REASON_CODE',
  INVALID_DURATION: 'INVALID_DURATION',
  UNKNOWN_PERMISSION: 'UNKNOWN_PERMISSION',
  TIMER_TARGET_UNKNOWN: 'TIMER_TARGET_UNKNOWN',
  DUPLICATE_RULE: 'DUPLICATE_RULE',
  RULE_TOO_LARGE: 'RULE_TOO_LARGE',
  RULE_TOO_COSTLY: 'RULE_TOO_COSTLY',
  TIMERS_NOT_SUPPORTED: 'TIMERS_NOT_SUPPORTED',
} as const;

export type DefinitionErrorCode = (typeof DefinitionErrorCode)[keyof typeof DefinitionErrorCode];

/**
 * One refusal: where (JSON pointer into the definition, '' = the whole document), why, and a code;
 * `params` name what the code's sentence needs (the UI phrases it in the user's language).
 */
export interface DefinitionProblem {
  path: string;
  message: string;
  code: DefinitionErrorCode;
  params?: Record<string, string | number>;
}

/** Thrown by the parts that cannot return a list of problems (e.g. parseIsoDuration). */
export class DefinitionError extends Error {
  override name = 'DefinitionError';
  constructor(
    readonly code: DefinitionErrorCode,
    message: string,
    readonly path = '',
  ) {
    super(message);
  }
}
