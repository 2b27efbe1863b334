import { Migration } from '@mikro-orm/migrations';

/** Contacts, their roles and assignment history, accounts and account links (F-4). Hand-written. */
export class Migration20261122000100_contacts extends Migration {
  override async up(): Promise<void> {
    const base = `"id" uuid not null, "org_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null`;
    this.addSql(
      `create table "contact" (${base}, "first_name" varchar(100) not null, "last_name" varchar(100) not null, "email" varchar(254) not null, "phone" varchar(32) null, "status" varchar(16) not null default 'lead', "source" varchar(64) null, "tags" text[] not null default '{}', "assigned_agent_id" uuid null, "last_interaction_at" timestamptz null, "converted_at" timestamptz null, "merged_into_id" uuid null, constraint "contact_pkey" primary key ("id"), constraint "contact_status_check" check ("status" in ('lead', 'active_client', 'archived')));`,
    );
    this.addSql(`create index "contact_org_id_index" on "contact" ("org_id");`);
    for (const column of ['status', 'source', 'assigned_agent_id', 'created_at', 'last_interaction_at']) {
      this.addSql(`create index "contact_org_id_${column}_index" on "contact" ("org_id", "${column}");`);
    }
    this.addSql(`create index contact_tags_index on contact using gin (tags);`);
    this.addSql(
      `create index contact_search_index on contact using gin (to_tsvector('simple', coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || regexp_replace(coalesce(email, ''), '[^[:alnum:]]+', ' ', 'g') || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9]+', '', 'g')));`,
    );
    // Email unique per organisation, case-insensitively (F-4.1).
    this.addSql(`create unique index contact_org_id_email_unique on contact (org_id, lower(email));`);

    this.addSql(
      `create table "contact_role" (${base}, "contact_id" uuid not null, "role" varchar(32) not null, "start_date" date not null, "end_date" date null, "ended_at" timestamptz null, constraint "contact_role_pkey" primary key ("id"), constraint "contact_role_role_check" check ("role" in ('PROPRIETAIRE', 'LOCATAIRE', 'COPROPRIETAIRE', 'ACQUEREUR')), constraint "contact_role_dates_check" check ("end_date" is null or "end_date" >= "start_date"));`,
    );
    this.addSql(`create index "contact_role_org_id_index" on "contact_role" ("org_id");`);
    this.addSql(
      `create index "contact_role_org_id_contact_id_index" on "contact_role" ("org_id", "contact_id");`,
    );
    // One open-ended holding of each role per contact; ended or dated rows are history.
    this.addSql(
      `create unique index contact_role_open_unique on contact_role (contact_id, role) where ended_at is null and end_date is null;`,
    );

    this.addSql(
      `create table "contact_assignment" ("id" uuid not null, "org_id" uuid not null, "contact_id" uuid not null, "from_agent_id" uuid null, "to_agent_id" uuid null, "actor_id" uuid null, "at" timestamptz not null, constraint "contact_assignment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "contact_assignment_org_id_contact_id_at_index" on "contact_assignment" ("org_id", "contact_id", "at");`,
    );

    this.addSql(
      `create table "account" (${base}, "code" varchar(32) not null, "name" varchar(200) not null, "type" varchar(16) not null default 'PROSPECT', "city" varchar(120) null, "country" varchar(2) null, "converted_at" timestamptz null, constraint "account_pkey" primary key ("id"), constraint "account_type_check" check ("type" in ('PROSPECT', 'LEAD', 'CUSTOMER', 'VIP', 'PARTNER', 'CHURNED')));`,
    );
    this.addSql(`create index "account_org_id_index" on "account" ("org_id");`);
    this.addSql(`create index "account_org_id_type_index" on "account" ("org_id", "type");`);
    this.addSql(`create index "account_org_id_created_at_index" on "account" ("org_id", "created_at");`);
    this.addSql(
      `create index account_search_index on account using gin (to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(code, '') || ' ' || regexp_replace(coalesce(code, ''), '[^[:alnum:]]+', ' ', 'g')));`,
    );
    this.addSql(
      `alter table "account" add constraint "account_org_id_code_unique" unique ("org_id", "code");`,
    );

    this.addSql(
      `create table "account_contact" (${base}, "account_id" uuid not null, "contact_id" uuid not null, "is_primary" boolean not null default false, "is_billing" boolean not null default false, "is_shipping" boolean not null default false, "is_decision_maker" boolean not null default false, constraint "account_contact_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "account_contact_org_id_index" on "account_contact" ("org_id");`);
    this.addSql(
      `create index "account_contact_org_id_contact_id_index" on "account_contact" ("org_id", "contact_id");`,
    );
    this.addSql(
      `alter table "account_contact" add constraint "account_contact_account_id_contact_id_unique" unique ("account_id", "contact_id");`,
    );
    // One primary contact per account (F-4.6).
    this.addSql(
      `create unique index account_contact_one_primary on account_contact (account_id) where is_primary;`,
    );

    for (const table of ['contact', 'contact_role', 'contact_assignment', 'account', 'account_contact']) {
      this.addSql(
        `alter table "${table}" add constraint "${table}_org_fk" foreign key ("org_id") references "organization" ("id");`,
      );
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(
        `create policy tenant_isolation on "${table}" using (org_id = app_current_org()) with check (org_id = app_current_org());`,
      );
    }
    const fks: [string, string, string][] = [
      ['contact', 'merged_into_id', 'contact'],
      ['contact', 'assigned_agent_id', 'app_user'],
      ['contact_role', 'contact_id', 'contact'],
      ['contact_assignment', 'contact_id', 'contact'],
      ['account_contact', 'account_id', 'account'],
      ['account_contact', 'contact_id', 'contact'],
    ];
    for (const [table, column, target] of fks) {
      this.addSql(
        `alter table "${table}" add constraint "${table}_${column}_fk" foreign key ("${column}") references "${target}" ("id");`,
      );
    }
  }

  override async down(): Promise<void> {
    for (const table of ['account_contact', 'account', 'contact_assignment', 'contact_role', 'contact']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
  }
}
