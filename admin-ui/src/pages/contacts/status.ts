import type { Schemas } from '../../api/client';

export type ContactStatus = Schemas['Contact']['status'];

/** Each status the API sends (its schema's enum: a status added there fails typecheck here) and its tag colour. */
export const STATUS_COLOR: Record<ContactStatus, string> = {
  lead: 'gold',
  active_client: 'green',
  archived: 'default',
};
export const CONTACT_STATUSES = Object.keys(STATUS_COLOR) as ContactStatus[];
