import { Migration } from '@mikro-orm/migrations';

export class Migration20261121231953_engine extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "dossier" ("id" uuid not null, "org_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "reference" varchar(32) not null, "case_type" varchar(64) not null, "status_code" varchar(64) not null, "status_changed_at" timestamptz not null, "definition_id" uuid not null, "definition_version" int not null, "workflow_id" varchar(128) not null, "title" varchar(300) not null, "assigned_agent_id" uuid null, "contact_id" uuid null, "annonce_id" uuid null, "source" varchar(64) null, "budget_min" numeric(14,2) null, "budget_max" numeric(14,2) null, "currency" varchar(3) not null default 'EUR', "location_zone" varchar(200) null, "criteria" jsonb null, "amount" numeric(14,2) null, "probability" int null, "expected_close_date" date null, "score" int null, "close_reason_code" varchar(64) null, "close_comment" text null, "closed_at" timestamptz null, "meta_json" jsonb null, constraint "dossier_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "dossier_org_id_index" on "dossier" ("org_id");`);
    this.addSql(
      `create index "dossier_org_id_case_type_status_code_index" on "dossier" ("org_id", "case_type", "status_code");`,
    );
    this.addSql(
      `create index "dossier_org_id_assigned_agent_id_index" on "dossier" ("org_id", "assigned_agent_id");`,
    );
    this.addSql(`create index "dossier_org_id_created_at_index" on "dossier" ("org_id", "created_at");`);
    this.addSql(
      `create index dossier_search_index on dossier using gin (to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(reference, '')));`,
    );
    this.addSql(
      `alter table "dossier" add constraint "dossier_org_id_reference_unique" unique ("org_id", "reference");`,
    );

    this.addSql(
      `create table "dossier_status_history" ("id" uuid not null, "org_id" uuid not null, "dossier_id" uuid not null, "from_status" varchar(64) null, "to_status" varchar(64) not null, "actor_id" uuid null, "actor_type" varchar(16) not null default 'USER', "at" timestamptz not null, "reason_code" varchar(64) null, "comment" text null, "definition_version" int not null, "update_id" varchar(128) not null, constraint "dossier_status_history_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "dossier_status_history_org_id_dossier_id_at_index" on "dossier_status_history" ("org_id", "dossier_id", "at");`,
    );
    this.addSql(
      `alter table "dossier_status_history" add constraint "dossier_status_history_org_id_update_id_unique" unique ("org_id", "update_id");`,
    );

    this.addSql(
      `create table "idempotency_record" ("org_id" uuid not null, "scope" varchar(200) not null, "key" varchar(200) not null, "request_hash" varchar(64) not null, "status_code" int not null, "response" jsonb not null, "created_at" timestamptz not null, constraint "idempotency_record_pkey" primary key ("org_id", "scope", "key"));`,
    );

    this.addSql(
      `create table "ref_dictionary" ("id" uuid not null, "org_id" uuid null, "dict_type" varchar(64) not null, "code" varchar(64) not null, "label" varchar(255) not null, "label_fr" varchar(255) null, "label_ar" varchar(255) null, "sort_order" int not null default 0, "is_active" boolean not null default true, "metadata_json" jsonb null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, constraint "ref_dictionary_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "ref_dictionary_dict_type_org_id_index" on "ref_dictionary" ("dict_type", "org_id");`,
    );

    this.addSql(
      `create table "timeline_event" ("id" uuid not null, "org_id" uuid not null, "dossier_id" uuid null, "contact_id" uuid null, "kind" varchar(32) not null, "channel" varchar(16) null, "direction" varchar(16) null, "author_id" uuid null, "title" varchar(300) not null, "body" text null, "payload" jsonb null, "occurred_at" timestamptz not null, "source_key" varchar(200) not null, constraint "timeline_event_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "timeline_event_org_id_dossier_id_occurred_at_index" on "timeline_event" ("org_id", "dossier_id", "occurred_at");`,
    );
    this.addSql(
      `create index "timeline_event_org_id_contact_id_occurred_at_index" on "timeline_event" ("org_id", "contact_id", "occurred_at");`,
    );
    this.addSql(
      `alter table "timeline_event" add constraint "timeline_event_org_id_source_key_unique" unique ("org_id", "source_key");`,
    );

    this.addSql(
      `create table "workflow_definition" ("id" uuid not null, "org_id" uuid not null, "case_type" varchar(64) not null, "version" int not null, "status" varchar(16) not null default 'DRAFT', "name" jsonb not null, "body" jsonb not null, "published_at" timestamptz null, "published_by" uuid null, "retired_at" timestamptz null, "based_on_id" uuid null, "lock_version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, constraint "workflow_definition_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "workflow_definition_org_id_case_type_status_index" on "workflow_definition" ("org_id", "case_type", "status");`,
    );
    this.addSql(
      `alter table "workflow_definition" add constraint "workflow_definition_org_id_case_type_version_unique" unique ("org_id", "case_type", "version");`,
    );

    // Hand-written: tenancy (FK + row-level security) for the new tables, as in the security migration.
    for (const table of [
      'workflow_definition',
      'dossier',
      'dossier_status_history',
      'timeline_event',
      'idempotency_record',
    ]) {
      this.addSql(
        `alter table "${table}" add constraint "${table}_org_fk" foreign key ("org_id") references "organization" ("id");`,
      );
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(
        `create policy tenant_isolation on "${table}" using (org_id = app_current_org()) with check (org_id = app_current_org());`,
      );
    }
    // Dictionaries: global defaults (org_id null) are readable by every tenant, writable by none.
    this.addSql(
      `alter table "ref_dictionary" add constraint "ref_dictionary_org_fk" foreign key ("org_id") references "organization" ("id");`,
    );
    this.addSql(
      `create unique index "ref_dictionary_scope_code_unique" on "ref_dictionary" ("dict_type", "code", coalesce("org_id", '00000000-0000-0000-0000-000000000000'::uuid));`,
    );
    this.addSql(`alter table "ref_dictionary" enable row level security;`);
    this.addSql(
      `create policy read_defaults_and_own on "ref_dictionary" for select using (org_id is null or org_id = app_current_org());`,
    );
    this.addSql(
      `create policy write_own on "ref_dictionary" for insert with check (org_id = app_current_org());`,
    );
    this.addSql(
      `create policy update_own on "ref_dictionary" for update using (org_id = app_current_org()) with check (org_id = app_current_org());`,
    );
    this.addSql(
      `create policy delete_own on "ref_dictionary" for delete using (org_id = app_current_org());`,
    );
    this.addSql(
      `alter table "dossier" add constraint "dossier_definition_fk" foreign key ("definition_id") references "workflow_definition" ("id");`,
    );
    this.addSql(
      `alter table "dossier_status_history" add constraint "dossier_status_history_dossier_fk" foreign key ("dossier_id") references "dossier" ("id");`,
    );
    this.addSql(
      `alter table "timeline_event" add constraint "timeline_event_dossier_fk" foreign key ("dossier_id") references "dossier" ("id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dossier" cascade;`);

    this.addSql(`drop table if exists "dossier_status_history" cascade;`);

    this.addSql(`drop table if exists "idempotency_record" cascade;`);

    this.addSql(`drop table if exists "ref_dictionary" cascade;`);

    this.addSql(`drop table if exists "timeline_event" cascade;`);

    this.addSql(`drop table if exists "workflow_definition" cascade;`);
  }
}
