import { describe, expect, it } from 'vitest';
import { isRoleActive } from '../../db/contacts.js';
import { contactSearchTsQuery, normalizePhone } from '../../services/crm/contact-phone.js';

describe('normalizePhone', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['+1 202-555-0143', '+12025550143'],
  ])('normalises %s to E.164', (raw, e164) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, e164 });
  });

  it.each(['12', '0612', '+33 6 12', 'call me', '06 12 34 56 78 abc', '   '])('refuses %j', (raw) => {
    const result = normalizePhone(raw);
    expect(result.ok).toBe(false);
  });

  it('reads national numbers in the given default country', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toEqual({ ok: true, e164: '+442079460958' });
  });
});

describe('contactSearchTsQuery', () => {
  it('turns words into prefix terms', () => {
    expect(contactSearchTsQuery('Jean Dup')).toBe('jean:* & dup:*');
  });
  it('turns a phone number into its E.164 digits', () => {
    expect(contactSearchTsQuery('06 12 34 56 78')).toBe('33612345678:*');
  });
  it('has nothing to search in punctuation only', () => {
    expect(contactSearchTsQuery('--')).toBeUndefined();
  });
});

describe('isRoleActive', () => {
  const today = '2026-06-15';
  it('is active once started and until ended or past its end date', () => {
    expect(isRoleActive({ startDate: '2026-01-01', endDate: null, endedAt: null }, today)).toBe(true);
    expect(isRoleActive({ startDate: '2026-01-01', endDate: '2026-06-15', endedAt: null }, today)).toBe(true);
    expect(isRoleActive({ startDate: '2026-01-01', endDate: '2026-06-14', endedAt: null }, today)).toBe(
      false,
    );
    expect(isRoleActive({ startDate: '2026-07-01', endDate: null, endedAt: null }, today)).toBe(false);
    expect(isRoleActive({ startDate: '2026-01-01', endDate: null, endedAt: new Date() }, today)).toBe(false);
  });
});
