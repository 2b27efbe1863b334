import { describe, expect, it } from 'vitest';
import { applyAppointmentAction, isOpenAppointment } from '../../db/appointments.js';

describe('appointment status rules (F-7.1)', () => {
  it('confirms only a scheduled appointment; done and no-show from any open status', () => {
    expect(applyAppointmentAction('SCHEDULED', 'confirm')).toEqual({ ok: true, to: 'CONFIRMED' });
    expect(applyAppointmentAction('CONFIRMED', 'confirm').ok).toBe(false);
    expect(applyAppointmentAction('CONFIRMED', 'done')).toEqual({ ok: true, to: 'DONE' });
    expect(applyAppointmentAction('SCHEDULED', 'no-show')).toEqual({ ok: true, to: 'NO_SHOW' });
  });
  it('cancels and reschedules from any open status only; rescheduling re-opens as SCHEDULED', () => {
    for (const open of ['SCHEDULED', 'CONFIRMED']) {
      expect(applyAppointmentAction(open, 'cancel')).toEqual({ ok: true, to: 'CANCELED' });
      expect(applyAppointmentAction(open, 'reschedule')).toEqual({ ok: true, to: 'SCHEDULED' });
    }
    for (const closed of ['DONE', 'NO_SHOW', 'CANCELED']) {
      expect(isOpenAppointment(closed)).toBe(false);
      const refused = applyAppointmentAction(closed, 'cancel');
      expect(refused).toEqual({ ok: false, reason: `cannot cancel an appointment that is ${closed}` });
      expect(applyAppointmentAction(closed, 'reschedule').ok).toBe(false);
    }
  });
});
