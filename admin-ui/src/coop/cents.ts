/**
 * Money in the coop screens: the API speaks integer cents; the UI shows euros. Every conversion here
 * is integer arithmetic (BigInt), so no amount ever goes through a binary fraction.
 */

function split(cents: number): { negative: boolean; units: bigint; fraction: string } {
  const negative = cents < 0;
  const abs = BigInt(Math.abs(Math.trunc(cents)));
  return { negative, units: abs / 100n, fraction: (abs % 100n).toString().padStart(2, '0') };
}

/** In `lang`: "1 234,50 €" (fr) or "€1,234.50" (en) from 123450 cents; "—" when there is no amount. */
export function formatCentsIn(lang: string, cents: number | null | undefined, currency = 'EUR'): string {
  if (cents === null || cents === undefined) return '—';
  const { negative, units, fraction } = split(cents);
  const nf = new Intl.NumberFormat(lang, {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const parts = nf.formatToParts(units).map((p) => (p.type === 'fraction' ? fraction : p.value));
  if (!negative) return parts.join('');
  // The locale's minus sign, where the locale puts it (before the currency in en, before the digits in fr).
  const pattern = nf.formatToParts(-1n);
  const at = pattern.findIndex((p) => p.type === 'minusSign');
  const sign = pattern[at]?.value ?? '-';
  parts.splice(Math.max(at, 0), 0, sign);
  return parts.join('');
}

/** "1234.50": cents as the decimal text a form input edits. */
export function centsToDecimal(cents: number | null | undefined): string | null {
  if (cents === null || cents === undefined) return null;
  const { negative, units, fraction } = split(cents);
  return `${negative ? '-' : ''}${units}.${fraction}`;
}

/** "1234,5" or "1234.50" typed in euros → 123450 cents; null when empty or not an amount. */
export function decimalToCents(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null;
  const match = /^\s*(-)?(\d+)(?:[.,](\d{0,2}))?\s*$/.exec(String(text));
  if (!match) return null;
  const cents = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  const value = match[1] ? -cents : cents;
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(value);
}

/** A rate in basis points shown as a percentage: 150 → "1,5 %". */
export function formatBasisPointsIn(lang: string, bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return '—';
  const whole = Math.trunc(bp / 100);
  const rest = String(Math.abs(bp % 100))
    .padStart(2, '0')
    .replace(/0+$/, '');
  const nf = new Intl.NumberFormat(lang);
  const sep = nf.formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return `${nf.format(whole)}${rest ? `${sep}${rest}` : ''} %`;
}

/** "1.5" (percent typed) → 150 bp, exactly. */
export const percentToBasisPoints = decimalToCents;

/** 150 bp → "1.50" for a percent input. */
export const basisPointsToPercent = centsToDecimal;
