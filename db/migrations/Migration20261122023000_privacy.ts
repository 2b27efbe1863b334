import { Migration } from '@mikro-orm/migrations';

/**
 * Erasure on request (F-6.5): the contact's personal fields are replaced and the content of their
 * messages and activities redacted. The append-only triggers admit exactly that — text columns set
 * to the redaction marker — and only inside an erasure (`app.gdpr_erase = on`). The audit trail is
 * left as it is, so its chain still verifies.
 */
export class Migration20261122023000_privacy extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "contact" add column "erased_at" timestamptz null;`);
    this.addSql(`create or replace function refuse_rewrite() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and tg_table_name = 'activity' and current_setting('app.contact_merge', true) = 'on'
           and (to_jsonb(new) - 'contact_id') = (to_jsonb(old) - 'contact_id') then
          return new;
        end if;
        if tg_op = 'UPDATE' and tg_table_name = 'activity' and current_setting('app.gdpr_erase', true) = 'on'
           and (to_jsonb(new) - array['subject', 'content']) = (to_jsonb(old) - array['subject', 'content'])
           and new.subject is not distinct from (case when old.subject is null then null else '[erased]' end)
           and new.content is not distinct from (case when old.content is null then null else '[erased]' end) then
          return new;
        end if;
        raise exception '% is append-only (% refused)', tg_table_name, tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create or replace function message_content_immutable() returns trigger language plpgsql as $$
      declare mutable text[] := array['delivery_status', 'delivery_status_at', 'provider_id', 'failure_reason',
          'attempts', 'version', 'updated_at']
        || case when current_setting('app.contact_merge', true) = 'on' then array['contact_id'] else array[]::text[] end
        || case when current_setting('app.gdpr_erase', true) = 'on'
                then array['content', 'subject', 'to_address', 'template'] else array[]::text[] end;
      begin
        if tg_op <> 'UPDATE' then
          raise exception 'message is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
        end if;
        if (to_jsonb(new) - mutable) is distinct from (to_jsonb(old) - mutable) then
          raise exception 'message content is immutable; only its delivery status may change'
            using errcode = 'insufficient_privilege';
        end if;
        if current_setting('app.gdpr_erase', true) = 'on' and new.content is distinct from old.content
           and new.content <> '[erased]' then
          raise exception 'an erasure may only redact message content' using errcode = 'insufficient_privilege';
        end if;
        return new;
      end $$;`);
  }
}
