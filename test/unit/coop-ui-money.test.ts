import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  basisPointsToPercent,
  centsToDecimal,
  decimalToCents,
  formatBasisPointsIn,
  formatCentsIn,
  percentToBasisPoints,
} from '../../admin-ui/src/coop/cents.js';

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const fr = (cents: number | null) => spaces(formatCentsIn('fr', cents));

describe('coop money in the admin UI (cents ↔ euros without floats)', () => {
  it('formats cents exactly, in the UI language', () => {
    expect(fr(123450)).toBe('1 234,50 €');
    expect(fr(-15000)).toBe('-150,00 €');
    expect(fr(-5)).toBe('-0,05 €');
    expect(fr(Number.MAX_SAFE_INTEGER)).toBe('90 071 992 547 409,91 €');
    expect(fr(null)).toBe('—');
    expect(formatCentsIn('en', 123450)).toBe('€1,234.50');
    expect(formatCentsIn('en', -15000)).toBe('-€150.00');
  });

  it('reads typed euros into cents and back for every safe amount', () => {
    expect(decimalToCents('1234,5')).toBe(123450);
    expect(decimalToCents('0.07')).toBe(7);
    expect(decimalToCents('19.99')).toBe(1999); // 19.99 * 100 is 1998.9999999999998 in floating point
    expect(decimalToCents('12.345')).toBeNull();
    expect(decimalToCents('abc')).toBeNull();
    expect(decimalToCents('')).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (cents) => {
        expect(decimalToCents(centsToDecimal(cents))).toBe(cents);
        const shown = fr(cents).replace(/ /g, '').replace('€', '').replace(',', '.');
        expect(decimalToCents(shown)).toBe(cents);
      }),
    );
  });

  it('turns percentages into basis points exactly', () => {
    expect(percentToBasisPoints('1,5')).toBe(150);
    expect(basisPointsToPercent(150)).toBe('1.50');
    expect(spaces(formatBasisPointsIn('fr', 150))).toBe('1,5 %');
    expect(spaces(formatBasisPointsIn('fr', 100))).toBe('1 %');
    expect(spaces(formatBasisPointsIn('en', 1005))).toBe('10.05 %');
  });
});
