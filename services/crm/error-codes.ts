/** Why a search was refused (crm context). */
export enum SearchErrorCode {
  /** The query holds no letter or digit to search for. */
  SEARCH_TERMS_REQUIRED = 'SEARCH_TERMS_REQUIRED',
  SEARCH_QUERY_TOO_LONG = 'SEARCH_QUERY_TOO_LONG',
}
