import { Migration } from '@mikro-orm/migrations';
import { enableTenantRls } from './tenant-rls.js';

/** Parties of a dossier (buyer, seller, guarantor…): who plays which part, read by guards. */
export class Migration20261122025000_dossier_parties extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "dossier_party" (
      "id" uuid not null, "org_id" uuid not null, "version" int not null default 1,
      "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null,
      "dossier_id" uuid not null, "contact_id" uuid not null, "role" varchar(64) not null,
      constraint "dossier_party_pkey" primary key ("id"),
      constraint "dossier_party_dossier_id_contact_id_role_unique" unique ("dossier_id", "contact_id", "role"));`);
    this.addSql(`create index "dossier_party_org_id_index" on "dossier_party" ("org_id");`);
    this.addSql(
      `create index "dossier_party_org_id_contact_id_index" on "dossier_party" ("org_id", "contact_id");`,
    );
    this.addSql(
      `alter table "dossier_party" add constraint "dossier_party_dossier_fk" foreign key ("dossier_id") references "dossier" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "dossier_party" add constraint "dossier_party_contact_fk" foreign key ("contact_id") references "contact" ("id") on delete cascade;`,
    );
    enableTenantRls(this, 'dossier_party');
  }
}
