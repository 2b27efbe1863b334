/**
 * Builds the rows of one organisation's demo business data (pure: no I/O). Column names are the
 * database's; seed/demo-data.ts inserts them set-based and starts the open dossiers' workflows.
 */
import { randomUUID } from 'node:crypto';
import { reasonTypeOf } from '../definitions/workflow-definition.schema.js';
import { addActivity, addMessage } from './demo-activities.js';
import * as F from './demo-fixtures.js';
import type { DemoOrgContext, DemoTables, OpenDossier, Row } from './demo-types.js';

export type { DemoOrgContext, DemoTables, OpenDossier, PublishedDef } from './demo-types.js';

const DAY = 86_400_000;
const CASE_MIX = [
  'ACHAT',
  'ACHAT',
  'ACHAT',
  'ACHAT',
  'LOCATION',
  'LOCATION',
  'LOCATION',
  'LEAD',
  'LEAD',
  'LEAD',
];

export function buildDemoRows(
  ctx: DemoOrgContext,
  workflowIdOf: (id: string) => string,
): { tables: DemoTables; open: OpenDossier[] } {
  const rnd = F.seededRandom(`atlas-demo:${ctx.slug}`);
  const now = ctx.now.getTime();
  const base = (createdAt: Date) => ({
    org_id: ctx.orgId,
    version: 1,
    created_at: createdAt,
    updated_at: createdAt,
  });
  const t: DemoTables = {
    contact: [],
    account: [],
    account_contact: [],
    dossier: [],
    dossier_status_history: [],
    timeline_event: [],
    activity: [],
    message: [],
  };
  const touch = (contact: Row | undefined, at: Date) => {
    if (contact && (!contact.last_interaction_at || (contact.last_interaction_at as Date) < at))
      contact.last_interaction_at = at;
  };

  for (let i = 0; i < ctx.size.contacts; i++) {
    const first = F.pick(rnd, F.FIRST_NAMES);
    const last = F.pick(rnd, F.LAST_NAMES);
    // A few fresh leads so "new leads (7 days)" is never empty.
    const ageDays = rnd() < 0.08 ? F.between(rnd, 0, 6.5) : F.between(rnd, 7, 180);
    const createdAt = new Date(now - ageDays * DAY);
    const client = rnd() < 0.18;
    t.contact.push({
      id: randomUUID(),
      ...base(createdAt),
      first_name: first,
      last_name: last,
      // The index keeps emails unique per organisation.
      email: `${F.asciiSlug(first)}.${F.asciiSlug(last)}${i}@${F.pick(rnd, F.MAIL_DOMAINS)}`,
      phone: F.frenchMobile(rnd),
      status: client ? 'active_client' : 'lead',
      source: F.pick(rnd, ctx.codes.LEAD_SOURCE),
      tags: rnd() < 0.3 ? [F.pick(rnd, ctx.codes.TAG)] : [],
      assigned_agent_id: F.pick(rnd, ctx.agents),
      last_interaction_at: null,
      converted_at: client ? new Date(F.between(rnd, createdAt.getTime(), now)) : null,
    });
  }

  for (let i = 0; i < ctx.size.accounts; i++) {
    const createdAt = new Date(now - F.between(rnd, 10, 180) * DAY);
    const account = {
      id: randomUUID(),
      ...base(createdAt),
      code: `ACC-${String(i + 1).padStart(4, '0')}`,
      name: `${F.pick(rnd, F.ACCOUNT_PREFIXES)} ${F.pick(rnd, F.LAST_NAMES)}${i % 3 === 0 ? ` ${F.pick(rnd, F.CITIES)}` : ''}`,
      type: F.pick(rnd, ['PROSPECT', 'LEAD', 'CUSTOMER', 'CUSTOMER', 'VIP', 'PARTNER']),
      city: F.pick(rnd, F.CITIES),
      country: 'FR',
    };
    t.account.push(account);
    const members = new Set(Array.from({ length: F.intBetween(rnd, 1, 4) }, () => F.pick(rnd, t.contact)));
    [...members].forEach((c, k) =>
      t.account_contact.push({
        id: randomUUID(),
        ...base(createdAt),
        account_id: account.id,
        contact_id: c.id,
        is_primary: k === 0,
        is_billing: k === 0,
        is_shipping: false,
        is_decision_maker: k === 0 || rnd() < 0.3,
      }),
    );
  }

  const open: OpenDossier[] = [];
  for (let i = 0; i < ctx.size.dossiers; i++) {
    const caseType = CASE_MIX[i % CASE_MIX.length]!;
    const def = ctx.defs.find((d) => d.caseType === caseType);
    if (!def) continue;
    const contact = F.pick(rnd, t.contact);
    const agent = F.pick(rnd, ctx.agents);
    const target = F.pickTarget(def.body, rnd);
    const path = F.statusPath(def.body, target, rnd);
    const terminal = def.body.states.find((s) => s.code === target)!.terminal === true;
    const createdMs = Math.max((contact.created_at as Date).getTime(), now - F.between(rnd, 2, 180) * DAY);
    const ageDays = (now - createdMs) / DAY;
    // Open dossiers entered their current stage in the last 60 days (the definitions' timers are
    // shorter than the stale stages would be otherwise); closed ones closed anywhere since creation.
    const rawLast = terminal
      ? F.between(rnd, createdMs + (ageDays > 1 ? DAY : 0), now - 3_600_000)
      : now - F.between(rnd, 0.1, Math.max(0.2, Math.min(60, ageDays - 0.05))) * DAY;
    const lastMs =
      path.length === 1 ? createdMs : Math.min(now - 1000, Math.max(createdMs + 60_000, rawLast));
    const stepTimes = [new Date(createdMs), ...F.spreadTimes(rnd, path.length - 2, createdMs, lastMs)];
    if (path.length > 1) stepTimes.push(new Date(Math.max(lastMs, createdMs)));
    const id = randomUUID();
    // Buyers and tenants search in the cities the demo listings are in (seed/bulk-annonces.ts).
    const search = caseType === 'LEAD' ? null : F.demoSearch(rnd, caseType === 'ACHAT');
    const city = search?.city ?? F.pick(rnd, F.CITIES);
    const kind = F.pick(rnd, F.PROPERTY_KINDS);
    const who = `${contact.first_name as string} ${contact.last_name as string}`;
    const title =
      caseType === 'ACHAT'
        ? `Achat ${kind} ${city} — ${who}`
        : caseType === 'LOCATION'
          ? `Location ${kind} ${city} — ${who}`
          : `Lead ${who} (${city})`;
    const price = search?.price ?? null;
    const reasonType = reasonTypeOf(def.body.states.find((s) => s.code === target));
    const reason = terminal
      ? F.pick(rnd, reasonType === 'WON' ? ctx.codes.WON_REASON : ctx.codes.LOSS_REASON)
      : null;
    const closedAt = terminal ? stepTimes[stepTimes.length - 1]! : null;
    const statusChangedAt = stepTimes[stepTimes.length - 1]!;
    const workflowId = workflowIdOf(id);
    const reference = `D-${new Date(createdMs).getUTCFullYear()}-${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
    t.dossier.push({
      id,
      ...base(new Date(createdMs)),
      updated_at: statusChangedAt,
      reference,
      case_type: caseType,
      status_code: target,
      status_changed_at: statusChangedAt,
      definition_id: def.id,
      definition_version: def.version,
      workflow_id: workflowId,
      title,
      assigned_agent_id: agent,
      contact_id: contact.id,
      source: contact.source,
      budget_min: price === null ? null : Math.round(price * 0.85),
      budget_max: price === null ? null : Math.round(price * 1.1),
      currency: 'EUR',
      location_zone: city,
      criteria: search?.criteria ?? {},
      amount: price,
      probability: ctx.probability.get(target) ?? null,
      expected_close_date: terminal
        ? null
        : new Date(now + F.between(rnd, 10, 120) * DAY).toISOString().slice(0, 10),
      close_reason_code: reason,
      closed_at: closedAt,
      meta_json: { demoSeed: true },
    });
    if (reasonType === 'WON' && terminal) {
      contact.status = 'active_client';
      contact.converted_at ??= closedAt;
    }
    path.forEach((to, k) => {
      const at = stepTimes[k]!;
      const updateId = k === 0 ? `create:${id}` : `seed:${id}:${k}`;
      const from = k === 0 ? null : path[k - 1]!;
      const last = k === path.length - 1;
      t.dossier_status_history.push({
        id: randomUUID(),
        org_id: ctx.orgId,
        dossier_id: id,
        from_status: from,
        to_status: to,
        actor_id: agent,
        actor_type: 'USER',
        at,
        reason_code: last ? reason : null,
        definition_version: def.version,
        update_id: updateId,
      });
      t.timeline_event.push({
        id: randomUUID(),
        org_id: ctx.orgId,
        dossier_id: id,
        contact_id: contact.id,
        kind: k === 0 ? 'CREATED' : 'STATUS_CHANGE',
        author_id: agent,
        title: k === 0 ? `Dossier created in ${to}` : `${from} → ${to}`,
        payload: k === 0 ? null : { from, to, reasonCode: last ? reason : null, actorType: 'USER' },
        occurred_at: at,
        source_key: k === 0 ? updateId : `transition:${updateId}`,
      });
    });
    if (!terminal) {
      open.push({
        id,
        reference,
        caseType,
        def,
        statusCode: target,
        enteredStateAt: statusChangedAt,
        title,
        workflowId,
      });
    }

    const until = closedAt?.getTime() ?? now;
    const activityTypes = path.includes('VISIT') ? ['CALL', 'NOTE', 'VISIT'] : ['CALL', 'NOTE', 'CALL'];
    for (let k = F.intBetween(rnd, 1, 3); k > 0; k--) {
      const type = F.pick(rnd, activityTypes);
      const at = new Date(F.between(rnd, createdMs, until));
      addActivity(t, ctx.orgId, {
        type,
        at,
        agent,
        contact,
        dossierId: id,
        rnd,
        subject: `${type === 'CALL' ? 'Appel' : type === 'VISIT' ? 'Visite' : 'Note'} — ${who}`,
      });
      touch(contact, at);
    }
    if (!terminal && i % 12 === 0) {
      // Overdue follow-ups feed the dashboard's next best actions; the others are upcoming.
      const overdue = i % 24 === 0;
      const due = new Date(now + (overdue ? -F.between(rnd, 1, 7) : F.between(rnd, 1, 10)) * DAY);
      addActivity(t, ctx.orgId, {
        type: 'FOLLOW_UP',
        at: new Date(Math.min(now - DAY, due.getTime() - 3 * DAY)),
        agent,
        contact,
        dossierId: id,
        rnd,
        subject: `Relancer ${who}`,
        dueAt: due,
      });
    }
    if (rnd() < 0.4) {
      for (let k = F.intBetween(rnd, 1, 3); k > 0; k--) {
        const at = new Date(F.between(rnd, createdMs, until));
        addMessage(t, ctx.orgId, { at, agent, contact, dossierId: id, rnd });
        touch(contact, at);
      }
    }
  }
  return { tables: t, open };
}
