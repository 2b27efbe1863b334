import type { Migration } from '@mikro-orm/migrations';

/**
 * What makes a table a tenant table: an FK to its organisation and row-level security keyed on the
 * transaction's `app.org_id` (see app_current_org() in the security migration).
 */
export function enableTenantRls(migration: Migration, table: string) {
  migration.addSql(
    `alter table "${table}" add constraint "${table}_org_fk" foreign key ("org_id") references "organization" ("id");`,
  );
  migration.addSql(`alter table "${table}" enable row level security;`);
  migration.addSql(
    `create policy tenant_isolation on "${table}" using (org_id = app_current_org()) with check (org_id = app_current_org());`,
  );
}
