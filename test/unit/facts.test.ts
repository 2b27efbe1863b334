import { describe, expect, it } from 'vitest';
import { toPrefixTsQuery } from '../../api/routes/v1/dossiers/queries.js';
import type { DossierView } from '../../definitions/dossier-view.js';
import { buildGuardFacts } from '../../db/facts.js';
import { checkTransition } from '../../definitions/guards.js';
import { builtInTemplate } from '../../definitions/templates/index.js';

const dossier = {
  id: 'd1',
  caseType: 'ACHAT',
  statusCode: 'NEGOTIATION',
  statusChangedAt: '2026-01-01T00:00:00.000Z',
  title: 'T3',
  amount: 300000,
  probability: 50,
  weightedAmount: 150000,
  budgetMin: null,
  budgetMax: 320000,
  currency: 'EUR',
  source: 'WEBSITE',
  assignedAgentId: 'u1',
  contactId: 'c1',
  annonceId: null,
  locationZone: 'Lyon 3',
  expectedCloseDate: null,
  score: null,
  createdAt: '2025-12-01T00:00:00.000Z',
  criteria: { rooms: 3 },
} as unknown as DossierView;

describe('guard facts building', () => {
  const facts = buildGuardFacts({
    dossier,
    parties: [
      { role: 'BUYER', contactId: 'c1' },
      { role: 'BUYER', contactId: 'c2' },
      { role: 'SELLER', contactId: 'c3' },
    ],
    activityCounts: { CALL: 2, VISIT: 1 },
    appointmentCounts: { DONE: 1 },
    messageCounts: {},
    consents: { WHATSAPP: 'OPT_IN' },
    user: { id: 'u1', roles: ['AGENT'], permissions: ['CRM_DEALS_STAGE_CHANGE'] },
    now: new Date('2026-01-11T12:00:00.000Z'),
  });

  it('groups parties by role and totals the counts', () => {
    expect(facts.parties).toEqual({
      BUYER: [{ contactId: 'c1' }, { contactId: 'c2' }],
      SELLER: [{ contactId: 'c3' }],
      count: 3,
    });
    expect(facts.counts.activities).toEqual({ CALL: 2, VISIT: 1, total: 3 });
    expect(facts.counts.messages).toEqual({ total: 0 });
  });

  it('computes days in the current state from the evaluation time', () => {
    expect(facts.daysInState).toBe(10.5);
    expect(facts.now).toBe('2026-01-11T12:00:00.000Z');
  });

  it('feeds the built-in ACHAT guards', () => {
    const def = builtInTemplate('ACHAT')!;
    const user = { roles: ['AGENT'], permissions: ['CRM_DEALS_STAGE_CHANGE'] };
    expect(checkTransition(def, 'NEGOTIATION', 'WON', facts, user).allowed).toBe(true);
    const noAmount = buildGuardFacts({
      ...{
        dossier: { ...dossier, amount: null },
        parties: [],
        activityCounts: {},
        appointmentCounts: {},
        messageCounts: {},
        consents: {},
        user: { id: 'u1', ...user },
        now: new Date(),
      },
    });
    const blocked = checkTransition(def, 'NEGOTIATION', 'WON', noAmount, user, 'en');
    expect(blocked.allowed).toBe(false);
    expect(blocked.reasonCode).toBe('REQUIRED_FIELD');
  });
});

describe('full-text query building', () => {
  it('turns words into prefix terms and drops punctuation', () => {
    expect(toPrefixTsQuery('Villa  nice!')).toBe('villa:* & nice:*');
    expect(toPrefixTsQuery("l'Étoile D-2026")).toBe('l:* & étoile:* & d:* & 2026:*');
    expect(toPrefixTsQuery('  ---  ')).toBeUndefined();
    expect(toPrefixTsQuery("a' | ! & :*")).toBe('a:*');
  });
});
