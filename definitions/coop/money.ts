/**
 * Money is integer cents end to end (bigint in PostgreSQL, safe integers in JSON and workflows) and
 * rates are basis points (1 bp = 0.01 %). Products go through BigInt so nothing is ever a float;
 * every rounding is half away from zero, done once, at the end.
 */

export const BASIS_POINTS = 10_000;

/** True for a safe integer amount of cents (negative allowed: credits). */
export function isCents(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** The amount as a safe integer, or a RangeError (an overflow must never become a silent float). */
export function toCents(value: bigint | number | string): number {
  const big = typeof value === 'bigint' ? value : BigInt(value);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER))
    throw new RangeError(`amount ${big} cents is out of the safe integer range`);
  return Number(big);
}

/** numerator / denominator rounded half away from zero (denominator > 0). */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -q : q;
}

/** amount × bp / 10 000, rounded once (a 1.5 % penalty on 123.45 € is 185 cents). */
export function percentOf(amount: number, basisPoints: number): number {
  return toCents(divRound(BigInt(amount) * BigInt(basisPoints), BigInt(BASIS_POINTS)));
}

/**
 * The amount indexed over `periods` periods at `rateBp` per period, compounded exactly and rounded
 * once: base × (1 + r)^n. Computing each period from the base, never from the previous rounded
 * amount, is what keeps a 36-month schedule free of rounding drift.
 */
export function compoundIndexed(base: number, rateBp: number, periods: number): number {
  if (!Number.isInteger(periods) || periods < 0) throw new RangeError('periods must be a natural number');
  if (periods === 0 || rateBp === 0) return base;
  const num = BigInt(base) * BigInt(BASIS_POINTS + rateBp) ** BigInt(periods);
  return toCents(divRound(num, BigInt(BASIS_POINTS) ** BigInt(periods)));
}

/** Splits a total into n parts that differ by at most one cent and add up exactly to the total. */
export function splitEvenly(total: number, parts: number): number[] {
  if (!Number.isInteger(parts) || parts <= 0) throw new RangeError('parts must be a positive integer');
  const big = BigInt(total);
  const n = BigInt(parts);
  const base = big / n;
  const remainder = Number(big - base * n);
  const step = remainder < 0 ? -1 : 1;
  return Array.from({ length: parts }, (_, i) => toCents(base) + (i < Math.abs(remainder) ? step : 0));
}

/** Exact sum (through BigInt), refusing a total outside the safe integer range. */
export function sumCents(amounts: Iterable<number>): number {
  let total = 0n;
  for (const amount of amounts) total += BigInt(amount);
  return toCents(total);
}

/** "1234.50" style decimal text of cents, for exports and messages (never parsed back). */
export function formatCents(amount: number): string {
  const negative = amount < 0;
  const abs = BigInt(negative ? -amount : amount);
  const units = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${units}.${cents}`;
}
