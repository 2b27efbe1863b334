/**
 * Demo Coop Habitat data per organisation: the group "Coop Habitat Les Tilleuls" (FUNDING_OPEN), a
 * project with milestones and 8 lots, 12 members in FIFO order (10 ACTIVE, one PENDING_KYC, one
 * SUSPENDED; the demo member user is rank 3) and a running monthly plan. Set-based inserts through
 * the owner connection; idempotent (an organisation that has the group is left alone). The caller
 * starts the contribution cycles of the ACTIVE members once the rows are committed.
 */
import { randomUUID } from 'node:crypto';
import type { Client as TemporalClient } from '@temporalio/client';
import type pg from 'pg';
import { startCycle } from '../api/services/coop/cycles.js';
import { DEFAULT_GROUP_RULES, formulaFromRules } from '../definitions/coop/rules.js';
import { demoMemberEmail } from './demo-orgs.js';

export const DEMO_COOP_GROUP = 'Coop Habitat Les Tilleuls';

const NAMES = [
  'Yasmine Benali',
  'Karim El Idrissi',
  'Membre Demo',
  'Fatima Zahra Alaoui',
  'Mehdi Tazi',
  'Salma Berrada',
  'Omar Chraibi',
  'Nadia Fassi',
  'Youssef Amrani',
  'Leïla Bennani',
  'Hicham Naciri',
  'Sofia Lahlou',
];
const KYC = (validated: boolean) =>
  [
    { code: 'ID_DOCUMENT', label: "Pièce d'identité", required: true },
    { code: 'PROOF_OF_ADDRESS', label: 'Justificatif de domicile', required: true },
    { code: 'INCOME_PROOF', label: 'Justificatif de revenus', required: false },
  ].map((i) => ({
    ...i,
    documentId: null,
    status: validated && i.required ? 'VALIDATED' : 'MISSING',
    comment: null,
  }));

async function insert(db: pg.ClientBase, table: string, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))].map((c) => `"${c}"`).join(', ');
  await db.query(
    `insert into "${table}" (${cols}) select ${cols} from json_populate_recordset(null::"${table}", $1::json)`,
    [JSON.stringify(rows)],
  );
}

export interface DemoCoop {
  groupId: string;
  planId: string;
  /** ACTIVE members whose contribution cycle the caller starts. */
  activeMemberIds: string[];
}

/** Inserts the demo coop of `orgId` in the caller's transaction; null when it is already there. */
export async function insertDemoCoop(
  db: pg.ClientBase,
  orgId: string,
  slug: string,
  now = new Date(),
): Promise<DemoCoop | null> {
  const has = await db.query(`select 1 from coop_group where org_id = $1 and name = $2`, [
    orgId,
    DEMO_COOP_GROUP,
  ]);
  if (has.rowCount) return null;
  const def = await db.query<{ version: number }>(
    `select version from workflow_definition where org_id = $1 and case_type = 'COOP_GROUP'
      and status = 'PUBLISHED' order by version desc limit 1`,
    [orgId],
  );
  if (!def.rows[0]) return null;
  const user = await db.query<{ id: string }>(`select id from app_user where org_id = $1 and email = $2`, [
    orgId,
    demoMemberEmail(slug),
  ]);
  const at = now.toISOString();
  const base = { org_id: orgId, version: 1, created_at: at, updated_at: at };
  const groupId = randomUUID();
  const rules = {
    ...DEFAULT_GROUP_RULES,
    allocation: { order: 'FIFO', usePreferences: true, cutOffDay: null },
  };
  await insert(db, 'coop_group', [
    {
      ...base,
      id: groupId,
      name: DEMO_COOP_GROUP,
      city: 'Casablanca',
      description: "Coopérative d'habitat : 12 familles, un immeuble de 8 logements à Ain Sebaâ.",
      status_code: 'FUNDING_OPEN',
      definition_version: def.rows[0].version,
      rules,
    },
  ]);
  const projectId = randomUUID();
  const month = (d: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + d, 1)).toISOString();
  await insert(db, 'coop_project', [
    {
      ...base,
      id: projectId,
      group_id: groupId,
      name: 'Résidence Les Tilleuls',
      status_code: 'PERMITS',
      budget_total: 1_080_000_000,
      milestones: [
        { code: 'LAND', label: 'Terrain acquis', plannedAt: month(-6), reachedAt: month(-5) },
        { code: 'PERMIT', label: 'Permis de construire', plannedAt: month(2), reachedAt: null },
        { code: 'WORKS', label: 'Début des travaux', plannedAt: month(6), reachedAt: null },
        { code: 'HANDOVER', label: 'Remise des clés', plannedAt: month(30), reachedAt: null },
      ],
    },
  ]);
  const lots = ['A', 'B'].flatMap((b, bi) =>
    [1, 2, 3, 4].map((n) => ({
      ...base,
      id: randomUUID(),
      project_id: projectId,
      group_id: groupId,
      code: `${b}${n}`,
      type: n === 4 ? 'T4' : n === 1 ? 'T2' : 'T3',
      surface: n === 4 ? 98.5 : n === 1 ? 54.2 : 76.8,
      floor: n - 1,
      reference_price: (n === 4 ? 1_650_000 : n === 1 ? 900_000 : 1_250_000) * 100 + bi * 5_000_00,
      status: 'AVAILABLE',
    })),
  );
  await insert(db, 'coop_lot', lots);
  const members = NAMES.map((name, i) => {
    const rank = i + 1;
    const status = rank === 7 ? 'PENDING_KYC' : rank === 9 ? 'SUSPENDED' : 'ACTIVE';
    return {
      ...base,
      id: randomUUID(),
      group_id: groupId,
      display_name: name,
      email: `coop.${rank}.${slug}@example.test`,
      user_id: rank === 3 ? (user.rows[0]?.id ?? null) : null,
      status,
      status_reason: status === 'SUSPENDED' ? 'Retards répétés, en attente de régularisation' : null,
      fifo_rank: rank,
      kyc: KYC(status !== 'PENDING_KYC'),
      kyc_validated_at: status !== 'PENDING_KYC' ? at : null,
      // Two members prefer the top-floor T4s.
      lot_preferences:
        rank === 2 ? { [projectId]: [lots[7]!.id] } : rank === 4 ? { [projectId]: [lots[3]!.id] } : {},
    };
  });
  await insert(db, 'coop_member', members);
  const planId = randomUUID();
  await insert(db, 'coop_plan', [
    { ...base, id: planId, group_id: groupId, name: 'Apports 36 mois', status: 'ACTIVE' },
  ]);
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  await insert(db, 'coop_plan_version', [
    {
      id: randomUUID(),
      org_id: orgId,
      plan_id: planId,
      version: 1,
      effective_from: at,
      schedule: {
        kind: 'MONTHLY',
        dayOfMonth: 5,
        firstMonth: `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}`,
        count: 36,
        amount: 3_000_00,
      },
      formula: formulaFromRules(DEFAULT_GROUP_RULES),
      reason: null,
      created_at: at,
    },
  ]);
  await insert(db, 'coop_timeline_event', [
    {
      id: randomUUID(),
      org_id: orgId,
      group_id: groupId,
      kind: 'GROUP_CREATED',
      title: `Group ${DEMO_COOP_GROUP} created (demo)`,
      payload: {},
      occurred_at: at,
      source_key: `demo-coop-${groupId}`,
    },
  ]);
  return {
    groupId,
    planId,
    activeMemberIds: members.filter((m) => m.status === 'ACTIVE').map((m) => m.id),
  };
}

/**
 * The demo coop on its own transaction (a database from before coop existed gets it too), then the
 * contribution cycles of its ACTIVE members once the rows are committed (`POST /coop/plans/{id}/cycles`
 * starts any that a failure here left out).
 */
export async function seedDemoCoop(
  db: pg.ClientBase,
  opts: { temporal: TemporalClient; taskQueue: string; log?: (m: string) => void },
  orgId: string,
  slug: string,
): Promise<DemoCoop | null> {
  await db.query('begin');
  let coop: DemoCoop | null;
  try {
    coop = await insertDemoCoop(db, orgId, slug);
    await db.query('commit');
  } catch (err) {
    await db.query('rollback');
    throw err;
  }
  if (!coop) return null;
  for (const memberId of coop.activeMemberIds)
    await startCycle(opts.temporal, opts.taskQueue, {
      orgId,
      orgSlug: slug,
      groupId: coop.groupId,
      planId: coop.planId,
      memberId,
    });
  opts.log?.(`demo data for ${slug}: coop group with ${coop.activeMemberIds.length} running cycles`);
  return coop;
}
