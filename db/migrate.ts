import pg from 'pg';
import { syncGlobalDictionary } from './dictionaries.js';
import { createOrm } from './orm.js';

export interface AppRole {
  user: string;
  password: string;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Connection string of the application role, on the same server and database as the owner's. */
export function appDatabaseUrl(ownerUrl: string, role: AppRole): string {
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role.user);
  url.password = encodeURIComponent(role.password);
  return url.toString();
}

/**
 * Applies pending migrations as the owner, then makes sure the application role exists with only
 * the privileges it needs: no BYPASSRLS, no UPDATE/DELETE on the audit trail.
 */
export async function migrate(
  ownerUrl: string,
  role: AppRole,
  log: (m: string) => void = () => {},
): Promise<void> {
  const orm = await createOrm(ownerUrl, 2);
  try {
    const applied = await orm.getMigrator().up();
    if (applied.length) log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  } finally {
    await orm.close(true);
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const r = quoteIdent(role.user);
    const db = (await client.query<{ db: string }>('select current_database() as db')).rows[0]!.db;
    // Roles are cluster-wide; concurrent test databases may race to create it.
    await client.query('select pg_advisory_lock(7233001)');
    try {
      const exists = await client.query('select 1 from pg_roles where rolname = $1', [role.user]);
      const pw = client.escapeLiteral(role.password);
      if (exists.rowCount === 0) {
        await client.query(
          `create role ${r} login nosuperuser nobypassrls nocreatedb nocreaterole password ${pw}`,
        );
      } else {
        await client.query(`alter role ${r} login nosuperuser nobypassrls password ${pw}`);
      }
    } finally {
      await client.query('select pg_advisory_unlock(7233001)');
    }
    await client.query(`grant connect on database ${quoteIdent(db)} to ${r}`);
    await client.query(`grant usage on schema public to ${r}`);
    await client.query(`grant select, insert, update, delete on all tables in schema public to ${r}`);
    await client.query(`grant usage, select on all sequences in schema public to ${r}`);
    await client.query(`revoke update, delete, truncate on audit_event from ${r}`);
    // Activities and task completions are immutable facts; messages only get delivery-status updates.
    await client.query(`revoke update, delete, truncate on activity, activity_completion from ${r}`);
    await client.query(`revoke delete, truncate on message from ${r}`);
    // Merging duplicate contacts re-points activities, erasure redacts their text; the table's trigger
    // admits only those changes, only inside a merge or an erasure.
    await client.query(`grant update (contact_id, subject, content) on activity to ${r}`);
    // The coop ledger and plan versions are append-only: corrections are new entries / versions.
    await client.query(`revoke update, delete, truncate on coop_ledger_entry, coop_plan_version from ${r}`);
    await client.query(`revoke all on mikro_orm_migrations from ${r}`);
    await syncGlobalDictionary((sql, params) => client.query(sql, params));
  } finally {
    await client.end();
  }
}
