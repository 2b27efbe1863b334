/** The kinds of customer company (F-4.6), as the API takes and sends them. */
export const ACCOUNT_TYPES = ['PROSPECT', 'LEAD', 'CUSTOMER', 'VIP', 'PARTNER', 'CHURNED'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
