/**
 * Fast bulk loader for read benchmarks: N contacts and N dossiers (with status history) in one
 * organisation, generated server-side with generate_series through the owner connection.
 *
 * READ-ONLY FIXTURES: bulk-loaded dossiers have no Temporal workflow (their workflow_id is a
 * `bulk-…` placeholder), so they must not be transitioned; they exist to be listed, searched,
 * counted and exported.
 */
import type pg from 'pg';
import type { WorkflowDefinitionBody } from '../definitions/workflow-definition.schema.js';
import { statusPath, seededRandom } from './demo-fixtures.js';
import type { Orm } from '../db/orm.js';
import { ensureOrganization, ensureUser } from './demo-orgs.js';

export interface BulkLoadOptions {
  orgId: string;
  contacts: number;
  dossiers: number;
  /** Users the rows are assigned to (round-robin). */
  agentIds: string[];
  /** Keeps emails and references unique when loading the same organisation twice. */
  batch?: string;
}

const FIRST = ['Camille', 'Lucas', 'Léa', 'Hugo', 'Manon', 'Louis', 'Chloé', 'Nathan', 'Inès', 'Thomas'];
const LAST = [
  'Martin',
  'Bernard',
  'Dubois',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Roux',
];
const SOURCES = ['WEBSITE', 'PHONE', 'WALK_IN', 'REFERRAL', 'SELOGER', 'LEBONCOIN', 'SOCIAL_MEDIA', 'EMAIL'];
const arr = (xs: string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;

/** Status paths of the ACHAT pipeline, one per reachable stage, as (path index, step, from, to) rows. */
function pathTemplates(body: WorkflowDefinitionBody) {
  const rnd = seededRandom('bulk');
  const paths = body.states.map((s) => statusPath(body, s.code, rnd));
  const steps = paths.flatMap((p, i) => p.map((to, k) => [i, k, k === 0 ? null : p[k - 1]!, to] as const));
  const terminal = new Set(body.states.filter((s) => s.terminal).map((s) => s.code));
  return { paths, steps, terminal };
}

export async function bulkLoad(db: pg.ClientBase, o: BulkLoadOptions) {
  const batch = o.batch ?? Date.now().toString(36);
  const started = performance.now();
  const agents = `array[${o.agentIds.map((a) => `'${a}'::uuid`).join(',')}]`;
  await db.query('begin');
  try {
    await db.query(`create temp table bulk_c on commit drop as
      select g, gen_random_uuid() as id, now() - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute' as at
        from generate_series(1, ${o.contacts}) g`);
    await db.query(
      `insert into contact (id, org_id, version, created_at, updated_at, first_name, last_name, email, phone,
         status, source, tags, assigned_agent_id, last_interaction_at, converted_at)
       select c.id, $1, 1, c.at, c.at, (${arr(FIRST)})[1 + g % ${FIRST.length}], (${arr(LAST)})[1 + (g / 10) % ${LAST.length}],
         'bulk' || $2 || '.' || g || '@example.test', '+336' || lpad((g % 100000000)::text, 8, '0'),
         case when g % 5 = 0 then 'active_client' else 'lead' end, (${arr(SOURCES)})[1 + (g / 3) % ${SOURCES.length}],
         case when g % 10 = 0 then array['VIP'] else '{}'::text[] end, (${agents})[1 + (g / 7) % ${o.agentIds.length}],
         c.at + interval '2 days', case when g % 5 = 0 then c.at + interval '10 days' end
         from bulk_c c`,
      [o.orgId, batch],
    );
    if (o.dossiers > 0) {
      // Row triggers would maintain the rollups row by row; inside this transaction (no one else sees
      // them off) they are switched off and the organisation's rollups recomputed in one pass.
      await db.query('alter table dossier disable trigger dossier_outcome_on_change');
      await db.query('alter table dossier_status_history disable trigger funnel_on_history_insert');
      await loadDossiers(db, o, batch, agents);
      await db.query('alter table dossier enable trigger dossier_outcome_on_change');
      await db.query('alter table dossier_status_history enable trigger funnel_on_history_insert');
      await db.query('select rollups_rebuild($1)', [o.orgId]);
    }
    await db.query('commit');
  } catch (err) {
    await db.query('rollback');
    throw err;
  }
  // Fresh statistics and visibility map, as autovacuum would leave a live table: the planner must see
  // the new sizes, and index-only scans need the pages marked all-visible.
  await db.query('vacuum analyze contact');
  await db.query('vacuum analyze dossier');
  await db.query('vacuum analyze dossier_status_history');
  return { contacts: o.contacts, dossiers: o.dossiers, ms: Math.round(performance.now() - started) };
}

async function loadDossiers(db: pg.ClientBase, o: BulkLoadOptions, batch: string, agents: string) {
  const def = await db.query<{ id: string; version: number; body: WorkflowDefinitionBody }>(
    `select id, version, body from workflow_definition
      where org_id = $1 and case_type = 'ACHAT' and status = 'PUBLISHED' order by version desc limit 1`,
    [o.orgId],
  );
  const d = def.rows[0];
  if (!d) throw new Error('bulk load: no published ACHAT definition');
  const { paths, steps, terminal } = pathTemplates(d.body);
  await db.query(
    `create temp table bulk_steps on commit drop as
       select * from json_to_recordset($1::json) as s(p int, k int, f text, t text)`,
    [JSON.stringify(steps.map(([p, k, f, t]) => ({ p, k, f, t })))],
  );
  await db.query(
    `create temp table bulk_d on commit drop as
       select g, gen_random_uuid() as id, (g % ${paths.length}) as p,
              now() - (g % 180) * interval '1 day' - (g % 1440) * interval '1 minute' as at
         from generate_series(1, ${o.dossiers}) g`,
  );
  await db.query(
    `insert into dossier (id, org_id, version, created_at, updated_at, reference, case_type, status_code,
       status_changed_at, definition_id, definition_version, workflow_id, title, assigned_agent_id, contact_id,
       source, budget_min, budget_max, currency, location_zone, criteria, amount, probability,
       close_reason_code, closed_at, meta_json)
     select d.id, $1, 1, d.at, d.at, 'B' || $2 || '-' || d.g, 'ACHAT', last.t,
       d.at + last.k * interval '1 day', $3, $4, 'bulk-' || d.id, 'Achat bulk ' || d.g,
       (${agents})[1 + (d.g / 7) % ${o.agentIds.length}], c.id, (${arr(SOURCES)})[1 + d.g % ${SOURCES.length}],
       100000 + (d.g % 500) * 1000, 150000 + (d.g % 500) * 1000, 'EUR', 'Lyon', '{}'::jsonb,
       120000 + (d.g % 500) * 1000, 10 + (d.g % 9) * 10,
       case when last.t = any($5::text[]) then case when last.t = 'WON' then 'BEST_OFFER' else 'BUDGET' end end,
       case when last.t = any($5::text[]) then d.at + last.k * interval '1 day' end, '{"bulk": true}'::jsonb
     from bulk_d d
     join lateral (select s.t, s.k from bulk_steps s where s.p = d.p order by s.k desc limit 1) last on true
     left join bulk_c c on c.g = 1 + (d.g % greatest(${o.contacts}, 1))`,
    [o.orgId, batch, d.id, d.version, [...terminal]],
  );
  await db.query(
    `insert into dossier_status_history (id, org_id, dossier_id, from_status, to_status, actor_type, at,
       definition_version, update_id)
     select gen_random_uuid(), $1, d.id, s.f, s.t, 'SYSTEM', d.at + s.k * interval '1 day', $2,
       'bulk:' || d.id || ':' || s.k
       from bulk_d d join bulk_steps s on s.p = d.p`,
    [o.orgId, d.version],
  );
}

/** Creates (idempotently) a benchmark organisation with an admin and an agent. */
export async function ensureBenchOrg(orm: Orm, slug: string, password: string) {
  const orgId = await ensureOrganization(orm, slug, `Bench ${slug}`);
  for (const role of ['admin', 'agent'] as const) {
    await ensureUser(orm, orgId, {
      email: `${role}@${slug}.test`,
      fullName: `${role} ${slug}`,
      password,
      roles: [role.toUpperCase()],
    });
  }
  return orgId;
}

/** 1,000,000 contacts (or `total`) spread across ten organisations `<prefix>-0` … `<prefix>-9`. */
export async function bulkLoadAcrossOrgs(
  orm: Orm,
  db: pg.ClientBase,
  opts: { total: number; prefix: string; password: string; dossiersPerOrg?: number },
) {
  const orgs: string[] = [];
  for (let i = 0; i < 10; i++) {
    const orgId = await ensureBenchOrg(orm, `${opts.prefix}-${i}`, opts.password);
    const users = await db.query<{ id: string }>(`select id from app_user where org_id = $1`, [orgId]);
    await bulkLoad(db, {
      orgId,
      contacts: Math.floor(opts.total / 10),
      dossiers: opts.dossiersPerOrg ?? 0,
      agentIds: users.rows.map((u) => u.id),
    });
    orgs.push(orgId);
  }
  return orgs;
}

export { bulkLoadAnnonces, type BulkAnnonceOptions } from './bulk-annonces.js';
