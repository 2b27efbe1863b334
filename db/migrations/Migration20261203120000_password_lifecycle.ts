import { Migration } from '@mikro-orm/migrations';

/**
 * Password lifecycle: `token_version` is carried in every token and bumped on a password change or
 * an admin reset (so older tokens stop working); `must_change_password` limits a reset account to
 * choosing a new password; `password_changed_at` says when it last happened.
 */
export class Migration20261203120000_password_lifecycle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "app_user"
      add column "token_version" int not null default 0,
      add column "must_change_password" boolean not null default false,
      add column "password_changed_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user"
      drop column "token_version", drop column "must_change_password", drop column "password_changed_at";`);
  }
}
