/**
 * A throwaway organisation with one user per demo role and one record of every kind, created through
 * the API: access probing and fuzzing run against it so other test files writing to the shared demo
 * organisations cannot blur "nothing changed".
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Orm } from '../../db/orm.js';
import { ensureOrganization, ensureUser } from '../../seed/demo-orgs.js';
import { login } from './app.js';
import { TEST_PASSWORD } from './constants.js';

export type Session = Awaited<ReturnType<typeof login>>;
export const PROBE_ROLES = ['admin', 'manager', 'agent', 'readonly'] as const;

export interface ProbeOrg {
  slug: string;
  orgId: string;
  sessions: Record<(typeof PROBE_ROLES)[number], Session>;
}

export async function createProbeOrg(app: FastifyInstance, ownerOrm: Orm, prefix: string): Promise<ProbeOrg> {
  const slug = `${prefix}-${randomUUID().slice(0, 8)}`;
  const orgId = await ensureOrganization(ownerOrm, slug, `Probe ${slug}`);
  const sessions = {} as ProbeOrg['sessions'];
  for (const role of PROBE_ROLES) {
    await ensureUser(ownerOrm, orgId, {
      email: `${role}@${slug}.test`,
      fullName: `${role} ${slug}`,
      password: TEST_PASSWORD,
      roles: [role.toUpperCase()],
    });
    sessions[role] = await login(app, `${role}@${slug}.test`, slug);
  }
  return { slug, orgId, sessions };
}

/** One record of every kind the API addresses by id, made through the API as the org's admin. */
export async function populate(app: FastifyInstance, org: ProbeOrg): Promise<void> {
  const admin = org.sessions.admin;
  const call = async (method: 'POST' | 'PUT', url: string, payload: object, expected = [200, 201, 202]) => {
    const res = await app.inject({ method, url: `/api/v1${url}`, headers: admin.headers, payload });
    if (!expected.includes(res.statusCode))
      throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string; version?: number }>();
  };
  const run = randomUUID().slice(0, 6);
  const contact = await call('POST', '/contacts', {
    firstName: 'Probe',
    lastName: `Contact${run}`,
    email: `probe.${run}@example.test`,
    phone: `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
  });
  const other = await call('POST', '/contacts', {
    firstName: 'Other',
    lastName: `Party${run}`,
    email: `other.${run}@example.test`,
  });
  await call('POST', `/contacts/${contact.id}/roles`, { role: 'ACQUEREUR' });
  await call('PUT', `/contacts/${contact.id}/consents/SMS`, { status: 'OPT_IN', source: 'FORM' });
  const account = await call('POST', '/accounts', { code: `PRB-${run}`, name: `Probe account ${run}` });
  await call('PUT', `/accounts/${account.id}/contacts/${contact.id}`, { isPrimary: true }, [200, 201, 204]);
  const dossier = await call('POST', '/dossiers', {
    caseType: 'ACHAT',
    title: 'Probe',
    contactId: contact.id,
  });
  await call('POST', `/dossiers/${dossier.id}/parties`, { contactId: other.id, role: 'GUARANTOR' });
  await call('PUT', `/dossiers/${dossier.id}/consents/EMAIL`, { status: 'OPT_IN', source: 'FORM' });
  await call('POST', '/activities', {
    dossierId: dossier.id,
    type: 'TASK',
    subject: 'Probe task',
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  await call('POST', `/dossiers/${dossier.id}/messages`, {
    channel: 'SMS',
    content: 'Probe',
    direction: 'OUTBOUND',
  });
  await call('POST', '/appointments', {
    kind: 'RDV',
    title: 'Probe',
    startAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    endAt: new Date(Date.now() + 7 * 86_400_000 + 3_600_000).toISOString(),
    contactId: contact.id,
    dossierId: dossier.id,
  });
  await call('POST', '/notification-rules', {
    name: 'Probe rule',
    event: 'NEW_LEAD',
    recipients: ['ASSIGNED_AGENT'],
    channel: 'IN_APP',
    template: { fr: { body: 'Nouveau lead' } },
  });
  const annonce = await call('POST', '/annonces', {
    title: 'Probe listing',
    transaction: 'SALE',
    propertyType: 'APARTMENT',
    priceCents: 25_000_000,
    city: 'Lyon',
  });
  await call('POST', `/dossiers/${dossier.id}/shortlist`, { annonceId: annonce.id });
  await call('POST', '/dictionaries', {
    dictType: 'TAG',
    code: `PROBE_${run.toUpperCase()}`,
    label: 'Probe',
  });
  const group = await call('POST', '/coop/groups', { name: `Probe coop ${run}`, city: 'Rabat' });
  await call('POST', `/coop/groups/${group.id}/members`, {
    displayName: 'Probe member',
    email: `probe.member.${run}@example.test`,
  });
  const project = await call('POST', `/coop/groups/${group.id}/projects`, { name: 'Probe project' });
  await call('POST', `/coop/projects/${project.id}/lots`, { code: 'P1', type: 'T2', surfaceM2: 50 });
  await call('POST', `/coop/projects/${project.id}/allocations`, {});
}

/** Table of the record a path parameter names, by the resource segment before it or its own name. */
const TABLE_OF: Record<string, string> = {
  users: 'app_user',
  roles: 'role',
  notifications: 'notification',
  dossiers: 'dossier',
  contacts: 'contact',
  accounts: 'account',
  dictionaries: 'ref_dictionary',
  'workflow-definitions': 'workflow_definition',
  'scoring-rules': 'scoring_ruleset',
  activities: 'activity',
  messages: 'message',
  appointments: 'appointment',
  'notification-rules': 'notification_rule',
  annonces: 'annonce',
  entryId: 'shortlist_entry',
  partyId: 'dossier_party',
  roleId: 'contact_role',
  contactId: 'contact',
  documents: 'document',
  groups: 'coop_group',
  members: 'coop_member',
  memberId: 'coop_member',
  groupId: 'coop_group',
  plans: 'coop_plan',
  contributions: 'coop_contribution',
  projects: 'coop_project',
  lots: 'coop_lot',
  allocations: 'coop_allocation_run',
  imports: 'import_job',
};

/**
 * Path parameters that are keys inside the record named by the `{id}` beside them (a KYC item's code
 * in a member), not record ids: the record's own id is what gets probed.
 */
export const KEY_PARAMS: ReadonlySet<string> = new Set(['code']);

/** The table a `{param}` of `path` refers to, or undefined when no mapping exists (the test says so). */
export function tableOfParam(path: string, param: string): string | undefined {
  if (param !== 'id') return TABLE_OF[param];
  const segments = path.split('/');
  const at = segments.indexOf('{id}');
  return TABLE_OF[segments[at - 1] ?? ''];
}

/** One id per table of the organisation, read with the owner connection. */
export async function idsOf(ownerUrl: string, orgId: string, tables: Iterable<string>) {
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    const ids: Record<string, string> = {};
    for (const table of new Set(tables)) {
      const row = await db.query<{ id: string }>(`select id from "${table}" where org_id = $1 limit 1`, [
        orgId,
      ]);
      if (row.rows[0]) ids[table] = row.rows[0].id;
    }
    return ids;
  } finally {
    await db.end();
  }
}

/**
 * What the organisation holds: per tenant table, row count and sum of versions; audit events
 * except exports (reading an export is audited by design).
 */
export async function fingerprint(ownerUrl: string, orgId: string): Promise<Record<string, string>> {
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    const tables = await db.query<{ table_name: string; has_version: boolean }>(
      `select c.table_name, bool_or(v.column_name is not null) as has_version
         from information_schema.columns c
         left join information_schema.columns v
           on v.table_schema = c.table_schema and v.table_name = c.table_name and v.column_name = 'version'
        where c.table_schema = 'public' and c.column_name = 'org_id'
        group by c.table_name order by c.table_name`,
    );
    const out: Record<string, string> = {};
    for (const { table_name: table, has_version } of tables.rows) {
      const exceptExports = table === 'audit_event' ? ` and action <> 'EXPORT'` : '';
      const r = await db.query<{ n: string; v: string }>(
        `select count(*)::text as n, ${has_version ? 'coalesce(sum(version), 0)' : '0'}::text as v
           from "${table}" where org_id = $1${exceptExports}`,
        [orgId],
      );
      out[table] = `${r.rows[0]?.n}/${r.rows[0]?.v}`;
    }
    return out;
  } finally {
    await db.end();
  }
}
