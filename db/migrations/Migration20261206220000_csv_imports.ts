import { Migration } from '@mikro-orm/migrations';
import { enableTenantRls } from './tenant-rls.js';

/**
 * CSV imports (issue 19 item 5): a job holds the uploaded rows already mapped to fields and its options;
 * one outcome row per source line makes the durable run resumable and idempotent (a retried batch
 * finds its lines done) and is the error file's source.
 */
export class Migration20261206220000_csv_imports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "import_job" (
      "id" uuid not null, "org_id" uuid not null, "kind" varchar(16) not null,
      "status" varchar(16) not null, "on_duplicate" varchar(8) not null,
      "file_name" varchar(255) null, "rows" jsonb not null, "total" int not null,
      "created_by" uuid not null, "created_at" timestamptz not null, "finished_at" timestamptz null,
      constraint "import_job_pkey" primary key ("id"),
      constraint "import_job_kind_check" check ("kind" in ('contacts')),
      constraint "import_job_status_check" check ("status" in ('RUNNING', 'DONE', 'FAILED')),
      constraint "import_job_on_duplicate_check" check ("on_duplicate" in ('skip', 'update', 'create')));`);
    this.addSql(`create index "import_job_org_created_index" on "import_job" ("org_id", "created_at" desc);`);
    enableTenantRls(this, 'import_job');
    this.addSql(`create table "import_job_row" (
      "org_id" uuid not null, "job_id" uuid not null, "line" int not null,
      "outcome" varchar(8) not null, "record_id" uuid null, "errors" jsonb null,
      constraint "import_job_row_pkey" primary key ("job_id", "line"),
      constraint "import_job_row_job_fk" foreign key ("job_id") references "import_job" ("id") on delete cascade,
      constraint "import_job_row_outcome_check" check ("outcome" in ('CREATED', 'UPDATED', 'SKIPPED', 'ERROR')));`);
    enableTenantRls(this, 'import_job_row');
  }
}
