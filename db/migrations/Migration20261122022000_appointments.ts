import { Migration } from '@mikro-orm/migrations';
import { enableTenantRls } from './tenant-rls.js';

/** Appointments with their reminder workflow (F-7.1/7.2), tenant settings, deduplicated automatic sends. */
export class Migration20261122022000_appointments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "appointment" (
      "id" uuid not null, "org_id" uuid not null, "version" int not null default 1,
      "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null,
      "kind" varchar(16) not null, "title" varchar(300) not null, "start_at" timestamptz not null,
      "end_at" timestamptz not null, "place" varchar(500) null, "agent_id" uuid not null, "contact_id" uuid null,
      "dossier_id" uuid null, "status" varchar(16) not null, "notes" text null,
      "reminder_offsets" text[] not null default '{}', "canceled_reason" text null, "workflow_id" varchar(200) not null,
      constraint "appointment_pkey" primary key ("id"),
      constraint "appointment_kind_check" check ("kind" in ('RDV', 'VISITE')),
      constraint "appointment_status_check" check ("status" in ('SCHEDULED', 'CONFIRMED', 'DONE', 'NO_SHOW', 'CANCELED')),
      constraint "appointment_period_check" check ("end_at" > "start_at"));`);
    for (const cols of [
      ['org_id', 'agent_id', 'start_at'],
      ['org_id', 'start_at'],
      ['org_id', 'dossier_id'],
      ['org_id', 'contact_id'],
      ['org_id'],
    ])
      this.addSql(
        `create index "appointment_${cols.join('_')}_index" on "appointment" (${cols.map((c) => `"${c}"`).join(', ')});`,
      );
    for (const [col, table] of [
      ['agent_id', 'app_user'],
      ['contact_id', 'contact'],
      ['dossier_id', 'dossier'],
    ])
      this.addSql(
        `alter table "appointment" add constraint "appointment_${col}_fk" foreign key ("${col}") references "${table}" ("id");`,
      );
    enableTenantRls(this, 'appointment');

    this.addSql(`alter table "organization" add column "settings" jsonb not null default '{}';`);
    this.addSql(`alter table "message" add column "dedupe_key" varchar(200) null;`);
    this.addSql(
      `create unique index "message_dedupe_key_unique" on "message" ("org_id", "dedupe_key") where "dedupe_key" is not null;`,
    );
  }
}
