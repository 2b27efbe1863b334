/** Channel consents (F-6.1): the channels a contact decides on, and the two decisions. */
export const CONSENT_CHANNELS = ['EMAIL', 'SMS', 'WHATSAPP', 'PHONE'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const CONSENT_STATUSES = ['OPT_IN', 'OPT_OUT'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
