import { Migration } from '@mikro-orm/migrations';

/** The columns a sealed row may not change: everything but its chain position. */
const CONTENT_COLUMNS = [
  'id',
  'org_id',
  'entity_type',
  'entity_id',
  'action',
  'actor_id',
  'actor_type',
  'before_json',
  'after_json',
  'diff_json',
  'correlation_id',
  'created_at',
  'content_hash',
];
const row = (alias: string) => `(${CONTENT_COLUMNS.map((c) => `${alias}.${c}`).join(', ')})`;

/**
 * Audit rows are sealed after commit (issue 20). The insert trigger used to chain each row under a
 * per-organisation advisory lock, so one tenant's writes queued behind each other until commit. Now
 * the trigger only hashes the row's own content (`content_hash`, in the writer's transaction, no
 * lock); `audit_seal()` — one caller at a time, in its own short transaction — gives committed rows
 * their per-organisation `seq`, `prev_hash` and `hash` = sha256(prev | org | seq | content_hash).
 * A row altered before it was sealed still fails verification: the chain covers the content hash
 * written at insert, not the row as the sealer found it. Chain order is sealing order; rows sealed
 * before this migration (content_hash null) keep their original hash formula.
 */
export class Migration20261206213000_h20a_audit_sealing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_event" add column "content_hash" varchar(64) null;`);
    // The sealer's queue: unsealed rows only, so it stays small however long the trail grows.
    this.addSql(
      `create index "audit_event_unsealed_index" on "audit_event" ("org_id", "created_at", "id") where "seq" is null;`,
    );
    this
      .addSql(`create or replace function audit_event_content(a audit_event) returns text language sql immutable as $$
      select concat_ws('|', a.id::text, a.org_id::text, a.entity_type, a.entity_id, a.action,
        coalesce(a.actor_id::text, ''), a.actor_type, coalesce(a.before_json::text, ''),
        coalesce(a.after_json::text, ''), coalesce(a.diff_json::text, ''), coalesce(a.correlation_id, ''),
        to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')) $$;`);
    this
      .addSql(`create or replace function audit_event_content_hash(a audit_event) returns text language sql immutable as $$
      select encode(sha256(convert_to(audit_event_content(a), 'UTF8')), 'hex') $$;`);
    this.addSql(`create or replace function audit_event_link_hash(prev text, p_org uuid, p_seq bigint,
        p_content_hash text) returns text language sql immutable as $$
      select encode(sha256(convert_to(concat_ws('|', coalesce(prev, ''), p_org::text, p_seq::text,
        coalesce(p_content_hash, '')), 'UTF8')), 'hex') $$;`);

    // Same trigger, new body: no lock, no chain position; whatever the writer sent for them is ignored.
    this.addSql(`create or replace function audit_event_chain() returns trigger language plpgsql as $$
      begin
        new.seq := null;
        new.prev_hash := null;
        new.hash := null;
        new.created_at := coalesce(new.created_at, now());
        new.content_hash := audit_event_content_hash(new);
        return new;
      end $$;`);
    // Still append-only, with one exception: giving an unsealed row its chain position.
    this.addSql(`create or replace function audit_event_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' then
          if old.seq is null and old.hash is null and new.seq is not null and new.hash is not null
             and ${row('new')} is not distinct from ${row('old')} then
            return new;
          end if;
        end if;
        raise exception 'audit_event is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
      end $$;`);

    // Seals up to p_limit committed rows in (org, created_at, id) order; -1 when another sealer runs.
    // Security definer: the application role may not update audit_event, and sealing crosses tenants.
    this.addSql(`create or replace function audit_seal(p_limit int default 5000) returns int
      language plpgsql security definer set search_path = public as $$
      declare r record; n int := 0; cur_org uuid; last_seq bigint; last_hash text; next_hash text;
      begin
        if not pg_try_advisory_xact_lock(hashtextextended('audit_event:sealer', 0)) then return -1; end if;
        for r in select a.id, a.org_id, a.content_hash from audit_event a where a.seq is null
                 order by a.org_id, a.created_at, a.id limit p_limit loop
          if cur_org is distinct from r.org_id then
            cur_org := r.org_id;
            last_seq := null;
            last_hash := null;
            select a.seq, a.hash into last_seq, last_hash from audit_event a
              where a.org_id = r.org_id and a.seq is not null order by a.seq desc limit 1;
          end if;
          last_seq := coalesce(last_seq, 0) + 1;
          next_hash := audit_event_link_hash(last_hash, r.org_id, last_seq, r.content_hash);
          update audit_event set seq = last_seq, prev_hash = last_hash, hash = next_hash where id = r.id;
          last_hash := next_hash;
          n := n + 1;
        end loop;
        return n;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists audit_seal(int);`);
    this.addSql(`drop index if exists "audit_event_unsealed_index";`);
  }
}
