import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEDGER_KINDS, memberTotals, runningBalances, signedAmount } from '../../definitions/coop/ledger.js';
import {
  compoundIndexed,
  divRound,
  formatCents,
  percentOf,
  splitEvenly,
  sumCents,
  toCents,
} from '../../definitions/coop/money.js';

const cents = fc.integer({ min: 1, max: 10_000_000_00 });

describe('integer-cent money math', () => {
  it('rounds half away from zero, once', () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(4n, 3n)).toBe(1n);
    expect(percentOf(12345, 150)).toBe(185); // 1.5 % of 123.45 = 1.85175
    expect(percentOf(100, 50)).toBe(1); // 0.5 cent rounds up
  });

  it('compounds indexation exactly from the base (2 % a year on 1000.00 over 3 years = 1061.21)', () => {
    expect(compoundIndexed(100000, 200, 3)).toBe(106121);
    expect(compoundIndexed(100000, 0, 10)).toBe(100000);
    expect(compoundIndexed(100000, 200, 0)).toBe(100000);
  });

  it('property: indexing from the base never drifts more than half a cent from the exact value', () => {
    fc.assert(
      fc.property(
        cents,
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 36 }),
        (base, bp, n) => {
          const got = BigInt(compoundIndexed(base, bp, n));
          const exactNum = BigInt(base) * BigInt(10000 + bp) ** BigInt(n);
          const den = 10000n ** BigInt(n);
          // |got − exact| ≤ 1/2  ⇔  |2·got·den − 2·exactNum| ≤ den
          const diff = 2n * got * den - 2n * exactNum;
          expect(diff < 0n ? -diff : diff <= den).toBeTruthy();
        },
      ),
    );
  });

  it('property: splitting a total gives parts that add up exactly and differ by at most a cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }),
        fc.integer({ min: 1, max: 120 }),
        (total, n) => {
          const parts = splitEvenly(total, n);
          expect(parts).toHaveLength(n);
          expect(sumCents(parts)).toBe(total);
          expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('refuses amounts beyond the safe integer range instead of losing cents', () => {
    expect(() => toCents(2n ** 60n)).toThrow(RangeError);
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  it('formats cents as decimal text without floating point', () => {
    expect(formatCents(123456)).toBe('1234.56');
    expect(formatCents(-5)).toBe('-0.05');
    expect(formatCents(0)).toBe('0.00');
  });
});

describe('ledger balances', () => {
  const entry = fc.record({
    memberId: fc.constantFrom('m1', 'm2', 'm3'),
    kind: fc.constantFrom(...LEDGER_KINDS),
    magnitude: cents,
  });

  it('property: a member balance is the sum of their entries, and the running balance ends there', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 200 }), (raw) => {
        const entries = raw.map((e): { memberId: string; kind: (typeof e)['kind']; amount: number } => ({
          memberId: e.memberId,
          kind: e.kind,
          amount: signedAmount(e.kind, e.magnitude),
        }));
        const running = runningBalances(entries);
        for (const m of ['m1', 'm2', 'm3'] as const) {
          const mine = entries.filter((e) => e.memberId === m);
          const sum = mine.reduce((s, e) => s + e.amount, 0);
          const lastIndex = entries.map((e) => e.memberId).lastIndexOf(m);
          expect(lastIndex === -1 ? 0 : running[lastIndex]).toBe(sum);
          const totals = memberTotals(mine);
          expect(totals.balance).toBe(sum);
          expect(totals.called - totals.paid - totals.waived).toBe(totals.balance);
        }
      }),
    );
  });

  it('signs entries from the member side', () => {
    expect(signedAmount('CALL', 100)).toBe(100);
    expect(signedAmount('PAYMENT_CONFIRMED', 100)).toBe(-100);
    expect(signedAmount('WAIVER', 100)).toBe(-100);
    expect(signedAmount('REJECTION_REVERSAL', 100)).toBe(100);
    expect(() => signedAmount('CALL', 0)).toThrow(RangeError);
    expect(() => signedAmount('CALL', 1.5)).toThrow(RangeError);
  });
});
