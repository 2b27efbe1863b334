import type { AccountType } from '../../../../definitions/account.js';
import type { Schemas, Sent } from '../../api/client';

/** An account as the API sends it, with its contact links. */
export type Account = Sent<Schemas['Account']>;
export type AccountContactLink = Account['contacts'][number];

export { ACCOUNT_TYPES } from '../../../../definitions/account.js';
export const TYPE_COLOR: Record<AccountType, string> = {
  PROSPECT: 'gold',
  LEAD: 'orange',
  CUSTOMER: 'green',
  VIP: 'purple',
  PARTNER: 'blue',
  CHURNED: 'default',
};
