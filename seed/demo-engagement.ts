/**
 * Demo consents and appointments (pure: no I/O) so the engagement screens are not empty on a fresh
 * `npm start`: most contacts have decided on email, fewer on SMS and WhatsApp, a few opted out; a
 * few dossiers carry their own choice; about a third of the open sale/rental dossiers have a visit or
 * meeting, past (done, no-show, cancelled) or in the next two weeks (scheduled, confirmed).
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_REMINDER_OFFSETS } from '../db/appointments.js';
import * as F from './demo-fixtures.js';
import type { DemoOrgContext } from './demo-types.js';

type Row = Record<string, unknown>;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Share of contacts with a choice per channel, and the share of those choices that are opt-outs. */
const CHANNEL_MIX = [
  { channel: 'EMAIL', decided: 0.7, optOut: 0.08, source: 'FORM' },
  { channel: 'SMS', decided: 0.45, optOut: 0.12, source: 'PHONE_CALL' },
  { channel: 'WHATSAPP', decided: 0.3, optOut: 0.1, source: 'WEBSITE' },
  { channel: 'PHONE', decided: 0.5, optOut: 0.05, source: 'IN_PERSON' },
] as const;

export interface DemoAppointment {
  id: string;
  startAt: Date;
  offsets: string[];
  workflowId: string;
}

export interface DemoEngagement {
  contact_consent: Row[];
  appointment: Row[];
  /** Appointments still ahead: their reminder workflows are started with the dossiers'. */
  upcoming: DemoAppointment[];
}

export function buildDemoEngagement(
  ctx: DemoOrgContext,
  contacts: readonly Row[],
  dossiers: readonly Row[],
  workflowIdOf: (appointmentId: string) => string,
): DemoEngagement {
  const rnd = F.seededRandom(`atlas-demo-engagement:${ctx.slug}`);
  const now = ctx.now.getTime();
  const out: DemoEngagement = { contact_consent: [], appointment: [], upcoming: [] };
  const base = (at: Date) => ({ org_id: ctx.orgId, version: 1, created_at: at, updated_at: at });

  for (const c of contacts) {
    const since = (c.created_at as Date).getTime();
    for (const mix of CHANNEL_MIX) {
      if (rnd() >= mix.decided) continue;
      const at = new Date(F.between(rnd, since, now - HOUR));
      out.contact_consent.push({
        id: randomUUID(),
        ...base(at),
        contact_id: c.id,
        dossier_id: null,
        channel: mix.channel,
        status: rnd() < mix.optOut ? 'OPT_OUT' : 'OPT_IN',
        source: mix.source,
        proof: mix.source === 'FORM' ? `formulaire-${String(c.id).slice(0, 8)}.pdf` : null,
        comment: null,
        actor_id: c.assigned_agent_id ?? null,
        decided_at: at,
      });
    }
  }

  const open = dossiers.filter((d) => !d.closed_at && d.case_type !== 'LEAD');
  for (const d of open) {
    const since = Math.max((d.created_at as Date).getTime(), now - 30 * DAY);
    // A few dossiers carry their own SMS choice (the customer's schema keys consent by dossier).
    if (rnd() < 0.04) {
      const at = new Date(F.between(rnd, since, now - HOUR));
      out.contact_consent.push({
        id: randomUUID(),
        ...base(at),
        contact_id: d.contact_id,
        dossier_id: d.id,
        channel: 'SMS',
        status: rnd() < 0.5 ? 'OPT_OUT' : 'OPT_IN',
        source: 'PHONE_CALL',
        proof: null,
        comment: 'Choix exprimé pour ce dossier uniquement',
        actor_id: d.assigned_agent_id ?? null,
        decided_at: at,
      });
    }
    if (rnd() >= 0.35) continue;
    const ahead = rnd() < 0.55;
    // Working hours, on the half hour: 9:00–18:30 Paris (UTC+1 in winter).
    const day = ahead ? Math.ceil(F.between(rnd, 0.2, 14)) : -Math.ceil(F.between(rnd, 1, 20));
    const start = new Date(now + day * DAY);
    start.setUTCHours(F.intBetween(rnd, 8, 17), rnd() < 0.5 ? 0 : 30, 0, 0);
    if (ahead && start.getTime() <= now + HOUR) start.setTime(start.getTime() + DAY);
    const visit = rnd() < 0.7;
    const status = ahead
      ? F.pick(rnd, ['SCHEDULED', 'SCHEDULED', 'CONFIRMED'])
      : F.pick(rnd, ['DONE', 'DONE', 'DONE', 'NO_SHOW', 'CANCELED']);
    const id = randomUUID();
    const bookedAt = new Date(Math.min(start.getTime() - 2 * DAY, now - HOUR));
    const row = {
      id,
      ...base(bookedAt),
      kind: visit ? 'VISITE' : 'RDV',
      title: visit ? `Visite — ${String(d.title)}` : `Rendez-vous agence — ${String(d.title)}`,
      start_at: start,
      end_at: new Date(start.getTime() + (visit ? 45 : 30) * 60_000),
      place: visit
        ? `${F.intBetween(rnd, 1, 120)} rue ${F.pick(rnd, STREETS)}, ${String(d.location_zone ?? F.pick(rnd, F.CITIES))}`
        : 'Agence',
      agent_id: d.assigned_agent_id,
      contact_id: d.contact_id,
      dossier_id: d.id,
      status,
      notes: null,
      reminder_offsets: DEFAULT_REMINDER_OFFSETS,
      canceled_reason: status === 'CANCELED' ? 'Client indisponible' : null,
      workflow_id: workflowIdOf(id),
      created_by: d.assigned_agent_id,
    };
    out.appointment.push(row);
    if (ahead)
      out.upcoming.push({
        id,
        startAt: start,
        offsets: DEFAULT_REMINDER_OFFSETS,
        workflowId: workflowIdOf(id),
      });
  }
  return out;
}

const STREETS = [
  'de la République',
  'Victor Hugo',
  'des Lilas',
  'Jean Jaurès',
  'du Général de Gaulle',
  'Pasteur',
  'de la Paix',
  'Gambetta',
] as const;
