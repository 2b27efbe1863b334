/** Why a search was refused (crm context). */
export enum SearchErrorCode {
  /** The query holds no letter or digit to search for. */
  SEARCH_TERMS_REQUIRED = 'SEARCH_TERMS_REQUIRED',
  SEARCH_QUERY_TOO_LONG = 'SEARCH_QUERY_TOO_LONG',
}

/** Why a contact, account or role change was refused (crm context). */
export const ContactErrorCode = {
  /** params: `email`, `name` of the contact who has it */
  CONTACT_EMAIL_TAKEN: 'CONTACT_EMAIL_TAKEN',
} as const;
export type ContactErrorCode = (typeof ContactErrorCode)[keyof typeof ContactErrorCode];
