export interface AccountContactLink {
  contactId: string;
  isPrimary: boolean;
  isBilling: boolean;
  isShipping: boolean;
  isDecisionMaker: boolean;
  version: number;
}

export interface Account {
  id: string;
  code: string;
  name: string;
  type: string;
  city: string | null;
  country: string | null;
  primaryContactId: string | null;
  convertedAt: string | null;
  contacts: AccountContactLink[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export { ACCOUNT_TYPES } from '../../../../definitions/account.js';
export const TYPE_COLOR: Record<string, string> = {
  PROSPECT: 'gold',
  LEAD: 'orange',
  CUSTOMER: 'green',
  VIP: 'purple',
  PARTNER: 'blue',
  CHURNED: 'default',
};
