import { QueryOrder } from '@mikro-orm/core';
import { dossierView } from '../../../../db/dossier-view.js';
import { Dossier } from '../../../../db/entities/index.js';
import { latestPublished } from '../../../../db/definitions.js';
import type { Em } from '../../../../db/orm.js';
import { localize } from '../../../../definitions/guards.js';
import type { WorkflowDefinitionBody } from '../../../../definitions/workflow-definition.schema.js';
import { parseSort } from '../../../lib/list.js';
import { problems } from '../../../problem.js';
import type { ListQuery } from './schemas.js';
import { prefixTsQuery } from '../../../../services/crm/search-terms.js';

const SORTABLE = [
  'createdAt',
  'updatedAt',
  'title',
  'amount',
  'statusChangedAt',
  'expectedCloseDate',
  'reference',
  'budgetMax',
  'score',
] as const;

/** `"villa nice"` → `villa:* & nice:*` for prefix full-text search (one implementation, crm search's). */
export const toPrefixTsQuery = prefixTsQuery;

/** The list's filters and sort, without paging: shared by the list and its streamed export. */
export function dossierListQuery(em: Em, orgId: string, q: Omit<ListQuery, 'page' | 'pageSize'>) {
  const qb = em.createQueryBuilder(Dossier, 'd').where({ orgId });
  if (q.caseType) qb.andWhere({ caseType: q.caseType });
  if (q.statusCode?.length) qb.andWhere({ statusCode: { $in: q.statusCode } });
  if (q.assignedAgentId) qb.andWhere({ assignedAgentId: q.assignedAgentId });
  if (q.contactId) qb.andWhere({ contactId: q.contactId });
  if (q.source) qb.andWhere({ source: q.source });
  // A dossier's budget range overlaps the asked range.
  if (q.budgetFrom !== undefined) qb.andWhere({ budgetMax: { $gte: q.budgetFrom } });
  if (q.budgetTo !== undefined) qb.andWhere({ budgetMin: { $lte: q.budgetTo } });
  if (q.createdFrom) qb.andWhere({ createdAt: { $gte: new Date(q.createdFrom) } });
  if (q.createdTo) qb.andWhere({ createdAt: { $lt: new Date(q.createdTo) } });
  if (q.scoreMin !== undefined) qb.andWhere({ score: { $gte: q.scoreMin } });
  if (q.open !== undefined) qb.andWhere({ closedAt: q.open ? null : { $ne: null } });
  const tsq = q.q ? toPrefixTsQuery(q.q) : undefined;
  if (q.q && !tsq) throw problems.validation([{ field: 'q', message: 'needs at least one letter or digit' }]);
  if (tsq) {
    // dossier_search_ids / contact_search_ids match on their GIN indexes inside the caller's org (index
    // usable under RLS): a dossier is found by its title or reference, or by its contact's name.
    qb.andWhere(
      `(d.id = any(array(select dossier_search_ids(to_tsquery('atlas_search', ?))))
        or d.contact_id = any(array(select contact_search_ids(to_tsquery('atlas_search', ?)))))`,
      [tsq, tsq],
    );
  }
  const sort = parseSort(q.sort, SORTABLE, { createdAt: 'desc' });
  // Unscored dossiers last either way: "best leads first" must not open on nulls.
  const orderBy = Object.entries(sort).map(([field, dir]): Record<string, QueryOrder | 'asc' | 'desc'> => ({
    [field]:
      field !== 'score' ? dir : dir === 'desc' ? QueryOrder.DESC_NULLS_LAST : QueryOrder.ASC_NULLS_LAST,
  }));
  return qb.orderBy([...orderBy, { id: 'asc' }]);
}

export async function listDossiers(em: Em, orgId: string, q: ListQuery) {
  const qb = dossierListQuery(em, orgId, q)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [rows, total] = await qb.getResultAndCount();
  return { data: rows.map(dossierView), total };
}

/** Kanban: one column per status of the latest published pipeline, in definition order. */
export async function kanban(em: Em, orgId: string, caseType: string, pageSize: number) {
  const def = await latestPublished(em, caseType);
  if (!def) throw problems.notFound(`Pipeline ${caseType}`);
  const body = def.body as unknown as WorkflowDefinitionBody;
  const counts = await em.execute<{ status_code: string; n: string }[]>(
    'select status_code, count(*)::text as n from dossier where org_id = ? and case_type = ? group by 1',
    [orgId, caseType],
  );
  const columns = [];
  for (const state of body.states) {
    const rows = await em.find(
      Dossier,
      { caseType, statusCode: state.code },
      { orderBy: { statusChangedAt: 'desc' }, limit: pageSize },
    );
    columns.push({
      statusCode: state.code,
      label: localize(state.label, 'fr', state.code),
      terminal: state.terminal === true,
      total: Number(counts.find((c) => c.status_code === state.code)?.n ?? 0),
      data: rows.map(dossierView),
    });
  }
  return { caseType, definitionVersion: def.version, columns };
}
