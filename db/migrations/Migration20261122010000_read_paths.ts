import { Migration } from '@mikro-orm/migrations';
import { enableTenantRls } from './tenant-rls.js';

// Frozen copies of what the entities indexed when this migration was written.
const CONTACT_DOCUMENT = `coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || regexp_replace(coalesce(email, ''), '[^[:alnum:]]+', ' ', 'g') || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9]+', '', 'g')`;
const ACCOUNT_DOCUMENT = `coalesce(name, '') || ' ' || coalesce(code, '') || ' ' || regexp_replace(coalesce(code, ''), '[^[:alnum:]]+', ' ', 'g')`;
const DOSSIER_DOCUMENT = `regexp_replace(coalesce(title, '') || ' ' || coalesce(reference, ''), '[^[:alnum:]]+', ' ', 'g')`;
const FUNNEL_HISTOGRAM_BUCKETS = 128;

/**
 * Read paths that stay fast at 100k+ rows per organisation.
 *
 * 1. Index-backed matching under RLS. PostgreSQL may not use an index for a non-LEAKPROOF operator
 *    (`@@`, `@>`) on a table with row-level security: it must apply the policy first, so a search
 *    became a scan of the whole organisation. These SECURITY DEFINER functions run the indexed match
 *    as the owner but only inside `app_current_org()` (no organisation → no rows); the API then reads
 *    the matching ids under RLS as usual.
 * 2. Funnel rollups maintained in the writing transaction: per (case type, creation day, version,
 *    status) how many dossiers reached it and their completed stays (count, seconds, sparse log histogram);
 *    per (case type, creation day, source, status, reason) the dossiers' outcomes. A report then sums
 *    a few hundred rows instead of replaying every status change.
 * 3. Open dossiers per (case type, status, agent) with their weighted amount, for the dashboard's deal
 *    cards; covering indexes for its hot-lead count (index-only scans).
 */
export class Migration20261122010000_read_paths extends Migration {
  override async up(): Promise<void> {
    const matchers: Array<[string, string, string]> = [
      ['contact_search_ids', 'contact', CONTACT_DOCUMENT],
      ['account_search_ids', 'account', ACCOUNT_DOCUMENT],
      ['dossier_search_ids', 'dossier', DOSSIER_DOCUMENT],
    ];
    for (const [fn, table, document] of matchers) {
      this.addSql(`create or replace function ${fn}(q tsquery) returns setof uuid
        language sql stable security definer set search_path = public rows 200 as $$
        select id from ${table} where org_id = app_current_org() and to_tsvector('simple', ${document}) @@ q $$;`);
    }
    this.addSql(`create or replace function contact_tag_ids(p_tag text) returns setof uuid
      language sql stable security definer set search_path = public rows 200 as $$
      select id from contact where org_id = app_current_org() and tags @> array[p_tag] $$;`);

    this.addSql(`create table "funnel_stage_rollup" (
      "org_id" uuid not null, "case_type" varchar(64) not null, "created_day" date not null,
      "definition_version" int not null, "status_code" varchar(64) not null,
      "reached" int not null default 0, "stays" int not null default 0,
      "stay_seconds" double precision not null default 0,
      "stay_histogram" jsonb not null default '{}',
      constraint "funnel_stage_rollup_pkey" primary key ("org_id", "case_type", "created_day", "definition_version", "status_code"));`);
    this.addSql(`create table "dossier_outcome_rollup" (
      "org_id" uuid not null, "case_type" varchar(64) not null, "created_day" date not null,
      "source" varchar(64) not null, "status_code" varchar(64) not null, "close_reason_code" varchar(64) not null,
      "closed" boolean not null, "n" int not null default 0,
      constraint "dossier_outcome_rollup_pkey" primary key ("org_id", "case_type", "created_day", "source", "status_code", "close_reason_code", "closed"));`);
    // Open dossiers per (case type, status, agent): the dashboard's deal cards without a scan.
    this.addSql(`create table "open_dossier_rollup" (
      "org_id" uuid not null, "case_type" varchar(64) not null, "status_code" varchar(64) not null,
      "agent_id" uuid not null, "n" int not null default 0, "weighted" numeric not null default 0,
      constraint "open_dossier_rollup_pkey" primary key ("org_id", "case_type", "status_code", "agent_id"));`);
    for (const table of ['funnel_stage_rollup', 'dossier_outcome_rollup', 'open_dossier_rollup'])
      enableTenantRls(this, table);

    // Bucket b (1-based) holds stays with log2(seconds + 1) in [(b - 1) / 4, b / 4): ±9 % resolution.
    this.addSql(`create or replace function funnel_stay_bucket(secs double precision) returns int
      language sql immutable as $$
      select least(${FUNNEL_HISTOGRAM_BUCKETS}, 1 + floor(ln(greatest(secs, 0) + 1) / ln(2) * 4))::int $$;`);

    // Rollup writers take the organisation's audit lock first: every writer of a dossier already
    // takes it for its audit row, so one lock (always taken before any rollup row) rules out deadlocks
    // between rollup rows, and adds no new serialisation.
    this.addSql(`create or replace function funnel_on_history_insert() returns trigger language plpgsql as $$
      declare d record; prev_status text; prev_at timestamptz; prev_version int; secs double precision;
        reached_first boolean; stay_first boolean;
      begin
        perform pg_advisory_xact_lock(hashtextextended('audit_event:' || new.org_id::text, 0));
        select case_type, (created_at at time zone 'UTC')::date as day into d from dossier where id = new.dossier_id;
        if not found then return null; end if;
        reached_first := not exists (select 1 from dossier_status_history h
          where h.dossier_id = new.dossier_id and h.to_status = new.to_status and (h.at, h.id) < (new.at, new.id));
        select h.to_status, h.at, h.definition_version into prev_status, prev_at, prev_version
          from dossier_status_history h
          where h.dossier_id = new.dossier_id and (h.at, h.id) < (new.at, new.id)
          order by h.at desc, h.id desc limit 1;
        secs := greatest(0, extract(epoch from new.at - prev_at));
        -- Rows in key order, so two transactions never wait on each other's rows.
        stay_first := prev_status is not null and (prev_version, prev_status) < (new.definition_version, new.to_status);
        if stay_first then
          perform funnel_add_stay(new.org_id, d.case_type, d.day, prev_version, prev_status, secs);
        end if;
        if reached_first then
          insert into funnel_stage_rollup as r (org_id, case_type, created_day, definition_version, status_code, reached)
            values (new.org_id, d.case_type, d.day, new.definition_version, new.to_status, 1)
            on conflict (org_id, case_type, created_day, definition_version, status_code)
            do update set reached = r.reached + 1;
        end if;
        if prev_status is not null and not stay_first then
          perform funnel_add_stay(new.org_id, d.case_type, d.day, prev_version, prev_status, secs);
        end if;
        return null;
      end $$;`);
    this
      .addSql(`create or replace function funnel_add_stay(p_org uuid, p_case text, p_day date, p_version int,
        p_status text, p_secs double precision) returns void language sql as $$
      insert into funnel_stage_rollup as r (org_id, case_type, created_day, definition_version, status_code,
          stays, stay_seconds, stay_histogram)
        values (p_org, p_case, p_day, p_version, p_status, 1, p_secs,
          jsonb_build_object(funnel_stay_bucket(p_secs)::text, 1))
        on conflict (org_id, case_type, created_day, definition_version, status_code) do update
          set stays = r.stays + 1, stay_seconds = r.stay_seconds + p_secs,
              stay_histogram = jsonb_set(r.stay_histogram, array[funnel_stay_bucket(p_secs)::text],
                to_jsonb(coalesce((r.stay_histogram ->> funnel_stay_bucket(p_secs)::text)::int, 0) + 1)) $$;`);
    this.addSql(`create trigger funnel_on_history_insert after insert on dossier_status_history
      for each row execute function funnel_on_history_insert();`);

    this
      .addSql(`create or replace function dossier_outcome_bump(d dossier, delta int) returns void language sql as $$
      insert into dossier_outcome_rollup as r (org_id, case_type, created_day, source, status_code, close_reason_code, closed, n)
        values (d.org_id, d.case_type, (d.created_at at time zone 'UTC')::date, coalesce(d.source, ''), d.status_code,
          coalesce(d.close_reason_code, ''), d.closed_at is not null, delta)
        on conflict (org_id, case_type, created_day, source, status_code, close_reason_code, closed)
        do update set n = r.n + delta $$;`);
    // Unassigned dossiers count under the nil uuid (a primary key cannot hold null).
    this
      .addSql(`create or replace function open_dossier_bump(d dossier, delta int) returns void language sql as $$
      insert into open_dossier_rollup as r (org_id, case_type, status_code, agent_id, n, weighted)
        select d.org_id, d.case_type, d.status_code, coalesce(d.assigned_agent_id, '00000000-0000-0000-0000-000000000000'),
               delta, delta * coalesce(d.amount * d.probability / 100.0, 0)
         where d.closed_at is null
        on conflict (org_id, case_type, status_code, agent_id)
        do update set n = r.n + excluded.n, weighted = r.weighted + excluded.weighted $$;`);
    this.addSql(`create or replace function dossier_outcome_on_change() returns trigger language plpgsql as $$
      declare old_key text; new_key text; old_open text; new_open text;
      begin
        perform pg_advisory_xact_lock(hashtextextended('audit_event:' || coalesce(new.org_id, old.org_id)::text, 0));
        if tg_op = 'INSERT' then
          perform dossier_outcome_bump(new, 1); perform open_dossier_bump(new, 1); return null;
        end if;
        if tg_op = 'DELETE' then
          perform dossier_outcome_bump(old, -1); perform open_dossier_bump(old, -1); return null;
        end if;
        old_key := row(old.case_type, old.created_at::date, old.source, old.status_code, old.close_reason_code, old.closed_at is not null)::text;
        new_key := row(new.case_type, new.created_at::date, new.source, new.status_code, new.close_reason_code, new.closed_at is not null)::text;
        -- Rows in key order, so two transactions never wait on each other's rows.
        if old_key < new_key then
          perform dossier_outcome_bump(old, -1); perform dossier_outcome_bump(new, 1);
        elsif old_key > new_key then
          perform dossier_outcome_bump(new, 1); perform dossier_outcome_bump(old, -1);
        end if;
        old_open := row(old.case_type, old.status_code, old.assigned_agent_id, old.closed_at is null, old.amount, old.probability)::text;
        new_open := row(new.case_type, new.status_code, new.assigned_agent_id, new.closed_at is null, new.amount, new.probability)::text;
        if old_open < new_open then
          perform open_dossier_bump(old, -1); perform open_dossier_bump(new, 1);
        elsif old_open > new_open then
          perform open_dossier_bump(new, 1); perform open_dossier_bump(old, -1);
        end if;
        return null;
      end $$;`);
    this
      .addSql(`create trigger dossier_outcome_on_change after insert or delete or update of case_type, created_at,
      source, status_code, close_reason_code, closed_at, assigned_agent_id, amount, probability on dossier
      for each row execute function dossier_outcome_on_change();`);

    // Recomputes an organisation's rollups from the facts (bulk loads, repairs; tests compare both).
    this.addSql(`create or replace function rollups_rebuild(p_org uuid) returns void language sql as $$
      delete from funnel_stage_rollup where org_id = p_org;
      delete from dossier_outcome_rollup where org_id = p_org;
      delete from open_dossier_rollup where org_id = p_org;
      insert into open_dossier_rollup (org_id, case_type, status_code, agent_id, n, weighted)
        select org_id, case_type, status_code, coalesce(assigned_agent_id, '00000000-0000-0000-0000-000000000000'),
               count(*), coalesce(sum(amount * probability / 100.0), 0)
          from dossier where org_id = p_org and closed_at is null group by 1, 2, 3, 4;
      insert into dossier_outcome_rollup (org_id, case_type, created_day, source, status_code, close_reason_code, closed, n)
        select org_id, case_type, (created_at at time zone 'UTC')::date, coalesce(source, ''), status_code,
               coalesce(close_reason_code, ''), closed_at is not null, count(*)
          from dossier where org_id = p_org group by 1, 2, 3, 4, 5, 6, 7;
      with h as (
        select h.dossier_id, h.to_status, h.definition_version, h.at, d.case_type,
               (d.created_at at time zone 'UTC')::date as day,
               row_number() over (partition by h.dossier_id, h.to_status order by h.at, h.id) as nth,
               extract(epoch from lead(h.at) over (partition by h.dossier_id order by h.at, h.id) - h.at) as secs
          from dossier_status_history h join dossier d on d.id = h.dossier_id
         where h.org_id = p_org
      ), per_key as (
        select case_type, day, definition_version, to_status,
               count(*) filter (where nth = 1) as reached,
               count(secs) as stays, coalesce(sum(greatest(secs, 0)), 0) as stay_seconds
          from h group by 1, 2, 3, 4
      ), hist as (
        select case_type, day, definition_version, to_status, funnel_stay_bucket(secs) as b, count(*) as n
          from h where secs is not null group by 1, 2, 3, 4, 5
      )
      insert into funnel_stage_rollup (org_id, case_type, created_day, definition_version, status_code,
          reached, stays, stay_seconds, stay_histogram)
        select p_org, k.case_type, k.day, k.definition_version, k.to_status, k.reached, k.stays, k.stay_seconds,
               coalesce((select jsonb_object_agg(hi.b::text, hi.n) from hist hi where hi.case_type = k.case_type
                   and hi.day = k.day and hi.definition_version = k.definition_version
                   and hi.to_status = k.to_status), '{}')
          from per_key k $$;`);
    this.addSql(`select rollups_rebuild(id) from organization;`);

    // Dashboard hot leads: open dossiers by status and contact (index-only scan).
    this
      .addSql(`create index "dossier_open_contact_index" on "dossier" ("org_id", "status_code", "contact_id")
      where "closed_at" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists dossier_outcome_on_change on dossier;`);
    this.addSql(`drop trigger if exists funnel_on_history_insert on dossier_status_history;`);
    this.addSql(`drop table if exists funnel_stage_rollup, dossier_outcome_rollup, open_dossier_rollup;`);
    for (const fn of [
      'rollups_rebuild(uuid)',
      'dossier_outcome_on_change()',
      'dossier_outcome_bump(dossier, int)',
      'open_dossier_bump(dossier, int)',
      'funnel_on_history_insert()',
      'funnel_add_stay(uuid, text, date, int, text, double precision)',
      'funnel_stay_bucket(double precision)',
      'contact_search_ids(tsquery)',
      'account_search_ids(tsquery)',
      'dossier_search_ids(tsquery)',
      'contact_tag_ids(text)',
    ])
      this.addSql(`drop function if exists ${fn};`);
    for (const index of ['dossier_open_contact_index']) this.addSql(`drop index if exists "${index}";`);
  }
}
