import { histogramMedianSeconds } from './funnel-histogram.js';
import type { Em } from './orm.js';

/**
 * Funnel windows are whole UTC days of creation: `from`'s day is included, and `to` is exclusive
 * (a `to` inside a day includes that day). The rollup tables keep one row per creation day, so a
 * report adds up a few hundred rows whatever the number of dossiers.
 */
export interface FunnelQuery {
  caseType: string;
  from?: string;
  to?: string;
}

const WINDOW = `case_type = ?
  and (?::timestamptz is null or created_day >= (?::timestamptz at time zone 'UTC')::date)
  and (?::timestamptz is null or created_day <= ((?::timestamptz - interval '1 microsecond') at time zone 'UTC')::date)`;
const windowParams = (q: FunnelQuery) => [
  q.caseType,
  q.from ?? null,
  q.from ?? null,
  q.to ?? null,
  q.to ?? null,
];

export interface StageRow {
  status: string;
  definitionVersion: number | null;
  reached: number;
  avgHours: number | null;
  medianHours: number | null;
}

/** Per status (and per status and definition version): dossiers that reached it, completed stays. */
export async function funnelStages(em: Em, q: FunnelQuery): Promise<StageRow[]> {
  const totals = await em.execute<
    { status: string; definition_version: number | null; reached: string; stays: string; secs: number }[]
  >(
    `select status_code as status, definition_version, sum(reached)::text as reached, sum(stays)::text as stays,
            sum(stay_seconds)::float8 as secs
       from funnel_stage_rollup where ${WINDOW}
      group by grouping sets ((status_code), (status_code, definition_version))`,
    windowParams(q),
  );
  const buckets = await em.execute<{ status: string; bucket: string; n: string }[]>(
    `select r.status_code as status, h.key as bucket, sum(h.value::int)::text as n
       from funnel_stage_rollup r, jsonb_each_text(r.stay_histogram) h
      where ${WINDOW.replace(/case_type|created_day/g, (c) => `r.${c}`)} group by 1, 2`,
    windowParams(q),
  );
  const histograms = new Map<string, Record<number, number>>();
  for (const b of buckets) {
    const h = histograms.get(b.status) ?? {};
    h[Number(b.bucket)] = Number(b.n);
    histograms.set(b.status, h);
  }
  return totals.map((t) => {
    const stays = Number(t.stays);
    const median =
      t.definition_version === null ? histogramMedianSeconds(histograms.get(t.status) ?? {}) : null;
    return {
      status: t.status,
      definitionVersion: t.definition_version,
      reached: Number(t.reached),
      avgHours: stays ? t.secs / stays / 3600 : null,
      medianHours: median === null ? null : median / 3600,
    };
  });
}

export async function closeReasons(em: Em, q: FunnelQuery) {
  return em.execute<{ status_code: string; close_reason_code: string; n: string }[]>(
    `select status_code, close_reason_code, sum(n)::text as n from dossier_outcome_rollup
      where ${WINDOW} and closed group by 1, 2 having sum(n) > 0 order by sum(n) desc`,
    windowParams(q),
  );
}

export async function sourceAttribution(em: Em, q: FunnelQuery, wonStatuses: string[]) {
  return em.execute<{ source: string; leads: string; wins: string }[]>(
    `select source, sum(n)::text as leads, coalesce(sum(n) filter (where status_code = any(?::text[])), 0)::text as wins
       from dossier_outcome_rollup where ${WINDOW}
      group by 1 having sum(n) > 0 order by sum(n) desc`,
    [`{${wonStatuses.join(',')}}`, ...windowParams(q)],
  );
}
