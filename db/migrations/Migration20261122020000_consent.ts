import { Migration } from '@mikro-orm/migrations';
import { enableTenantRls } from './tenant-rls.js';

/** Consent per contact and channel (F-6): the current choice; its history is the audit trail. */
export class Migration20261122020000_consent extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "contact_consent" (
      "id" uuid not null, "org_id" uuid not null, "version" int not null default 1,
      "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null,
      "contact_id" uuid not null, "channel" varchar(16) not null, "status" varchar(16) not null,
      "source" varchar(64) not null, "proof" text null, "comment" text null, "actor_id" uuid null,
      "decided_at" timestamptz not null,
      constraint "contact_consent_pkey" primary key ("id"),
      constraint "contact_consent_status_check" check ("status" in ('OPT_IN', 'OPT_OUT')),
      constraint "contact_consent_channel_check" check ("channel" in ('EMAIL', 'SMS', 'WHATSAPP', 'PHONE')));`);
    this.addSql(`create index "contact_consent_org_id_index" on "contact_consent" ("org_id");`);
    this.addSql(
      `alter table "contact_consent" add constraint "contact_consent_org_id_contact_id_channel_unique" unique ("org_id", "contact_id", "channel");`,
    );
    this.addSql(
      `alter table "contact_consent" add constraint "contact_consent_contact_fk" foreign key ("contact_id") references "contact" ("id") on delete cascade;`,
    );
    enableTenantRls(this, 'contact_consent');
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "contact_consent";`);
  }
}
