import { Migration } from '@mikro-orm/migrations';

/** Tables other rows point into: `(org_id, id)` is made unique so composite foreign keys can target it. */
const REFERENCED = [
  'app_user',
  'contact',
  'dossier',
  'annonce',
  'account',
  'document',
  'coop_group',
  'coop_member',
  'coop_plan',
  'coop_project',
  'coop_lot',
  'coop_allocation_run',
  'coop_contribution',
];

/**
 * `[table, column, referenced table, on delete]`: each becomes `(org_id, column) → (org_id, id)`, so a
 * row can only point inside its own organisation (MATCH SIMPLE: a null reference passes). The delete
 * rules follow the single-column keys already there; `dossier.contact_id` had none and is cleared when
 * its contact is deleted (SET NULL of that column only, PostgreSQL 15+). Left out: `activity` and
 * `message` contact ids (append-only rows, which SET NULL cannot touch, and whose old rows must not block
 * deleting a contact), polymorphic `document.owner_id`, timeline and audit rows (logs).
 */
const REFERENCES: Array<[string, string, string, string]> = [
  ['contact', 'assigned_agent_id', 'app_user', 'no action'],
  ['contact', 'merged_into_id', 'contact', 'no action'],
  ['contact_role', 'contact_id', 'contact', 'no action'],
  ['contact_assignment', 'contact_id', 'contact', 'no action'],
  ['contact_assignment', 'from_agent_id', 'app_user', 'no action'],
  ['contact_assignment', 'to_agent_id', 'app_user', 'no action'],
  ['contact_consent', 'contact_id', 'contact', 'cascade'],
  ['contact_consent', 'dossier_id', 'dossier', 'cascade'],
  ['account_contact', 'account_id', 'account', 'no action'],
  ['account_contact', 'contact_id', 'contact', 'no action'],
  ['dossier', 'contact_id', 'contact', 'set null ("contact_id")'],
  ['dossier', 'assigned_agent_id', 'app_user', 'no action'],
  ['dossier', 'annonce_id', 'annonce', 'no action'],
  ['dossier_party', 'dossier_id', 'dossier', 'cascade'],
  ['dossier_party', 'contact_id', 'contact', 'cascade'],
  ['annonce', 'assigned_agent_id', 'app_user', 'no action'],
  ['shortlist_entry', 'dossier_id', 'dossier', 'cascade'],
  ['shortlist_entry', 'annonce_id', 'annonce', 'cascade'],
  ['appointment', 'agent_id', 'app_user', 'no action'],
  ['appointment', 'contact_id', 'contact', 'no action'],
  ['appointment', 'dossier_id', 'dossier', 'no action'],
  ['appointment', 'annonce_id', 'annonce', 'no action'],
  ['activity', 'dossier_id', 'dossier', 'no action'],
  ['activity', 'author_id', 'app_user', 'no action'],
  ['activity', 'assignee_id', 'app_user', 'no action'],
  ['message', 'dossier_id', 'dossier', 'no action'],
  ['message', 'author_id', 'app_user', 'no action'],
  ['coop_member', 'group_id', 'coop_group', 'no action'],
  ['coop_member', 'contact_id', 'contact', 'no action'],
  ['coop_member', 'user_id', 'app_user', 'no action'],
  ['coop_plan', 'group_id', 'coop_group', 'no action'],
  ['coop_project', 'group_id', 'coop_group', 'no action'],
  ['coop_lot', 'project_id', 'coop_project', 'no action'],
  ['coop_contribution', 'member_id', 'coop_member', 'no action'],
  ['coop_contribution', 'plan_id', 'coop_plan', 'no action'],
  ['coop_contribution', 'proof_document_id', 'document', 'no action'],
  ['coop_ledger_entry', 'member_id', 'coop_member', 'no action'],
  ['coop_ledger_entry', 'contribution_id', 'coop_contribution', 'no action'],
  ['coop_allocation_run', 'project_id', 'coop_project', 'no action'],
  ['coop_allocation_run', 'pv_document_id', 'document', 'no action'],
  ['coop_allocation', 'run_id', 'coop_allocation_run', 'no action'],
  ['coop_allocation', 'lot_id', 'coop_lot', 'no action'],
  ['coop_allocation', 'member_id', 'coop_member', 'no action'],
];

/** Every reference stays inside its tenant, in the database too (issue 15, item 7). */
export class Migration20261203100000_tenant_references extends Migration {
  override async up(): Promise<void> {
    for (const table of REFERENCED)
      this.addSql(
        `alter table "${table}" add constraint "${table}_org_id_id_unique" unique ("org_id", "id");`,
      );
    // NOT VALID first: new writes are checked at once; existing rows are validated below, and a database
    // that already holds a cross-tenant row keeps migrating (with a warning naming the key) instead of
    // failing to start — ops then clear those rows and run VALIDATE CONSTRAINT.
    for (const [table, column, target, onDelete] of REFERENCES)
      this.addSql(
        `alter table "${table}" add constraint "${table}_${column}_tenant_fk" foreign key ("org_id", "${column}")
           references "${target}" ("org_id", "id") on delete ${onDelete} not valid;`,
      );
    this.addSql(`do $$
      declare r record;
      begin
        for r in select conrelid::regclass as tbl, conname from pg_constraint
                  where conname like '%\\_tenant\\_fk' and not convalidated loop
          begin
            execute format('alter table %s validate constraint %I', r.tbl, r.conname);
          exception when foreign_key_violation then
            raise warning 'tenant reference % on % has rows pointing outside their organisation', r.conname, r.tbl;
          end;
        end loop;
      end $$;`);
  }

  override async down(): Promise<void> {
    for (const [table, column] of [...REFERENCES].reverse())
      this.addSql(`alter table "${table}" drop constraint if exists "${table}_${column}_tenant_fk";`);
    for (const table of REFERENCED)
      this.addSql(`alter table "${table}" drop constraint if exists "${table}_org_id_id_unique";`);
  }
}
