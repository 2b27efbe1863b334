import { Migration } from '@mikro-orm/migrations';

/**
 * Consent per dossier where the customer's schema asks for it (seed 002 `consentement` is keyed by
 * dossier): a row with a dossier_id is the person's choice for messages about that dossier only and
 * overrides their general choice there (see effectiveConsent in db/consent.ts).
 */
export class Migration20261122030000_dossier_consent extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "contact_consent" add column "dossier_id" uuid null;`);
    this.addSql(
      `alter table "contact_consent" add constraint "contact_consent_dossier_fk" foreign key ("dossier_id") references "dossier" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "contact_consent" drop constraint "contact_consent_org_id_contact_id_channel_unique";`,
    );
    this.addSql(
      `create unique index "contact_consent_contact_scope_unique" on "contact_consent" ("org_id", "contact_id", "channel") where "dossier_id" is null;`,
    );
    this.addSql(
      `create unique index "contact_consent_dossier_scope_unique" on "contact_consent" ("org_id", "dossier_id", "contact_id", "channel") where "dossier_id" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "contact_consent" where "dossier_id" is not null;`);
    this.addSql(`drop index "contact_consent_dossier_scope_unique";`);
    this.addSql(`drop index "contact_consent_contact_scope_unique";`);
    this.addSql(
      `alter table "contact_consent" add constraint "contact_consent_org_id_contact_id_channel_unique" unique ("org_id", "contact_id", "channel");`,
    );
    this.addSql(`alter table "contact_consent" drop column "dossier_id";`);
  }
}
