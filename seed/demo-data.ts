/**
 * Demo business data: contacts, accounts, dossiers over every stage with six months of status
 * history, activities and messages, so the dashboard and the funnel show something real on first
 * start. Rows go in set-based through the owner connection (it bypasses RLS); then every OPEN
 * dossier gets its `dossierLifecycle` workflow, as if created through the API long ago.
 *
 * Not audited per row: the seed writes no audit_event (the hash chain stays intact; the demo's
 * history is in dossier_status_history and timeline_event). Runs after Temporal is up.
 */
import type { Client as TemporalClient, WorkflowHandle } from '@temporalio/client';
import pg from 'pg';
import { dossierWorkflowId, startDossierWorkflow } from '../api/lib/dossier-workflows.js';
import { parseIsoDuration } from '../definitions/duration.js';
import type { WorkflowDefinitionBody } from '../definitions/workflow-definition.schema.js';
import { appointmentReminders, appointmentWorkflowId } from '../workflows/appointment-reminders.js';
import { buildDemoEngagement, type DemoAppointment } from './demo-engagement.js';
import { buildDemoRows, type DemoOrgContext, type OpenDossier, type PublishedDef } from './demo-rows.js';
import { bulkLoadAnnonces } from './bulk-annonces.js';
import { seedDemoCoop } from './demo-coop.js';
import { DEMO_ORGS } from './demo-orgs.js';

export interface DemoDataOptions {
  /** Owner (superuser/table owner) connection string: the seed bypasses RLS. */
  ownerUrl: string;
  temporal: TemporalClient;
  taskQueue: string;
  /** Organisations by slug; the demo organisations by default. */
  orgSlugs?: readonly string[];
  size?: Partial<DemoOrgContext['size']>;
  log?: (m: string) => void;
}

export interface DemoDataResult {
  slug: string;
  skipped: boolean;
  contacts: number;
  accounts: number;
  dossiers: number;
  activities: number;
  messages: number;
  consents: number;
  appointments: number;
  workflowsStarted: number;
  reminderWorkflowsStarted: number;
}

const CASE_TYPES = ['ACHAT', 'LOCATION', 'LEAD'];
const DEFAULT_SIZE = { contacts: 300, accounts: 40, dossiers: 300, annonces: 3000 };
// Parents before children (foreign keys).
const TABLE_ORDER = [
  'contact',
  'account',
  'account_contact',
  'dossier',
  'dossier_status_history',
  'activity',
  'message',
  'timeline_event',
] as const;

/** One statement per chunk: json_populate_recordset maps JSON keys onto the table's column types. */
async function insertRows(db: pg.ClientBase, table: string, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))].map((c) => `"${c}"`).join(', ');
  for (let i = 0; i < rows.length; i += 2000) {
    await db.query(
      `insert into "${table}" (${cols}) select ${cols} from json_populate_recordset(null::"${table}", $1::json)`,
      [JSON.stringify(rows.slice(i, i + 2000))],
    );
  }
}

async function loadContext(db: pg.ClientBase, orgId: string, slug: string, size: DemoOrgContext['size']) {
  const users = await db.query<{ id: string; roles: string[] }>(
    `select id, roles from app_user where org_id = $1 and is_active order by email`,
    [orgId],
  );
  const staff = users.rows.filter((u) => u.roles.some((r) => r === 'AGENT' || r === 'MANAGER'));
  const agents = (staff.length ? staff : users.rows).map((u) => u.id);
  if (!agents.length) throw new Error(`demo data: organisation ${slug} has no users to assign`);
  const defs = await db.query<{
    id: string;
    case_type: string;
    version: number;
    body: WorkflowDefinitionBody;
  }>(
    `select distinct on (case_type) id, case_type, version, body from workflow_definition
      where org_id = $1 and status = 'PUBLISHED' and case_type = any($2) order by case_type, version desc`,
    [orgId, CASE_TYPES],
  );
  // The tenant's effective dictionaries: its own entries, else the global defaults.
  const dict = await db.query<{
    dict_type: string;
    code: string;
    metadata_json: Record<string, unknown> | null;
  }>(
    `select distinct on (dict_type, code) dict_type, code, metadata_json from ref_dictionary
      where (org_id is null or org_id = $1) and dict_type = any($2)
      order by dict_type, code, org_id nulls last`,
    [orgId, ['LEAD_SOURCE', 'LOSS_REASON', 'WON_REASON', 'TAG', 'CASE_STATUS']],
  );
  const codes = (type: string) => dict.rows.filter((r) => r.dict_type === type).map((r) => r.code);
  const probability = new Map<string, number>();
  for (const r of dict.rows) {
    const p = r.metadata_json?.probability;
    if (r.dict_type === 'CASE_STATUS' && typeof p === 'number') probability.set(r.code, p);
  }
  return {
    orgId,
    slug,
    agents,
    defs: defs.rows.map<PublishedDef>((d) => ({
      id: d.id,
      caseType: d.case_type,
      version: d.version,
      body: d.body,
    })),
    codes: {
      LEAD_SOURCE: codes('LEAD_SOURCE'),
      LOSS_REASON: codes('LOSS_REASON'),
      WON_REASON: codes('WON_REASON'),
      TAG: codes('TAG'),
    },
    probability,
    now: new Date(),
    size,
  } satisfies DemoOrgContext;
}

/**
 * Timers of the current state already due count as fired: their reminders belong to the backdated
 * past, and a few hundred workflows must not all fire them at once on first start.
 */
function firedTimers(def: WorkflowDefinitionBody, status: string, enteredAt: Date): number[] {
  const state = def.states.find((s) => s.code === status);
  const elapsed = Date.now() - enteredAt.getTime();
  return (state?.timers ?? []).flatMap((t, i) => (parseIsoDuration(t.after) <= elapsed ? [i] : []));
}

async function inPool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function startWorkflows(opts: DemoDataOptions, ctx: DemoOrgContext, open: OpenDossier[]) {
  const handles: WorkflowHandle[] = [];
  await inPool(open, 16, async (d) => {
    const handle = await startDossierWorkflow(
      opts.temporal,
      opts.taskQueue,
      d.workflowId,
      {
        orgId: ctx.orgId,
        orgSlug: ctx.slug,
        dossierId: d.id,
        reference: d.reference,
        caseType: d.caseType,
        definition: d.def.body,
        definitionId: d.def.id,
        definitionVersion: d.def.version,
        statusCode: d.statusCode,
        enteredStateAt: d.enteredStateAt.toISOString(),
        firedTimers: firedTimers(d.def.body, d.statusCode, d.enteredStateAt),
      },
      { title: d.title },
    );
    handles.push(handle);
  });
  return handles;
}

/** Upcoming demo appointments get their reminder workflow, as if booked through the API. */
async function startReminderWorkflows(
  opts: DemoDataOptions,
  ctx: DemoOrgContext,
  upcoming: DemoAppointment[],
) {
  const handles: WorkflowHandle[] = [];
  await inPool(upcoming, 16, async (a) => {
    handles.push(
      await opts.temporal.workflow.start(appointmentReminders, {
        taskQueue: opts.taskQueue,
        workflowId: a.workflowId,
        args: [
          { orgId: ctx.orgId, appointmentId: a.id, startAt: a.startAt.toISOString(), offsets: a.offsets },
        ],
        searchAttributes: {
          OrgId: [ctx.orgId],
          OrgSlug: [ctx.slug],
          CaseType: ['APPOINTMENT'],
          EntityId: [a.id],
        },
      }),
    );
  });
  return handles;
}

/**
 * Seeds each organisation that has no contact yet (idempotent: an organisation with contacts,
 * demo or real, is left alone). Rows and workflows go together: the rows commit only once every
 * open dossier's workflow has started; on failure the rows roll back and the started workflows are
 * terminated.
 */
export async function seedDemoBusinessData(opts: DemoDataOptions): Promise<DemoDataResult[]> {
  const size = { ...DEFAULT_SIZE, ...opts.size };
  const db = new pg.Client({ connectionString: opts.ownerUrl });
  await db.connect();
  const results: DemoDataResult[] = [];
  try {
    for (const slug of opts.orgSlugs ?? DEMO_ORGS.map((o) => o.slug)) {
      const org = await db.query<{ id: string }>(`select id from organization where slug = $1`, [slug]);
      const orgId = org.rows[0]?.id;
      if (!orgId) throw new Error(`demo data: no organisation ${slug}`);
      // Listings first, on their own: a demo database from before listings existed gets them too.
      const listed = await db.query(`select 1 from annonce where org_id = $1 limit 1`, [orgId]);
      if (!listed.rowCount) {
        const loaded = await bulkLoadAnnonces(db, {
          orgId,
          count: size.annonces ?? DEFAULT_SIZE.annonces,
          batch: `${slug}-demo`,
        });
        opts.log?.(`demo data for ${slug}: ${loaded.annonces} listings`);
      }
      await seedDemoCoop(db, opts, orgId, slug);
      const existing = await db.query(`select 1 from contact where org_id = $1 limit 1`, [orgId]);
      if (existing.rowCount) {
        results.push({
          slug,
          skipped: true,
          contacts: 0,
          accounts: 0,
          dossiers: 0,
          activities: 0,
          messages: 0,
          consents: 0,
          appointments: 0,
          workflowsStarted: 0,
          reminderWorkflowsStarted: 0,
        });
        continue;
      }
      const ctx = await loadContext(db, orgId, slug, size);
      const { tables, open } = buildDemoRows(ctx, (id) => dossierWorkflowId(slug, id));
      const engagement = buildDemoEngagement(ctx, tables.contact, tables.dossier, appointmentWorkflowId);
      let handles: WorkflowHandle[] = [];
      let reminders: WorkflowHandle[] = [];
      await db.query('begin');
      try {
        for (const table of TABLE_ORDER) await insertRows(db, table, tables[table]);
        await insertRows(db, 'contact_consent', engagement.contact_consent);
        await insertRows(db, 'appointment', engagement.appointment);
        await db.query('select rollups_rebuild($1)', [orgId]); // history arrives in chunks: settle once
        handles = await startWorkflows(opts, ctx, open);
        reminders = await startReminderWorkflows(opts, ctx, engagement.upcoming);
        await db.query('commit');
      } catch (err) {
        await db.query('rollback');
        await Promise.all(
          [...handles, ...reminders].map((h) => h.terminate('demo seed rolled back').catch(() => undefined)),
        );
        throw err;
      }
      results.push({
        slug,
        skipped: false,
        contacts: tables.contact.length,
        accounts: tables.account.length,
        dossiers: tables.dossier.length,
        activities: tables.activity.length,
        messages: tables.message.length,
        consents: engagement.contact_consent.length,
        appointments: engagement.appointment.length,
        workflowsStarted: handles.length,
        reminderWorkflowsStarted: reminders.length,
      });
      opts.log?.(
        `demo data for ${slug}: ${tables.contact.length} contacts, ${tables.dossier.length} dossiers (${open.length} open workflows)`,
      );
    }
  } finally {
    await db.end();
  }
  return results;
}
