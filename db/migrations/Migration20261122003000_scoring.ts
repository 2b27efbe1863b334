import { Migration } from '@mikro-orm/migrations';

/**
 * Lead scoring: versioned tenant rulesets (like workflow_definition) and the contact's score (the best
 * score of its open dossiers). Hand-written: RLS + FK as in the other tenant tables.
 */
export class Migration20261122003000_scoring extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "scoring_ruleset" ("id" uuid not null, "org_id" uuid not null, "version" int not null, "status" varchar(16) not null default 'DRAFT', "body" jsonb not null, "lock_version" int not null default 1, "published_at" timestamptz null, "published_by" uuid null, "retired_at" timestamptz null, "based_on_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, constraint "scoring_ruleset_pkey" primary key ("id"),
       constraint "scoring_ruleset_status_check" check ("status" in ('DRAFT', 'PUBLISHED', 'RETIRED')));`,
    );
    this.addSql(
      `alter table "scoring_ruleset" add constraint "scoring_ruleset_org_id_version_unique" unique ("org_id", "version");`,
    );
    this.addSql(
      `create index "scoring_ruleset_org_id_status_index" on "scoring_ruleset" ("org_id", "status");`,
    );
    this.addSql(
      `alter table "scoring_ruleset" add constraint "scoring_ruleset_org_fk" foreign key ("org_id") references "organization" ("id");`,
    );
    this.addSql(
      `alter table "scoring_ruleset" add constraint "scoring_ruleset_published_by_fk" foreign key ("published_by") references "app_user" ("id");`,
    );
    this.addSql(`alter table "scoring_ruleset" enable row level security;`);
    this.addSql(
      `create policy tenant_isolation on "scoring_ruleset" using (org_id = app_current_org()) with check (org_id = app_current_org());`,
    );

    this.addSql(`alter table "contact" add column "score" int null;`);
    // Sort by score / hot leads by score without scanning the organisation.
    this.addSql(`create index "dossier_org_id_score_index" on "dossier" ("org_id", "score");`);
    this.addSql(
      `create index "contact_org_id_status_score_index" on "contact" ("org_id", "status", "score");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "contact_org_id_status_score_index";`);
    this.addSql(`drop index if exists "dossier_org_id_score_index";`);
    this.addSql(`alter table "contact" drop column if exists "score";`);
    this.addSql(`drop table if exists "scoring_ruleset" cascade;`);
  }
}
