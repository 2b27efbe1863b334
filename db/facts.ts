import type { GuardFacts } from '../definitions/guard-facts.schema.js';
import { consentFacts } from './consent.js';
import type { DossierView } from '../definitions/dossier-view.js';
import { dossierView } from './dossier-view.js';
import { Dossier } from './entities/index.js';
import type { Em } from './orm.js';

export interface FactsInput {
  dossier: DossierView;
  parties: { role: string; contactId: string }[];
  activityCounts: Record<string, number>;
  appointmentCounts: Record<string, number>;
  messageCounts: Record<string, number>;
  /** Shortlist entries by current status, and by every status they ever reached. */
  shortlistCounts?: Record<string, number>;
  shortlistReached?: Record<string, number>;
  matching?: {
    runs: number;
    lastRunAt: string | null;
    lastResultCount: number | null;
    lastBestScore: number | null;
  };
  consents: Record<string, 'OPT_IN' | 'OPT_OUT' | null>;
  user: { id: string; roles: readonly string[]; permissions: readonly string[] };
  now: Date;
}

const DAY_MS = 86_400_000;

const sumOf = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

function withTotal(counts: Record<string, number>): Record<string, number> {
  return { ...counts, total: sumOf(counts) };
}

/** Pure: turns loaded rows into the documented guard facts (definitions/guard-facts.schema.json). */
export function buildGuardFacts(input: FactsInput): GuardFacts {
  const d = input.dossier;
  const parties: Record<string, { contactId: string }[]> = {};
  for (const p of input.parties) (parties[p.role] ??= []).push({ contactId: p.contactId });
  const daysInState = Math.max(0, (input.now.getTime() - new Date(d.statusChangedAt).getTime()) / DAY_MS);
  return {
    dossier: {
      id: d.id,
      caseType: d.caseType,
      statusCode: d.statusCode,
      title: d.title,
      amount: d.amount,
      probability: d.probability,
      weightedAmount: d.weightedAmount,
      budgetMin: d.budgetMin,
      budgetMax: d.budgetMax,
      currency: d.currency,
      source: d.source,
      assignedAgentId: d.assignedAgentId,
      contactId: d.contactId,
      annonceId: d.annonceId,
      locationZone: d.locationZone,
      expectedCloseDate: d.expectedCloseDate,
      score: d.score,
      createdAt: d.createdAt,
      criteria: d.criteria,
    },
    parties: { ...parties, count: input.parties.length },
    counts: {
      activities: withTotal(input.activityCounts),
      appointments: withTotal(input.appointmentCounts),
      messages: withTotal(input.messageCounts),
      shortlist: withTotal(input.shortlistCounts ?? {}),
      // total = entries (each counted once), not the sum of the statuses they went through.
      shortlistReached: { ...(input.shortlistReached ?? {}), total: sumOf(input.shortlistCounts ?? {}) },
    },
    matching: input.matching ?? { runs: 0, lastRunAt: null, lastResultCount: null, lastBestScore: null },
    consents: input.consents,
    user: { id: input.user.id, roles: [...input.user.roles], permissions: [...input.user.permissions] },
    daysInState: Math.round(daysInState * 1000) / 1000,
    now: input.now.toISOString(),
  } as GuardFacts;
}

/**
 * Loads what guards read about a dossier. Activities and messages are counted from the dossier's
 * timeline (each of those features writes its events there), appointments from their table.
 */
export async function loadGuardFacts(
  em: Em,
  dossierId: string,
  user: FactsInput['user'],
  now: Date,
): Promise<GuardFacts> {
  const dossier = await em.findOneOrFail(Dossier, { id: dossierId });
  const kinds = await em.execute<{ kind: string; type: string | null; n: string }[]>(
    `select kind, coalesce(payload->>'type', payload->>'status', channel) as type, count(*)::text as n
       from timeline_event where dossier_id = ? and kind in ('ACTIVITY', 'MESSAGE')
       group by 1, 2`,
    [dossierId],
  );
  const counts = (kind: string) =>
    Object.fromEntries(kinds.filter((k) => k.kind === kind && k.type).map((k) => [k.type!, Number(k.n)]));
  return buildGuardFacts({
    dossier: dossierView(dossier),
    parties: (
      await em.execute<{ role: string; contact_id: string }[]>(
        'select role, contact_id from dossier_party where dossier_id = ? order by created_at, id',
        [dossierId],
      )
    ).map((p) => ({ role: p.role, contactId: p.contact_id })),
    activityCounts: counts('ACTIVITY'),
    // Appointments by their current status (not their events: a rescheduled one is still one).
    appointmentCounts: Object.fromEntries(
      (
        await em.execute<{ status: string; n: string }[]>(
          'select status, count(*)::text as n from appointment where dossier_id = ? group by 1',
          [dossierId],
        )
      ).map((r) => [r.status, Number(r.n)]),
    ),
    messageCounts: counts('MESSAGE'),
    ...(await shortlistFacts(em, dossierId)),
    consents: await consentFacts(em, dossier.contactId, dossier.id),
    user,
    now,
  });
}

/** Shortlist counts (current and ever reached) and the last matching run, for guards. */
async function shortlistFacts(em: Em, dossierId: string) {
  const current = await em.execute<{ status: string; n: string }[]>(
    'select status, count(*)::text as n from shortlist_entry where dossier_id = ? group by 1',
    [dossierId],
  );
  const reached = await em.execute<{ status: string; n: string }[]>(
    'select to_status as status, count(distinct entry_id)::text as n from shortlist_event where dossier_id = ? group by 1',
    [dossierId],
  );
  const runs = await em.execute<{ n: string; at: Date | null; payload: Record<string, unknown> | null }[]>(
    `select count(*) over ()::text as n, occurred_at as at, payload from timeline_event
      where dossier_id = ? and kind = 'MATCHING' order by occurred_at desc limit 1`,
    [dossierId],
  );
  const last = runs[0];
  const toMap = (rows: { status: string; n: string }[]) =>
    Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    shortlistCounts: toMap(current),
    shortlistReached: toMap(reached),
    matching: {
      runs: last ? Number(last.n) : 0,
      lastRunAt: last?.at ? new Date(last.at).toISOString() : null,
      lastResultCount: num(last?.payload?.resultCount),
      lastBestScore: num(last?.payload?.bestScore),
    },
  };
}
