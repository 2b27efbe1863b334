import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basisPointsToPercent,
  centsToDecimal,
  decimalToCents,
  formatBasisPoints,
  formatCents,
  percentToBasisPoints,
} from '../../admin-ui/src/coop/money.js';
import { ledgerText } from '../../admin-ui/src/coop/event-text.js';
import i18n from '../../admin-ui/src/i18n/index.js';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('coop money in the admin UI (cents ↔ euros without floats)', () => {
  beforeAll(() => i18n.changeLanguage('fr'));
  afterAll(() => i18n.changeLanguage('fr'));

  it('formats cents exactly, in the UI language', async () => {
    expect(nbsp(formatCents(123450))).toBe('1 234,50 €');
    expect(nbsp(formatCents(-15000))).toBe('-150,00 €');
    expect(nbsp(formatCents(-5))).toBe('-0,05 €');
    expect(nbsp(formatCents(Number.MAX_SAFE_INTEGER))).toBe('90 071 992 547 409,91 €');
    expect(formatCents(null)).toBe('—');
    await i18n.changeLanguage('en');
    expect(formatCents(123450)).toBe('€1,234.50');
    expect(formatCents(-15000)).toBe('-€150.00');
    await i18n.changeLanguage('fr');
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
        const shown = nbsp(formatCents(cents)).replace(/ /g, '').replace('€', '').replace(',', '.');
        expect(decimalToCents(shown)).toBe(cents);
      }),
    );
  });

  it('turns percentages into basis points exactly', () => {
    expect(percentToBasisPoints('1,5')).toBe(150);
    expect(basisPointsToPercent(150)).toBe('1.50');
    expect(nbsp(formatBasisPoints(150))).toBe('1,5 %');
    expect(nbsp(formatBasisPoints(100))).toBe('1 %');
    expect(nbsp(formatBasisPoints(1005))).toBe('10,05 %');
  });

  it('words the ledger descriptions the API writes (unknown ones as written)', () => {
    expect(nbsp(ledgerText('Call for funds #3 due 2026-11-21')!)).toBe('Échéance n° 3 du 21 nov. 2026');
    expect(ledgerText('Payment of call #1 confirmed (BANK_TRANSFER)')).toBe('Échéance n° 1 · Virement');
    expect(ledgerText('Call #2 waived: Situation familiale')).toBe('Échéance n° 2 — Situation familiale');
    expect(ledgerText('Late penalty 2 on call #1')).toBe('Pénalité de retard n° 2 sur l’échéance n° 1');
    expect(ledgerText('Something new')).toBe('Something new');
  });
});
