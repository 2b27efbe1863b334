import type { Em } from './orm.js';

export interface FunnelQuery {
  caseType: string;
  from?: string;
  to?: string;
}

interface StageRow {
  status: string;
  definition_version: number;
  reached: string;
  avg_hours: string | null;
  median_hours: string | null;
}

/**
 * The funnel of a case type over the dossiers created in [from, to): how many reached each status
 * (from status history, so backward moves count once), and how long they stayed there.
 */
export async function funnelStages(em: Em, q: FunnelQuery) {
  return em.execute<StageRow[]>(
    `with cohort as (
       select id, definition_version from dossier
        where case_type = ? and (?::timestamptz is null or created_at >= ?) and (?::timestamptz is null or created_at < ?)
     ), stays as (
       select h.dossier_id, h.to_status, c.definition_version,
              extract(epoch from (coalesce(lead(h.at) over (partition by h.dossier_id order by h.at, h.id), now()) - h.at)) / 3600 as hours
         from dossier_status_history h join cohort c on c.id = h.dossier_id
     )
     select to_status as status, definition_version, count(distinct dossier_id)::text as reached,
            avg(hours)::text as avg_hours,
            percentile_cont(0.5) within group (order by hours)::text as median_hours
       from stays group by grouping sets ((to_status), (to_status, definition_version))`,
    [q.caseType, q.from ?? null, q.from ?? null, q.to ?? null, q.to ?? null],
  );
}

export async function closeReasons(em: Em, q: FunnelQuery) {
  return em.execute<{ status_code: string; close_reason_code: string | null; n: string }[]>(
    `select status_code, close_reason_code, count(*)::text as n from dossier
      where case_type = ? and closed_at is not null
        and (?::timestamptz is null or created_at >= ?) and (?::timestamptz is null or created_at < ?)
      group by 1, 2 order by 3 desc`,
    [q.caseType, q.from ?? null, q.from ?? null, q.to ?? null, q.to ?? null],
  );
}

export async function sourceAttribution(em: Em, q: FunnelQuery, wonStatuses: string[]) {
  return em.execute<{ source: string | null; leads: string; wins: string }[]>(
    `select source, count(*)::text as leads, count(*) filter (where status_code = any(?::text[]))::text as wins
       from dossier where case_type = ?
        and (?::timestamptz is null or created_at >= ?) and (?::timestamptz is null or created_at < ?)
      group by 1 order by 2 desc`,
    [`{${wonStatuses.join(',')}}`, q.caseType, q.from ?? null, q.from ?? null, q.to ?? null, q.to ?? null],
  );
}
