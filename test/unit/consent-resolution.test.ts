import { describe, expect, it } from 'vitest';
import { resolveConsent } from '../../db/consent.js';
import type { IContactConsent } from '../../db/entities/index.js';

const choice = (status: 'OPT_IN' | 'OPT_OUT', day: number, dossierId: string | null = null) =>
  ({ status, dossierId, decidedAt: new Date(Date.UTC(2026, 10, day)) }) as unknown as IContactConsent;

describe('resolveConsent: which choice applies to a message about a dossier', () => {
  it('never asked → nothing applies', () => {
    expect(resolveConsent(null, null)).toMatchObject({ status: null, scope: null });
  });
  it('without a dossier choice the general one applies', () => {
    expect(resolveConsent(choice('OPT_IN', 1), null)).toMatchObject({ status: 'OPT_IN', scope: 'CONTACT' });
    expect(resolveConsent(choice('OPT_OUT', 1), null)).toMatchObject({ status: 'OPT_OUT', scope: 'CONTACT' });
  });
  it('a dossier opt-out always blocks, even after a newer general opt-in', () => {
    expect(resolveConsent(choice('OPT_IN', 9), choice('OPT_OUT', 2, 'd'))).toMatchObject({
      status: 'OPT_OUT',
      scope: 'DOSSIER',
    });
  });
  it('a dossier opt-in wins over an older general opt-out, not over a newer one', () => {
    expect(resolveConsent(choice('OPT_OUT', 1), choice('OPT_IN', 2, 'd'))).toMatchObject({
      status: 'OPT_IN',
      scope: 'DOSSIER',
    });
    expect(resolveConsent(choice('OPT_OUT', 3), choice('OPT_IN', 2, 'd'))).toMatchObject({
      status: 'OPT_OUT',
      scope: 'CONTACT',
    });
    expect(resolveConsent(null, choice('OPT_IN', 2, 'd'))).toMatchObject({
      status: 'OPT_IN',
      scope: 'DOSSIER',
    });
  });
});
