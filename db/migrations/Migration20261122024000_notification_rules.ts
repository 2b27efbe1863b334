import { Migration } from '@mikro-orm/migrations';
import { enableTenantRls } from './tenant-rls.js';

/** Tenant notification rules (F-7.3). */
export class Migration20261122024000_notification_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "notification_rule" (
      "id" uuid not null, "org_id" uuid not null, "version" int not null default 1,
      "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null,
      "name" varchar(200) not null, "event" varchar(32) not null, "recipients" text[] not null,
      "channel" varchar(16) not null, "template" jsonb not null, "case_type" varchar(64) null,
      "status_code" varchar(64) null, "is_active" boolean not null default true,
      constraint "notification_rule_pkey" primary key ("id"),
      constraint "notification_rule_channel_check" check ("channel" in ('IN_APP', 'EMAIL', 'SMS', 'WHATSAPP')));`);
    this.addSql(`create index "notification_rule_org_id_index" on "notification_rule" ("org_id");`);
    this.addSql(
      `create index "notification_rule_org_id_event_index" on "notification_rule" ("org_id", "event");`,
    );
    enableTenantRls(this, 'notification_rule');
  }
}
