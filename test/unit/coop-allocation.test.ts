import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareLotCodes, outstandingAt, proposeAllocation } from '../../definitions/coop/allocation.js';

const at = (s: string) => `2027-01-${s}T00:00:00.000Z`;

describe('FIFO allocation', () => {
  const lots = [
    { id: 'l10', code: 'A10', status: 'AVAILABLE' },
    { id: 'l2', code: 'A2', status: 'AVAILABLE' },
    { id: 'l1', code: 'A1', status: 'ASSIGNED' },
    { id: 'b1', code: 'B1', status: 'AVAILABLE' },
  ];
  const ledger = [
    { memberId: 'late', amount: 1000, effectiveAt: at('05'), recordedAt: at('01') },
    { memberId: 'paid', amount: 1000, effectiveAt: at('05'), recordedAt: at('01') },
    { memberId: 'paid', amount: -1000, effectiveAt: at('04'), recordedAt: at('04') },
    // Called but not yet due at the cut-off: does not count against the member.
    { memberId: 'first', amount: 1000, effectiveAt: at('20'), recordedAt: at('08') },
    // Paid after the cut-off: too late for this run.
    { memberId: 'late', amount: -1000, effectiveAt: at('12'), recordedAt: at('12') },
  ];
  const members = [
    { id: 'paid', fifoRank: 3, status: 'ACTIVE' },
    { id: 'first', fifoRank: 1, status: 'ACTIVE' },
    { id: 'late', fifoRank: 2, status: 'ACTIVE' },
    { id: 'susp', fifoRank: 4, status: 'SUSPENDED' },
    { id: 'prefers', fifoRank: 5, status: 'ACTIVE', preferences: ['l2'] },
    { id: 'last', fifoRank: 6, status: 'ACTIVE' },
    { id: 'extra', fifoRank: 7, status: 'ACTIVE' },
  ];
  const cutoff = Date.parse(at('10'));

  it('serves ACTIVE, up-to-date members by rank, lots in natural code order, and says why others are skipped', () => {
    const p = proposeAllocation({ members, lots, ledger, cutoff, usePreferences: true });
    expect(p.assignments.map((a) => [a.memberId, a.lotCode])).toEqual([
      ['first', 'A2'],
      ['paid', 'A10'],
      ['last', 'B1'],
    ]);
    expect(p.skipped.map((s) => [s.memberId, s.reason])).toEqual([
      ['late', 'NOT_UP_TO_DATE'],
      ['susp', 'NOT_ACTIVE'],
      ['prefers', 'PREFERRED_LOTS_TAKEN'],
      ['extra', 'NO_LOT_LEFT'],
    ]);
    expect(p.skipped[0]).toMatchObject({ outstanding: 1000, detail: 'owed 10.00 at the cut-off' });
  });

  it('ignores preferences unless the group honours them; skips members already holding a lot', () => {
    const p = proposeAllocation({
      members,
      lots,
      ledger,
      cutoff,
      usePreferences: false,
      alreadyAllocated: new Set(['first']),
    });
    expect(p.skipped.find((s) => s.memberId === 'first')?.reason).toBe('ALREADY_ALLOCATED');
    expect(p.assignments.map((a) => a.memberId)).toEqual(['paid', 'prefers', 'last']);
  });

  it('ledger at the cut-off: entries recorded or effective later do not count', () => {
    expect(outstandingAt(ledger, 'late', cutoff)).toBe(1000);
    expect(outstandingAt(ledger, 'late', Date.parse(at('12')))).toBe(0);
    expect(outstandingAt(ledger, 'first', cutoff)).toBe(0);
  });

  it('property: deterministic whatever the input order; a lot is never given twice', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(members, { minLength: members.length }),
        fc.shuffledSubarray(lots, { minLength: lots.length }),
        (ms, ls) => {
          const a = proposeAllocation({ members: ms, lots: ls, ledger, cutoff, usePreferences: true });
          const b = proposeAllocation({ members, lots, ledger, cutoff, usePreferences: true });
          expect(a).toEqual(b);
          const given = a.assignments.map((x) => x.lotId);
          expect(new Set(given).size).toBe(given.length);
        },
      ),
    );
  });

  it('natural lot code order', () => {
    expect(['B1', 'A10', 'A2', 'A1b', 'A1'].sort(compareLotCodes)).toEqual(['A1', 'A1b', 'A2', 'A10', 'B1']);
  });
});
