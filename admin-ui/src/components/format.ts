import i18n from '../i18n';

/** Dates in the UI language and the browser's time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(value),
  );
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  // A plain `YYYY-MM-DD` is a calendar date: format it without shifting it through UTC.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(date);
}

export function formatMoney(value: number | null | undefined, currency = 'EUR'): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(i18n.language, {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  }).format(value);
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(value);
}

const DURATION_UNITS = [
  ['Y', 'year'],
  ['M', 'month'],
  ['W', 'week'],
  ['D', 'day'],
  ['TH', 'hour'],
  ['TM', 'minute'],
  ['TS', 'second'],
] as const;

/**
 * An ISO 8601 duration in words of the UI language through Intl's unit formatting ("3 jours",
 * "1 h" with `short`), parts joined as a list; a value that is not a duration is shown as it is.
 */
export function formatIsoDuration(
  iso: string | null | undefined,
  display: 'long' | 'short' = 'long',
): string {
  if (!iso) return '—';
  const m =
    /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      iso,
    );
  if (!m || iso === 'P' || iso === 'PT') return iso;
  const parts = DURATION_UNITS.flatMap(([, unit], i) => {
    const n = m[i + 1];
    return n === undefined
      ? []
      : [
          new Intl.NumberFormat(i18n.language, { style: 'unit', unit, unitDisplay: display }).format(
            Number(n),
          ),
        ];
  });
  return new Intl.ListFormat(i18n.language, { style: 'narrow', type: 'unit' }).format(parts);
}
