import { Migration } from '@mikro-orm/migrations';

/**
 * Merging two contacts (F-4.5) moves the duplicate's activities and messages to the survivor. Those
 * rows are append-only; the triggers now admit exactly one change — `contact_id`, nothing else —
 * and only inside a merge transaction (`app.contact_merge = on`, set by the merge service).
 */
export class Migration20261122005000_merge_moves extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function refuse_rewrite() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and tg_table_name = 'activity' and current_setting('app.contact_merge', true) = 'on'
           and (to_jsonb(new) - 'contact_id') = (to_jsonb(old) - 'contact_id') then
          return new;
        end if;
        raise exception '% is append-only (% refused)', tg_table_name, tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create or replace function message_content_immutable() returns trigger language plpgsql as $$
      declare mutable text[] := array['delivery_status', 'delivery_status_at', 'provider_id', 'version', 'updated_at']
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
  }
}
