import { Migration } from '@mikro-orm/migrations';

/**
 * The rollup triggers no longer take the organisation's audit lock (issue 20): audit rows are sealed
 * after commit now, so that lock no longer exists on the write path, and taking it here would keep a
 * tenant's dossier writes in one queue. The rollups stay exact: each change is a row-level upsert
 * (`n = n + delta`), and each trigger touches its rows in key order. Bodies are those of
 * Migration20261122010000_read_paths without the lock.
 */
export class Migration20261206213100_h20a_rollups_unlocked extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function funnel_on_history_insert() returns trigger language plpgsql as $$
      declare d record; prev_status text; prev_at timestamptz; prev_version int; secs double precision;
        reached_first boolean; stay_first boolean;
      begin
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
    this.addSql(`create or replace function dossier_outcome_on_change() returns trigger language plpgsql as $$
      declare old_key text; new_key text; old_open text; new_open text;
      begin
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
  }
}
