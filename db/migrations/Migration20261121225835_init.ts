import { Migration } from '@mikro-orm/migrations';

export class Migration20261121225835_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_event" ("id" uuid not null, "org_id" uuid not null, "seq" bigint null, "entity_type" varchar(64) not null, "entity_id" varchar(128) not null, "action" varchar(32) not null, "actor_id" uuid null, "actor_type" varchar(16) not null default 'USER', "before_json" jsonb null, "after_json" jsonb null, "diff_json" jsonb null, "correlation_id" varchar(128) null, "created_at" timestamptz not null, "prev_hash" varchar(64) null, "hash" varchar(64) null, constraint "audit_event_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "audit_event_org_id_entity_type_entity_id_index" on "audit_event" ("org_id", "entity_type", "entity_id");`,
    );
    this.addSql(
      `create index "audit_event_org_id_created_at_index" on "audit_event" ("org_id", "created_at");`,
    );
    this.addSql(
      `alter table "audit_event" add constraint "audit_event_org_id_seq_unique" unique ("org_id", "seq");`,
    );

    this.addSql(
      `create table "notification" ("id" uuid not null, "org_id" uuid not null, "recipient_id" uuid not null, "kind" varchar(64) not null, "title" varchar(255) not null, "body" text null, "entity_type" varchar(64) null, "entity_id" varchar(128) null, "read_at" timestamptz null, "created_at" timestamptz not null, constraint "notification_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "notification_org_id_recipient_id_created_at_index" on "notification" ("org_id", "recipient_id", "created_at");`,
    );

    this.addSql(
      `create table "organization" ("id" uuid not null, "slug" varchar(63) not null, "name" varchar(255) not null, "is_active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "organization_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "organization" add constraint "organization_slug_unique" unique ("slug");`);

    this.addSql(
      `create table "role" ("id" uuid not null, "org_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "code" varchar(64) not null, "name" varchar(255) not null, "permissions" text[] not null default '{}', "is_system" boolean not null default false, constraint "role_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "role_org_id_index" on "role" ("org_id");`);
    this.addSql(`alter table "role" add constraint "role_org_id_code_unique" unique ("org_id", "code");`);

    this.addSql(
      `create table "app_user" ("id" uuid not null, "org_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "email" varchar(255) not null, "full_name" varchar(255) not null, "password_hash" varchar(255) not null, "roles" text[] not null default '{}', "is_active" boolean not null default true, "deactivated_at" timestamptz null, "last_login_at" timestamptz null, constraint "app_user_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "app_user_org_id_index" on "app_user" ("org_id");`);
    this.addSql(
      `alter table "app_user" add constraint "app_user_org_id_email_unique" unique ("org_id", "email");`,
    );
  }
}
