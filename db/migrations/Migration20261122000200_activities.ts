import { Migration } from '@mikro-orm/migrations';

const TENANT_TABLES = ['activity', 'activity_completion', 'activity_reminder', 'message'];

/**
 * Activities, task completions, reminder ledger and messages (F-5). Hand-written: RLS + FKs as in the
 * engine migration, and append-only triggers as for audit_event (privileges are revoked in migrate.ts).
 */
export class Migration20261122000200_activities extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "activity" ("id" uuid not null, "org_id" uuid not null, "type" varchar(32) not null, "direction" varchar(16) not null, "subject" varchar(300) null, "content" text null, "outcome" varchar(64) null, "occurred_at" timestamptz not null, "author_id" uuid not null, "assignee_id" uuid null, "contact_id" uuid null, "dossier_id" uuid null, "due_at" timestamptz null, "corrects_id" uuid null, "created_at" timestamptz not null, constraint "activity_pkey" primary key ("id"),
       constraint "activity_direction_check" check ("direction" in ('IN', 'OUT', 'INTERNAL')),
       constraint "activity_subject_check" check ("contact_id" is not null or "dossier_id" is not null));`,
    );
    for (const cols of [
      ['org_id', 'dossier_id', 'occurred_at'],
      ['org_id', 'contact_id', 'occurred_at'],
      ['org_id', 'author_id', 'occurred_at'],
      ['org_id', 'occurred_at'],
      ['corrects_id'],
    ]) {
      this.addSql(
        `create index "activity_${cols.join('_')}_index" on "activity" (${cols.map((c) => `"${c}"`).join(', ')});`,
      );
    }
    this.addSql(
      `create index "activity_open_due_index" on "activity" ("org_id", "due_at") where "due_at" is not null;`,
    );

    this.addSql(
      `create table "activity_completion" ("id" uuid not null, "org_id" uuid not null, "activity_id" uuid not null, "completed_by" uuid not null, "completed_at" timestamptz not null, "outcome" varchar(64) null, "note" text null, "created_at" timestamptz not null, constraint "activity_completion_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "activity_completion" add constraint "activity_completion_org_id_activity_id_unique" unique ("org_id", "activity_id");`,
    );

    this.addSql(
      `create table "activity_reminder" ("org_id" uuid not null, "activity_id" uuid not null, "remind_on" date not null, "recipient_id" uuid not null, "notification_id" uuid not null, "created_at" timestamptz not null, constraint "activity_reminder_pkey" primary key ("org_id", "activity_id", "remind_on"));`,
    );

    this.addSql(
      `create table "message" ("id" uuid not null, "org_id" uuid not null, "dossier_id" uuid not null, "contact_id" uuid null, "direction" varchar(16) not null, "channel" varchar(16) not null, "content" text not null, "timestamp" timestamptz not null, "delivery_status" varchar(32) not null, "delivery_status_at" timestamptz null, "provider_id" varchar(200) null, "author_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "message_pkey" primary key ("id"),
       constraint "message_direction_check" check ("direction" in ('INBOUND', 'OUTBOUND')),
       constraint "message_channel_check" check ("channel" in ('EMAIL', 'SMS', 'PHONE', 'WHATSAPP')));`,
    );
    this.addSql(
      `create index "message_org_dossier_timestamp_index" on "message" ("org_id", "dossier_id", "timestamp" desc);`,
    );
    this.addSql(
      `create index "message_org_id_channel_timestamp_index" on "message" ("org_id", "channel", "timestamp");`,
    );
    // Provider callbacks (later issue) find a message by its provider id; one per channel.
    this.addSql(
      `create unique index "message_provider_unique" on "message" ("org_id", "channel", "provider_id") where "provider_id" is not null;`,
    );

    for (const table of TENANT_TABLES) {
      this.addSql(
        `alter table "${table}" add constraint "${table}_org_fk" foreign key ("org_id") references "organization" ("id");`,
      );
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(
        `create policy tenant_isolation on "${table}" using (org_id = app_current_org()) with check (org_id = app_current_org());`,
      );
    }
    const fks: [string, string, string][] = [
      ['activity', 'dossier_id', 'dossier'],
      ['activity', 'corrects_id', 'activity'],
      ['activity', 'author_id', 'app_user'],
      ['activity', 'assignee_id', 'app_user'],
      ['activity_completion', 'activity_id', 'activity'],
      ['activity_completion', 'completed_by', 'app_user'],
      ['activity_reminder', 'activity_id', 'activity'],
      ['activity_reminder', 'notification_id', 'notification'],
      ['message', 'dossier_id', 'dossier'],
      ['message', 'author_id', 'app_user'],
    ];
    for (const [table, column, target] of fks) {
      this.addSql(
        `alter table "${table}" add constraint "${table}_${column}_fk" foreign key ("${column}") references "${target}" ("id");`,
      );
    }

    // Activities and completions are facts: nobody rewrites them, not even the owner by mistake.
    this.addSql(`create or replace function refuse_rewrite() returns trigger language plpgsql as $$
      begin raise exception '% is append-only (% refused)', tg_table_name, tg_op using errcode = 'insufficient_privilege'; end $$;`);
    for (const table of ['activity', 'activity_completion']) {
      this.addSql(
        `create trigger ${table}_append_only before update or delete on "${table}" for each row execute function refuse_rewrite();`,
      );
      this.addSql(
        `create trigger ${table}_no_truncate before truncate on "${table}" for each statement execute function refuse_rewrite();`,
      );
    }
    // Messages: what was said is fixed; delivery status (and its bookkeeping) may follow later.
    this.addSql(`create or replace function message_content_immutable() returns trigger language plpgsql as $$
      declare mutable text[] := array['delivery_status', 'delivery_status_at', 'provider_id', 'version', 'updated_at'];
      begin
        if tg_op <> 'UPDATE' then
          raise exception 'message is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
        end if;
        if (to_jsonb(new) - mutable) is distinct from (to_jsonb(old) - mutable) then
          raise exception 'message content is immutable; only its delivery status may change'
            using errcode = 'insufficient_privilege';
        end if;
        return new;
      end $$;`);
    this.addSql(
      `create trigger message_content_immutable before update or delete on "message" for each row execute function message_content_immutable();`,
    );
    this.addSql(
      `create trigger message_no_truncate before truncate on "message" for each statement execute function message_content_immutable();`,
    );

    // The daily reminder job runs for every organisation; RLS hides them from the app role, so this
    // is the sanctioned way to list them (ids only), like app_org_by_slug for login.
    this.addSql(`create or replace function app_active_organization_ids() returns setof uuid
      language sql stable security definer set search_path = public as $$
      select o.id from organization o where o.is_active order by o.slug $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists app_active_organization_ids();`);
    this.addSql(`drop table if exists "activity_reminder" cascade;`);
    this.addSql(`drop table if exists "activity_completion" cascade;`);
    this.addSql(`drop table if exists "message" cascade;`);
    this.addSql(`drop table if exists "activity" cascade;`);
    this.addSql(`drop function if exists message_content_immutable();`);
    this.addSql(`drop function if exists refuse_rewrite();`);
  }
}
