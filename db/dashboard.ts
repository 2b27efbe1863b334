import { DEFAULT_HOT_THRESHOLD } from '../definitions/scoring-rules.schema.js';
import type { Em } from './orm.js';

/** Case types on the deal pipeline (F-3.4): what "deals" means on the dashboard. */
export const DEAL_CASE_TYPES = ['ACHAT', 'LOCATION'];

export interface DashboardKpis {
  newLeads7d: number;
  hotLeads: number;
  /** Contacts still `lead` whose score reaches the ruleset's hotThreshold (lead scoring). */
  hotLeadsByScore: number;
  dealsInNegotiation: number;
  weightedPipeline: number;
  openDeals: number;
}

/**
 * The KPI cards in one round trip. Deal cards read the open-dossier rollup (kept by a trigger on
 * dossier, see the read-paths migration), so they cost the same at 1k and 100k dossiers. Hot lead (F-3.5) = a contact still `lead` with at least one open
 * dossier in a status the tenant's CASE_STATUS dictionary marks `hot` (its mapped equivalents).
 */
export async function dashboardKpis(
  em: Em,
  orgId: string,
  agentId: string | undefined,
  hotStatuses: string[],
  hotThreshold = DEFAULT_HOT_THRESHOLD,
): Promise<DashboardKpis> {
  const agent = agentId ?? null;
  const deals = `{${DEAL_CASE_TYPES.join(',')}}`;
  const rows = await em.execute<Record<string, string | null>[]>(
    `select
       (select count(*) from contact c
         where c.org_id = ? and c.status = 'lead' and c.created_at >= now() - interval '7 days'
           and (?::uuid is null or c.assigned_agent_id = ?::uuid))::text as new_leads,
       (select count(*) from contact c
         where c.org_id = ? and c.status = 'lead'
           and c.id in (select d.contact_id from dossier d
                         where d.org_id = ? and d.closed_at is null and d.status_code = any(?::text[]))
           and (?::uuid is null or c.assigned_agent_id = ?::uuid))::text as hot_leads,
       (select count(*) from contact c
         where c.org_id = ? and c.status = 'lead' and c.score >= ?
           and (?::uuid is null or c.assigned_agent_id = ?::uuid))::text as hot_by_score,
       deals.negotiation, deals.weighted, deals.open_deals
     from (select coalesce(sum(n) filter (where status_code = 'NEGOTIATION'), 0)::text as negotiation,
                  coalesce(sum(weighted), 0)::text as weighted, coalesce(sum(n), 0)::text as open_deals
             from open_dossier_rollup
            where org_id = ? and case_type = any(?::text[]) and (?::uuid is null or agent_id = ?::uuid)) deals`,
    [
      ...[orgId, agent, agent],
      ...[orgId, orgId, `{${hotStatuses.join(',')}}`, agent, agent],
      ...[orgId, hotThreshold, agent, agent],
      ...[orgId, deals, agent, agent],
    ],
  );
  const r = rows[0] ?? {};
  return {
    newLeads7d: Number(r.new_leads ?? 0),
    hotLeads: Number(r.hot_leads ?? 0),
    hotLeadsByScore: Number(r.hot_by_score ?? 0),
    dealsInNegotiation: Number(r.negotiation ?? 0),
    weightedPipeline: Math.round(Number(r.weighted ?? 0) * 100) / 100,
    openDeals: Number(r.open_deals ?? 0),
  };
}

/** Overdue follow-ups with the contact and dossier they concern: the first "next best actions". */
export async function overdueFollowUps(em: Em, orgId: string, agentId: string | undefined, limit = 10) {
  return em.execute<
    {
      id: string;
      type: string;
      subject: string | null;
      due_at: Date;
      contact_id: string | null;
      contact_name: string | null;
      dossier_id: string | null;
      dossier_title: string | null;
    }[]
  >(
    `select a.id, a.type, a.subject, a.due_at, a.contact_id, c.first_name || ' ' || c.last_name as contact_name,
            a.dossier_id, d.title as dossier_title
       from activity a
       left join activity_completion ac on ac.activity_id = a.id
       left join activity x on x.corrects_id = a.id
       left join contact c on c.id = a.contact_id
       left join dossier d on d.id = a.dossier_id
      where a.org_id = ? and a.due_at is not null and a.due_at < now() and ac.id is null and x.id is null
        and (?::uuid is null or coalesce(a.assignee_id, d.assigned_agent_id, a.author_id) = ?::uuid)
      order by a.due_at asc limit ?`,
    [orgId, agentId ?? null, agentId ?? null, limit],
  );
}

/** Open appointments starting in the next 7 days (the KPI card). */
export async function appointmentsNext7d(
  em: Em,
  orgId: string,
  agentId: string | undefined,
): Promise<number> {
  const rows = await em.execute<{ n: string }[]>(
    `select count(*)::text as n from appointment
      where org_id = ? and status in ('SCHEDULED', 'CONFIRMED') and start_at >= now() and start_at < now() + interval '7 days'
        and (?::uuid is null or agent_id = ?::uuid)`,
    [orgId, agentId ?? null, agentId ?? null],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Appointments of the next 48 hours still not confirmed: "to confirm" next best actions. */
export async function appointmentsToConfirm(em: Em, orgId: string, agentId: string | undefined, limit = 10) {
  return em.execute<
    {
      id: string;
      title: string;
      start_at: Date;
      contact_id: string | null;
      contact_name: string | null;
      dossier_id: string | null;
      dossier_title: string | null;
    }[]
  >(
    `select a.id, a.title, a.start_at, a.contact_id, c.first_name || ' ' || c.last_name as contact_name,
            a.dossier_id, d.title as dossier_title
       from appointment a
       left join contact c on c.id = a.contact_id
       left join dossier d on d.id = a.dossier_id
      where a.org_id = ? and a.status = 'SCHEDULED' and a.start_at >= now() and a.start_at < now() + interval '48 hours'
        and (?::uuid is null or a.agent_id = ?::uuid)
      order by a.start_at asc limit ?`,
    [orgId, agentId ?? null, agentId ?? null, limit],
  );
}
