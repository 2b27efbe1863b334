import i18n from '../i18n';
import { formatBasisPointsIn, formatCentsIn } from './cents';

export { basisPointsToPercent, centsToDecimal, decimalToCents, percentToBasisPoints } from './cents';

/** "1 234,50 €" in the UI language, from integer cents (exact: see cents.ts); "—" when there is none. */
export const formatCents = (cents: number | null | undefined, currency = 'EUR'): string =>
  formatCentsIn(i18n.language, cents, currency);

/** A rate in basis points as a percentage in the UI language: 150 → "1,5 %". */
export const formatBasisPoints = (bp: number | null | undefined): string =>
  formatBasisPointsIn(i18n.language, bp);
