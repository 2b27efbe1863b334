/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of a read scenario's main queries, for the report when a target is
 * missed. Runs through the owner connection inside withTenant (so `app.org_id` is set as in a request).
 */
import { contactListQuery } from '../api/routes/v1/contacts/queries.js';
import { dossierListQuery } from '../api/routes/v1/dossiers/queries.js';
import { dashboardKpis, overdueFollowUps } from '../db/dashboard.js';
import { withTenant, type Em, type Orm } from '../db/orm.js';
import { closeReasons, funnelStages } from '../db/reports.js';
import { PERMISSIONS } from '../definitions/permissions.js';
import { globalSearch } from '../services/crm/search.js';

export type ReadScenario =
  | 'contactFilter'
  | 'contactSearch'
  | 'dossierFilter'
  | 'globalSearch'
  | 'globalSearchPhone'
  | 'dashboard'
  | 'funnel'
  | 'export';

export interface ExplainInput {
  orgId: string;
  agentId: string;
  search: string;
  phone: string;
  hotStatuses: string[];
}

const PREFIX = 'explain (analyze, buffers) ';

/** An em whose raw `execute` calls are explained instead of run: catches the exact report SQL. */
function explainingEm(em: Em, plans: string[]): Em {
  return new Proxy(em, {
    get(target, prop, receiver) {
      if (prop !== 'execute') return Reflect.get(target, prop, receiver) as unknown;
      return async (sql: string, params?: unknown[]) => {
        const rows = await target.execute<Record<string, string>[]>(PREFIX + sql, params ?? []);
        plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
        return [];
      };
    },
  });
}

async function explainSql(em: Em, sql: string, plans: string[]) {
  const rows = await em.execute<Record<string, string>[]>(PREFIX + sql);
  plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
}

export async function explainScenario(orm: Orm, scenario: ReadScenario, i: ExplainInput): Promise<string[]> {
  const plans: string[] = [];
  await withTenant(orm, { orgId: i.orgId }, async (em) => {
    const contacts = (q: Parameters<typeof contactListQuery>[2]) => contactListQuery(em, i.orgId, q);
    switch (scenario) {
      case 'contactFilter':
      case 'contactSearch': {
        const q =
          scenario === 'contactFilter'
            ? { status: ['lead'], source: 'WEBSITE', assignedAgentId: i.agentId }
            : { q: i.search };
        await explainSql(em, contacts(q).limit(25).getFormattedQuery(), plans);
        await explainSql(em, `select count(*) from (${contacts(q).getFormattedQuery()}) x`, plans);
        break;
      }
      case 'dossierFilter': {
        const q = { caseType: 'ACHAT', statusCode: ['NEGOTIATION'], assignedAgentId: i.agentId };
        await explainSql(em, dossierListQuery(em, i.orgId, q).limit(25).getFormattedQuery(), plans);
        break;
      }
      case 'globalSearch':
      case 'globalSearchPhone': {
        const q = scenario === 'globalSearch' ? i.search : i.phone;
        const permissions = new Set<string>(PERMISSIONS);
        await globalSearch(explainingEm(em, plans), { orgId: i.orgId, permissions, q, limit: 5 });
        break;
      }
      case 'dashboard': {
        const spy = explainingEm(em, plans);
        await dashboardKpis(spy, i.orgId, undefined, i.hotStatuses);
        await overdueFollowUps(spy, i.orgId, undefined);
        break;
      }
      case 'funnel': {
        const spy = explainingEm(em, plans);
        await funnelStages(spy, { caseType: 'ACHAT' });
        await closeReasons(spy, { caseType: 'ACHAT' });
        break;
      }
      case 'export':
        await explainSql(em, contacts({}).getFormattedQuery(), plans);
        break;
    }
  });
  return plans;
}
