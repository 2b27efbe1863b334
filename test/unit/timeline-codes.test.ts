/** Timeline codes of rows written before the codes existed: read from the English title's fixed shape. */
import { describe, expect, it } from 'vitest';
import { timelineCode } from '../../api/services/timeline-codes.js';

const row = (
  kind: string,
  title: string,
  payload: Record<string, unknown> | null = null,
  channel = null,
) => ({
  kind,
  title,
  payload,
  channel,
});

describe('timelineCode on older rows', () => {
  it('reads the status, the listing reference and the appointment event from the title', () => {
    expect(timelineCode(row('CREATED', 'Dossier created in NEW'))).toEqual({
      code: 'DOSSIER_CREATED',
      params: { status: 'NEW' },
    });
    expect(
      timelineCode(row('SHORTLIST', 'Listing A-1 shortlisted', { to: 'SHORTLISTED', from: null })),
    ).toEqual({
      code: 'SHORTLIST_ADDED',
      params: { reference: 'A-1', status: 'SHORTLISTED' },
    });
    expect(
      timelineCode(
        row('SHORTLIST', 'Listing A-1: SHORTLISTED → PROPOSED', { from: 'SHORTLISTED', to: 'PROPOSED' }),
      ),
    ).toEqual({ code: 'SHORTLIST_MOVED', params: { reference: 'A-1', from: 'SHORTLISTED', to: 'PROPOSED' } });
    const visit = { title: 'Visite A-1', status: 'SCHEDULED', startAt: '2030-01-01T09:00:00.000Z' };
    expect(timelineCode(row('APPOINTMENT', 'Visit booked: Visite A-1', visit)).code).toBe('VISIT_BOOKED');
    expect(timelineCode(row('APPOINTMENT', 'Appointment booked: RDV', visit)).code).toBe(
      'APPOINTMENT_BOOKED',
    );
    expect(
      timelineCode(row('APPOINTMENT', 'Visite A-1: moved to 2030-01-02T09:00:00.000Z', visit)).code,
    ).toBe('APPOINTMENT_MOVED');
    expect(timelineCode(row('APPOINTMENT', 'Visite A-1: NO_SHOW', { ...visit, status: 'NO_SHOW' }))).toEqual({
      code: 'APPOINTMENT_STATUS',
      params: { subject: 'Visite A-1', status: 'NO_SHOW', startAt: visit.startAt },
    });
  });

  it('keeps user words as params and codes unknown kinds by their kind', () => {
    expect(timelineCode(row('ACTIVITY', 'CALL', { type: 'CALL' })).params).toMatchObject({
      type: 'CALL',
      subject: null,
    });
    expect(timelineCode(row('ACTIVITY', 'Rappel', { type: 'CALL' })).params).toMatchObject({
      subject: 'Rappel',
    });
    expect(timelineCode(row('REMINDER', 'Relancer le client', { notify: 'agent' }))).toEqual({
      code: 'REMINDER_MESSAGE',
      params: { message: 'Relancer le client' },
    });
    expect(timelineCode(row('SOMETHING_NEW', 'Whatever'))).toEqual({ code: 'SOMETHING_NEW', params: {} });
  });
});
