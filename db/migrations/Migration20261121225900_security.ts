import { Migration } from '@mikro-orm/migrations';

/** Tables whose rows belong to one organisation: RLS on `org_id` and an FK to the organisation. */
const TENANT_TABLES = ['app_user', 'role', 'audit_event', 'notification'];

/**
 * Defence in depth for tenancy (row-level security keyed on the transaction's `app.org_id`) and the
 * append-only, hash-chained audit trail. Kept apart from the generated schema migration on purpose.
 */
export class Migration20261121225900_security extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function app_current_org() returns uuid language sql stable as $$
      select nullif(current_setting('app.org_id', true), '')::uuid $$;`);

    for (const table of TENANT_TABLES) {
      this.addSql(
        `alter table "${table}" add constraint "${table}_org_fk" foreign key ("org_id") references "organization" ("id");`,
      );
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(
        `create policy tenant_isolation on "${table}" using (org_id = app_current_org()) with check (org_id = app_current_org());`,
      );
    }
    this.addSql(`alter table "organization" enable row level security;`);
    this.addSql(
      `create policy own_organization on "organization" using (id = app_current_org()) with check (id = app_current_org());`,
    );
    // Login knows only the slug; this is the one sanctioned way across the RLS wall.
    this.addSql(`create or replace function app_org_by_slug(p_slug text) returns table (id uuid, name text)
      language sql stable security definer set search_path = public as $$
      select o.id, o.name from organization o where o.slug = lower(p_slug) and o.is_active $$;`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_lower" check (email = lower(email));`);
    this.addSql(`alter table "audit_event" alter column "created_at" set default now();`);

    // Canonical text of an audit row: what its hash covers. Used by the insert trigger and by verify.
    this
      .addSql(`create or replace function audit_event_payload(a audit_event) returns text language sql immutable as $$
      select concat_ws('|', a.org_id::text, a.seq::text, a.entity_type, a.entity_id, a.action,
        coalesce(a.actor_id::text, ''), a.actor_type, coalesce(a.before_json::text, ''),
        coalesce(a.after_json::text, ''), coalesce(a.diff_json::text, ''), coalesce(a.correlation_id, ''),
        to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')) $$;`);
    this
      .addSql(`create or replace function audit_event_hash(prev text, a audit_event) returns text language sql immutable as $$
      select encode(sha256(convert_to(coalesce(prev, '') || '|' || audit_event_payload(a), 'UTF8')), 'hex') $$;`);
    this.addSql(`create or replace function audit_event_chain() returns trigger language plpgsql as $$
      declare last_seq bigint; last_hash text;
      begin
        perform pg_advisory_xact_lock(hashtextextended('audit_event:' || new.org_id::text, 0));
        select seq, hash into last_seq, last_hash from audit_event
          where org_id = new.org_id order by seq desc limit 1;
        new.seq := coalesce(last_seq, 0) + 1;
        new.prev_hash := last_hash;
        new.created_at := coalesce(new.created_at, now());
        new.hash := audit_event_hash(last_hash, new);
        return new;
      end $$;`);
    this.addSql(
      `create trigger audit_event_chain before insert on audit_event for each row execute function audit_event_chain();`,
    );
    this.addSql(`create or replace function audit_event_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_event is append-only (% refused)', tg_op using errcode = 'insufficient_privilege'; end $$;`);
    this.addSql(
      `create trigger audit_event_append_only before update or delete on audit_event for each row execute function audit_event_append_only();`,
    );
    this.addSql(
      `create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function audit_event_append_only();`,
    );
  }
}
