import i18n from '../i18n';

/** A field-level reason of a problem+json (`code` and `params` are optional: older routes send prose). */
export interface FieldReason {
  field: string;
  message: string;
  code?: string;
  params?: Record<string, unknown>;
}

const shown = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : v);

/**
 * The reason in the user's language by its code; for a code this UI does not know (the studio's
 * validation problems are not all coded yet), the API's message — after a generic reason in the
 * user's language — because it says what to fix.
 */
export function fieldErrorText(e: FieldReason): string {
  if (!e.code || !i18n.exists(e.code, { ns: 'fieldErrors' }))
    return i18n.language.startsWith('en') ? e.message : `${i18n.t('problems:fieldRefused')} : ${e.message}`;
  const params = Object.fromEntries(Object.entries(e.params ?? {}).map(([k, v]) => [k, shown(v)]));
  return i18n.t(e.code, { ns: 'fieldErrors', ...params });
}

/** One line for a whole validation problem whose every reason is translated, else undefined. */
export function fieldErrorsSummary(errors: FieldReason[]): string | undefined {
  if (!errors.length || !errors.every((e) => e.code && i18n.exists(e.code, { ns: 'fieldErrors' })))
    return undefined;
  return i18n.t('summary', { ns: 'fieldErrors' });
}
