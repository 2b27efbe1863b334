import { Migration } from '@mikro-orm/migrations';

/**
 * OPS_WORKFLOWS_VIEW (a record's link to its workflow in the Temporal UI) for the built-in ADMIN role
 * of every existing organisation: new organisations get it from DEFAULT_ROLES, which gives ADMIN all.
 */
export class Migration20261206212020_h20b_ops_workflows_permission extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update "role" set "permissions" = array_append("permissions", 'OPS_WORKFLOWS_VIEW')
      where "code" = 'ADMIN' and "is_system" and not ('OPS_WORKFLOWS_VIEW' = any("permissions"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`update "role" set "permissions" = array_remove("permissions", 'OPS_WORKFLOWS_VIEW');`);
  }
}
