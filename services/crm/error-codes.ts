/** Why a search was refused (crm context). */
export enum SearchErrorCode {
  /** The query holds no letter or digit to search for. */
  SEARCH_TERMS_REQUIRED = 'SEARCH_TERMS_REQUIRED',
  SEARCH_QUERY_TOO_LONG = 'SEARCH_QUERY_TOO_LONG',
}

/** Why a task (an open activity with a due date) could not be moved, reassigned or listed (crm context). */
export enum TaskErrorCode {
  TASK_NOT_FOUND = 'TASK_NOT_FOUND',
  /** Completed or superseded by a correction: it can no longer move. */
  TASK_CLOSED = 'TASK_CLOSED',
  /** The activity has no due date: it is a record of the past, not a task. */
  NOT_A_TASK = 'NOT_A_TASK',
  /** A move that changes neither the due date nor the assignee. */
  NOTHING_TO_CHANGE = 'NOTHING_TO_CHANGE',
  /** The time zone the buckets are computed in is not an IANA zone. */
  UNKNOWN_TIME_ZONE = 'UNKNOWN_TIME_ZONE',
}

/** Why a CSV import was refused as a whole (crm context); a bad row is reported, not refused. */
export enum ImportErrorCode {
  IMPORT_FILE_TOO_LARGE = 'IMPORT_FILE_TOO_LARGE',
  IMPORT_FILE_UNREADABLE = 'IMPORT_FILE_UNREADABLE',
  IMPORT_FILE_EMPTY = 'IMPORT_FILE_EMPTY',
  IMPORT_TOO_MANY_ROWS = 'IMPORT_TOO_MANY_ROWS',
  IMPORT_MAPPING_INVALID = 'IMPORT_MAPPING_INVALID',
  IMPORT_NOT_FOUND = 'IMPORT_NOT_FOUND',
}

/** Why a contact, account or role change was refused (crm context). */
export const ContactErrorCode = {
  /** params: `email`, `name` of the contact who has it */
  CONTACT_EMAIL_TAKEN: 'CONTACT_EMAIL_TAKEN',
} as const;
export type ContactErrorCode = (typeof ContactErrorCode)[keyof typeof ContactErrorCode];
