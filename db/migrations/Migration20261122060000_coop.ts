import { Migration } from '@mikro-orm/migrations';
import { enableTenantRls } from './tenant-rls.js';

const base = `"id" uuid not null, "org_id" uuid not null, "version" int not null default 1,
  "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null`;

/** Statuses, kinds and their signs, duplicated from definitions/coop as database checks. */
const MEMBER_STATUSES = `'PENDING_KYC', 'ACTIVE', 'SUSPENDED', 'EXITED', 'EXCLUDED'`;
const CONTRIBUTION_STATUSES = `'PENDING', 'PROOF_SUBMITTED', 'REJECTED', 'LATE', 'CONFIRMED', 'WAIVED'`;
const DEBITS = `'CALL', 'INDEXATION', 'PENALTY', 'REJECTION_REVERSAL', 'REFUND'`;
const CREDITS = `'PAYMENT_CONFIRMED', 'WAIVER'`;
const HELD = `'APPROVED', 'ASSIGNED', 'SIGNED'`;
/** Money columns stay within JavaScript's safe integers (±9 007 199 254 740 991 cents). */
const safe = (col: string) => `check (abs("${col}") <= 9007199254740991)`;

/**
 * Generic documents (files in the document store, checked by sha256) and Coop Habitat (F-10): groups,
 * members, versioned plans, contributions, the append-only hash-chained ledger, projects, lots,
 * allocations and the group timeline. Every table is a tenant table (RLS).
 */
export class Migration20261122060000_coop extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "document" (${base},
      "owner_type" varchar(32) not null, "owner_id" uuid not null, "kind" varchar(32) not null,
      "file_name" varchar(255) not null, "mime_type" varchar(100) not null, "size_bytes" bigint not null,
      "sha256" char(64) not null, "storage" varchar(8) not null, "storage_key" varchar(500) not null,
      constraint "document_pkey" primary key ("id"),
      constraint "document_storage_check" check ("storage" in ('FS', 'S3')),
      constraint "document_size_check" check ("size_bytes" > 0));`);
    this.addSql(
      `create index "document_org_id_owner_index" on "document" ("org_id", "owner_type", "owner_id");`,
    );

    this.addSql(`create table "coop_group" (${base},
      "name" varchar(200) not null, "city" varchar(120) not null, "description" text null,
      "status_code" varchar(64) not null, "definition_version" int not null, "rules" jsonb not null,
      constraint "coop_group_pkey" primary key ("id"));`);
    this.addSql(
      `create index "coop_group_org_id_status_code_index" on "coop_group" ("org_id", "status_code");`,
    );
    this.addSql(
      `create index "coop_group_org_id_created_at_index" on "coop_group" ("org_id", "created_at");`,
    );

    this.addSql(`create table "coop_member" (${base},
      "group_id" uuid not null references "coop_group" ("id"), "display_name" varchar(200) not null,
      "phone" varchar(32) null, "email" varchar(254) null, "contact_id" uuid null references "contact" ("id"),
      "user_id" uuid null references "app_user" ("id"), "status" varchar(16) not null, "status_reason" text null,
      "fifo_rank" int not null, "kyc" jsonb not null default '[]', "kyc_validated_at" timestamptz null,
      "kyc_validated_by" uuid null, "lot_preferences" jsonb not null default '{}',
      constraint "coop_member_pkey" primary key ("id"),
      constraint "coop_member_status_check" check ("status" in (${MEMBER_STATUSES})),
      constraint "coop_member_rank_check" check ("fifo_rank" > 0),
      constraint "coop_member_rank_unique" unique ("org_id", "group_id", "fifo_rank") deferrable initially immediate);`);
    this.addSql(
      `create index "coop_member_org_id_group_id_status_index" on "coop_member" ("org_id", "group_id", "status");`,
    );
    this.addSql(
      `create unique index "coop_member_user_unique" on "coop_member" ("org_id", "group_id", "user_id") where "user_id" is not null;`,
    );
    this.addSql(`create index "coop_member_org_id_user_id_index" on "coop_member" ("org_id", "user_id");`);

    this.addSql(`create table "coop_plan" (${base},
      "group_id" uuid not null references "coop_group" ("id"), "name" varchar(200) not null,
      "status" varchar(16) not null, constraint "coop_plan_pkey" primary key ("id"),
      constraint "coop_plan_status_check" check ("status" in ('ACTIVE', 'CLOSED')));`);
    this.addSql(`create index "coop_plan_org_id_group_id_index" on "coop_plan" ("org_id", "group_id");`);
    this.addSql(`create table "coop_plan_version" ("id" uuid not null, "org_id" uuid not null,
      "plan_id" uuid not null references "coop_plan" ("id"), "version" int not null,
      "effective_from" timestamptz not null, "schedule" jsonb not null, "formula" jsonb not null,
      "reason" text null, "created_at" timestamptz not null, "created_by" uuid null,
      constraint "coop_plan_version_pkey" primary key ("id"),
      constraint "coop_plan_version_unique" unique ("org_id", "plan_id", "version"));`);

    this.addSql(`create table "coop_contribution" (${base},
      "group_id" uuid not null references "coop_group" ("id"), "plan_id" uuid not null references "coop_plan" ("id"),
      "member_id" uuid not null references "coop_member" ("id"), "seq" int not null, "plan_version" int not null,
      "due_at" timestamptz not null, "base_amount" bigint not null, "indexation_amount" bigint not null,
      "amount_due" bigint not null, "status" varchar(16) not null, "called_at" timestamptz not null,
      "late_since" timestamptz null, "penalties_applied" int not null default 0,
      "penalty_total" bigint not null default 0, "waived_amount" bigint not null default 0,
      "proof_document_id" uuid null references "document" ("id"), "proof_submitted_at" timestamptz null,
      "amount_paid" bigint null, "paid_at" timestamptz null, "method" varchar(32) null,
      "decided_by" uuid null, "decided_at" timestamptz null, "rejection_reason" text null,
      "waiver_reason" text null, "workflow_id" varchar(200) not null,
      constraint "coop_contribution_pkey" primary key ("id"),
      constraint "coop_contribution_line_unique" unique ("org_id", "plan_id", "member_id", "seq"),
      constraint "coop_contribution_status_check" check ("status" in (${CONTRIBUTION_STATUSES})),
      constraint "coop_contribution_amount_check" check ("amount_due" > 0 and "amount_due" <= 9007199254740991));`);
    this.addSql(
      `create index "coop_contribution_org_id_group_id_due_at_index" on "coop_contribution" ("org_id", "group_id", "due_at");`,
    );
    this.addSql(
      `create index "coop_contribution_org_id_member_id_due_at_index" on "coop_contribution" ("org_id", "member_id", "due_at");`,
    );

    this.ledger();

    this.addSql(`create table "coop_timeline_event" ("id" uuid not null, "org_id" uuid not null,
      "group_id" uuid not null references "coop_group" ("id"), "member_id" uuid null, "kind" varchar(48) not null,
      "title" varchar(300) not null, "payload" jsonb not null default '{}', "actor_id" uuid null,
      "occurred_at" timestamptz not null, "source_key" varchar(200) not null,
      constraint "coop_timeline_event_pkey" primary key ("id"),
      constraint "coop_timeline_event_source_unique" unique ("org_id", "source_key"));`);
    this.addSql(
      `create index "coop_timeline_event_group_index" on "coop_timeline_event" ("org_id", "group_id", "occurred_at");`,
    );

    this.projects();
    for (const table of [
      'document',
      'coop_group',
      'coop_member',
      'coop_plan',
      'coop_plan_version',
      'coop_contribution',
      'coop_ledger_entry',
      'coop_timeline_event',
      'coop_project',
      'coop_lot',
      'coop_allocation_run',
      'coop_allocation',
    ]) {
      enableTenantRls(this, table);
      this.addSql(`create index "${table}_org_id_index" on "${table}" ("org_id");`);
    }
  }

  /** Append-only, hash-chained per group, running balance per member: all set by the insert trigger. */
  private ledger() {
    this.addSql(`create table "coop_ledger_entry" ("id" uuid not null, "org_id" uuid not null,
      "group_id" uuid not null references "coop_group" ("id"), "member_id" uuid not null references "coop_member" ("id"),
      "seq" bigint null, "kind" varchar(24) not null, "amount" bigint not null, "balance_after" bigint null,
      "contribution_id" uuid null references "coop_contribution" ("id"), "reference" varchar(200) not null,
      "description" text null, "effective_at" timestamptz not null, "created_at" timestamptz null default now(),
      "actor_id" uuid null, "prev_hash" varchar(64) null, "hash" varchar(64) null,
      constraint "coop_ledger_entry_pkey" primary key ("id"),
      constraint "coop_ledger_entry_seq_unique" unique ("org_id", "group_id", "seq"),
      constraint "coop_ledger_entry_reference_unique" unique ("org_id", "reference"),
      constraint "coop_ledger_entry_sign_check" check (("kind" in (${DEBITS}) and "amount" > 0)
        or ("kind" in (${CREDITS}) and "amount" < 0)),
      constraint "coop_ledger_entry_amount_check" ${safe('amount')});`);
    this.addSql(
      `create index "coop_ledger_entry_member_index" on "coop_ledger_entry" ("org_id", "group_id", "member_id", "seq");`,
    );
    this
      .addSql(`create or replace function coop_ledger_payload(e coop_ledger_entry) returns text language sql immutable as $$
      select concat_ws('|', e.org_id::text, e.group_id::text, e.seq::text, e.member_id::text, e.kind,
        e.amount::text, e.balance_after::text, coalesce(e.contribution_id::text, ''), e.reference,
        coalesce(e.description, ''), to_char(e.effective_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), coalesce(e.actor_id::text, '')) $$;`);
    this
      .addSql(`create or replace function coop_ledger_hash(prev text, e coop_ledger_entry) returns text language sql immutable as $$
      select encode(sha256(convert_to(coalesce(prev, '') || '|' || coop_ledger_payload(e), 'UTF8')), 'hex') $$;`);
    this.addSql(`create or replace function coop_ledger_chain() returns trigger language plpgsql as $$
      declare last_seq bigint; last_hash text; last_balance bigint;
      begin
        perform pg_advisory_xact_lock(hashtextextended('coop_ledger:' || new.group_id::text, 0));
        select seq, hash into last_seq, last_hash from coop_ledger_entry
          where org_id = new.org_id and group_id = new.group_id order by seq desc limit 1;
        select balance_after into last_balance from coop_ledger_entry
          where org_id = new.org_id and group_id = new.group_id and member_id = new.member_id order by seq desc limit 1;
        new.seq := coalesce(last_seq, 0) + 1;
        new.balance_after := coalesce(last_balance, 0) + new.amount;
        new.prev_hash := last_hash;
        new.created_at := coalesce(new.created_at, now());
        new.hash := coop_ledger_hash(last_hash, new);
        return new;
      end $$;`);
    this.addSql(
      `create trigger coop_ledger_chain before insert on coop_ledger_entry for each row execute function coop_ledger_chain();`,
    );
    this.addSql(`create or replace function coop_append_only() returns trigger language plpgsql as $$
      begin raise exception '% is append-only (% refused)', tg_table_name, tg_op using errcode = 'insufficient_privilege'; end $$;`);
    for (const table of ['coop_ledger_entry', 'coop_plan_version']) {
      this.addSql(
        `create trigger ${table}_append_only before update or delete on ${table} for each row execute function coop_append_only();`,
      );
      this.addSql(
        `create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function coop_append_only();`,
      );
    }
  }

  private projects() {
    this.addSql(`create table "coop_project" (${base},
      "group_id" uuid not null references "coop_group" ("id"), "name" varchar(200) not null,
      "status_code" varchar(32) not null, "budget_total" bigint null, "milestones" jsonb not null default '[]',
      constraint "coop_project_pkey" primary key ("id"));`);
    this.addSql(
      `create index "coop_project_org_id_group_id_index" on "coop_project" ("org_id", "group_id");`,
    );
    this.addSql(`create table "coop_lot" (${base},
      "project_id" uuid not null references "coop_project" ("id"), "group_id" uuid not null references "coop_group" ("id"),
      "code" varchar(32) not null, "type" varchar(32) not null, "surface" numeric(10,2) not null, "floor" int null,
      "reference_price" bigint null, "status" varchar(16) not null,
      constraint "coop_lot_pkey" primary key ("id"),
      constraint "coop_lot_code_unique" unique ("org_id", "project_id", "code"),
      constraint "coop_lot_status_check" check ("status" in ('AVAILABLE', 'RESERVED', 'ASSIGNED', 'DELIVERED')));`);
    this.addSql(`create table "coop_allocation_run" (${base},
      "group_id" uuid not null references "coop_group" ("id"), "project_id" uuid not null references "coop_project" ("id"),
      "status" varchar(16) not null, "cutoff_at" timestamptz not null, "use_preferences" boolean not null,
      "inputs_digest" char(64) not null, "skipped" jsonb not null default '[]',
      "pv_document_id" uuid null references "document" ("id"), "decided_at" timestamptz null, "decided_by" uuid null,
      "cancel_reason" text null, constraint "coop_allocation_run_pkey" primary key ("id"),
      constraint "coop_allocation_run_status_check" check ("status" in ('PROPOSED', 'APPROVED', 'CANCELLED')));`);
    this.addSql(
      `create index "coop_allocation_run_group_index" on "coop_allocation_run" ("org_id", "group_id", "created_at");`,
    );
    this.addSql(`create table "coop_allocation" (${base},
      "run_id" uuid not null references "coop_allocation_run" ("id"), "group_id" uuid not null references "coop_group" ("id"),
      "project_id" uuid not null references "coop_project" ("id"), "lot_id" uuid not null references "coop_lot" ("id"),
      "member_id" uuid not null references "coop_member" ("id"), "fifo_rank" int not null, "status" varchar(16) not null,
      "approved_at" timestamptz null, "assigned_at" timestamptz null, "signed_at" timestamptz null,
      "cancelled_at" timestamptz null, "cancel_reason" text null,
      constraint "coop_allocation_pkey" primary key ("id"),
      constraint "coop_allocation_status_check" check ("status" in ('PROPOSED', ${HELD}, 'CANCELLED')));`);
    this.addSql(
      `create index "coop_allocation_org_id_run_id_index" on "coop_allocation" ("org_id", "run_id");`,
    );
    // A lot is held by at most one allocation, and a member holds at most one lot per project.
    this.addSql(
      `create unique index "coop_allocation_lot_held_unique" on "coop_allocation" ("org_id", "lot_id") where "status" in (${HELD});`,
    );
    this.addSql(
      `create unique index "coop_allocation_member_held_unique" on "coop_allocation" ("org_id", "project_id", "member_id") where "status" in (${HELD});`,
    );
  }
}
