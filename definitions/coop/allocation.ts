import { formatCents, sumCents } from './money.js';

/**
 * FIFO lot allocation (F-10.6), pure: the same members, lots, ledger and cut-off always give the same
 * proposal, so a run can be replayed from the ledger to check it.
 */

export interface AllocationMember {
  id: string;
  fifoRank: number;
  status: string;
  /** Lot ids in the member's order of preference (used only when the group honours preferences). */
  preferences?: readonly string[];
}

export interface AllocationLot {
  id: string;
  code: string;
  status: string;
}

export interface LedgerFact {
  memberId: string;
  amount: number;
  /** When the entry counts: the due date of a call, the decision time of anything else. */
  effectiveAt: string;
  /** When it was written to the ledger. */
  recordedAt: string;
}

export type SkipReason =
  'NOT_ACTIVE' | 'NOT_UP_TO_DATE' | 'ALREADY_ALLOCATED' | 'PREFERRED_LOTS_TAKEN' | 'NO_LOT_LEFT';

export interface AllocationProposal {
  assignments: { memberId: string; fifoRank: number; lotId: string; lotCode: string }[];
  skipped: { memberId: string; fifoRank: number; reason: SkipReason; detail: string; outstanding?: number }[];
}

/**
 * What a member owed at the cut-off, from the ledger alone: entries written by then and effective by
 * then (a call for funds counts from its due date). Positive = owes; 0 or less = up to date.
 */
export function outstandingAt(entries: readonly LedgerFact[], memberId: string, cutoff: number): number {
  return sumCents(
    entries
      .filter(
        (e) =>
          e.memberId === memberId &&
          Date.parse(e.recordedAt) <= cutoff &&
          Date.parse(e.effectiveAt) <= cutoff,
      )
      .map((e) => e.amount),
  );
}

/** Natural order of lot codes: A2 before A10, then plain text order. */
export function compareLotCodes(a: string, b: string): number {
  const parts = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
}

const money = formatCents;

/**
 * Members in FIFO rank order take AVAILABLE lots: the first preferred lot still free when the group
 * honours preferences and the member gave some, else the first free lot in code order. Each member
 * left out gets a reason: not ACTIVE, not up to date at the cut-off (with what they owed), already
 * holding a lot of this project, their preferred lots taken, or no lot left.
 */
export function proposeAllocation(input: {
  members: readonly AllocationMember[];
  lots: readonly AllocationLot[];
  ledger: readonly LedgerFact[];
  cutoff: number;
  usePreferences: boolean;
  /** Members already holding a lot of the project (approved, assigned or signed). */
  alreadyAllocated?: ReadonlySet<string>;
}): AllocationProposal {
  const free = input.lots
    .filter((l) => l.status === 'AVAILABLE')
    .sort((a, b) => compareLotCodes(a.code, b.code) || (a.id < b.id ? -1 : 1));
  const taken = new Set<string>();
  const out: AllocationProposal = { assignments: [], skipped: [] };
  const members = [...input.members].sort((a, b) => a.fifoRank - b.fifoRank || (a.id < b.id ? -1 : 1));
  for (const m of members) {
    const skip = (reason: SkipReason, detail: string, outstanding?: number) =>
      out.skipped.push({
        memberId: m.id,
        fifoRank: m.fifoRank,
        reason,
        detail,
        ...(outstanding === undefined ? {} : { outstanding }),
      });
    if (m.status !== 'ACTIVE') {
      skip('NOT_ACTIVE', `member status is ${m.status}`);
      continue;
    }
    if (input.alreadyAllocated?.has(m.id)) {
      skip('ALREADY_ALLOCATED', 'already holds a lot of this project');
      continue;
    }
    const owed = outstandingAt(input.ledger, m.id, input.cutoff);
    if (owed > 0) {
      skip('NOT_UP_TO_DATE', `owed ${money(owed)} at the cut-off`, owed);
      continue;
    }
    const remaining = free.filter((l) => !taken.has(l.id));
    if (!remaining.length) {
      skip('NO_LOT_LEFT', 'every available lot went to members ranked before');
      continue;
    }
    const prefs = input.usePreferences ? (m.preferences ?? []) : [];
    const lot = prefs.length
      ? prefs.map((id) => remaining.find((l) => l.id === id)).find(Boolean)
      : remaining[0];
    if (!lot) {
      skip('PREFERRED_LOTS_TAKEN', 'none of the preferred lots is still available');
      continue;
    }
    taken.add(lot.id);
    out.assignments.push({ memberId: m.id, fifoRank: m.fifoRank, lotId: lot.id, lotCode: lot.code });
  }
  return out;
}
