import { Migration } from '@mikro-orm/migrations';
import { enableTenantRls } from './tenant-rls.js';

/**
 * Sending messages (F-7.4): what a sent message needs (recipient, subject, WhatsApp template,
 * failure reason, attempts), messages to a contact outside any dossier, and the outbox.
 */
export class Migration20261122021000_outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "message" alter column "dossier_id" drop not null;`);
    this
      .addSql(`alter table "message" add column "to_address" varchar(320) null, add column "subject" varchar(300) null,
      add column "template" jsonb null, add column "failure_reason" text null, add column "attempts" int not null default 0;`);
    this.addSql(
      `create index "message_org_contact_timestamp_index" on "message" ("org_id", "contact_id", "timestamp" desc);`,
    );
    // Delivery moves status, provider id, failure reason and attempt count; the content never changes.
    this.addSql(`create or replace function message_content_immutable() returns trigger language plpgsql as $$
      declare mutable text[] := array['delivery_status', 'delivery_status_at', 'provider_id', 'failure_reason',
          'attempts', 'version', 'updated_at']
        || case when current_setting('app.contact_merge', true) = 'on' then array['contact_id'] else array[]::text[] end;
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
    this.addSql(`create table "message_outbox" ("message_id" uuid not null, "org_id" uuid not null,
      "created_at" timestamptz not null, "dispatched_at" timestamptz null,
      constraint "message_outbox_pkey" primary key ("message_id"));`);
    this.addSql(
      `alter table "message_outbox" add constraint "message_outbox_message_fk" foreign key ("message_id") references "message" ("id");`,
    );
    this.addSql(`create index "message_outbox_created_at_index" on "message_outbox" ("created_at");`);
    enableTenantRls(this, 'message_outbox');
    // The sweep looks across organisations for deliveries that never started; ids only, nothing else.
    this
      .addSql(`create or replace function outbox_stale(p_seconds int) returns table (org_id uuid, message_id uuid)
      language sql stable security definer set search_path = public as $$
      select o.org_id, o.message_id from message_outbox o
       where o.created_at < now() - make_interval(secs => p_seconds) order by o.created_at limit 500 $$;`);
  }
}
