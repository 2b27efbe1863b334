import { sumCents } from './money.js';

/**
 * Ledger entry kinds (F-10.5). An entry's amount is signed from the member's side: positive entries
 * add to what the member owes, negative ones reduce it, so a member's balance is the plain sum of
 * their entries (positive = owes, negative = paid ahead).
 */
export const LEDGER_KINDS = [
  'CALL',
  'INDEXATION',
  'PENALTY',
  'PAYMENT_CONFIRMED',
  'REJECTION_REVERSAL',
  'WAIVER',
  'REFUND',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** +1: adds to what the member owes; -1: reduces it. A refund pays money back, so the member owes it again. */
export const LEDGER_SIGN: Record<LedgerKind, 1 | -1> = {
  CALL: 1,
  INDEXATION: 1,
  PENALTY: 1,
  PAYMENT_CONFIRMED: -1,
  REJECTION_REVERSAL: 1,
  WAIVER: -1,
  REFUND: 1,
};

/** The signed amount of an entry of `kind` for a positive magnitude of cents. */
export function signedAmount(kind: LedgerKind, magnitude: number): number {
  if (!Number.isSafeInteger(magnitude) || magnitude <= 0)
    throw new RangeError('amount must be positive cents');
  return LEDGER_SIGN[kind] * magnitude;
}

export interface LedgerLine {
  memberId: string;
  kind: LedgerKind;
  amount: number;
}

/** Balance after each entry, per member, in ledger order (what the database trigger stores). */
export function runningBalances(entries: readonly LedgerLine[]): number[] {
  const balances = new Map<string, number>();
  return entries.map((e) => {
    const next = sumCents([balances.get(e.memberId) ?? 0, e.amount]);
    balances.set(e.memberId, next);
    return next;
  });
}

export interface MemberTotals {
  /** Calls, indexation and penalties (what was asked). */
  called: number;
  /** Confirmed payments net of reversals and refunds. */
  paid: number;
  waived: number;
  penalties: number;
  /** Owed now: called − paid − waived (the balance). */
  balance: number;
}

/** Per-member totals of the transparency view, each an exact sum of entries. */
export function memberTotals(entries: readonly LedgerLine[]): MemberTotals {
  const of = (...kinds: LedgerKind[]) =>
    sumCents(entries.filter((e) => kinds.includes(e.kind)).map((e) => e.amount));
  return {
    called: of('CALL', 'INDEXATION', 'PENALTY'),
    paid: -of('PAYMENT_CONFIRMED', 'REJECTION_REVERSAL', 'REFUND'),
    waived: -of('WAIVER'),
    penalties: of('PENALTY'),
    balance: sumCents(entries.map((e) => e.amount)),
  };
}
