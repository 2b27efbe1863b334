import { contactView } from '../../../../db/contacts.js';
import { Contact } from '../../../../db/entities/index.js';
import type { Em } from '../../../../db/orm.js';
import { parseSort } from '../../../lib/list.js';
import { problems } from '../../../problem.js';
import { contactSearchTsQuery } from '../../../../services/crm/contact-phone.js';
import type { ListContactsQuery } from './schemas.js';

const SORTABLE = [
  'createdAt',
  'updatedAt',
  'lastName',
  'firstName',
  'email',
  'lastInteractionAt',
  'status',
] as const;

/** The list's filters and sort, without paging: shared by the list and its streamed export. */
export function contactListQuery(em: Em, orgId: string, q: Omit<ListContactsQuery, 'page' | 'pageSize'>) {
  const qb = em.createQueryBuilder(Contact, 'c').where({ orgId });
  if (q.status?.length) qb.andWhere({ status: { $in: q.status } });
  if (q.source) qb.andWhere({ source: q.source });
  if (q.assignedAgentId) qb.andWhere({ assignedAgentId: q.assignedAgentId });
  // Through contact_tag_ids so the GIN index contact_tags_index answers under RLS (read-paths migration).
  if (q.tag) qb.andWhere('c.id = any(array(select contact_tag_ids(?)))', [q.tag]);
  if (q.lastInteractionFrom) qb.andWhere({ lastInteractionAt: { $gte: new Date(q.lastInteractionFrom) } });
  if (q.lastInteractionTo) qb.andWhere({ lastInteractionAt: { $lt: new Date(q.lastInteractionTo) } });
  if (q.createdFrom) qb.andWhere({ createdAt: { $gte: new Date(q.createdFrom) } });
  if (q.createdTo) qb.andWhere({ createdAt: { $lt: new Date(q.createdTo) } });
  if (q.q) {
    const tsq = contactSearchTsQuery(q.q);
    if (!tsq) throw problems.validation([{ field: 'q', message: 'needs at least one letter or digit' }]);
    // contact_search_ids matches on contact_search_index (GIN, no LIKE scan) inside the caller's org.
    qb.andWhere(`c.id = any(array(select contact_search_ids(to_tsquery('atlas_search', ?))))`, [tsq]);
  }
  const orderBy = parseSort(q.sort, SORTABLE, { createdAt: 'desc' });
  return qb.orderBy({ ...orderBy, id: 'asc' });
}

export async function listContacts(em: Em, orgId: string, q: ListContactsQuery) {
  const qb = contactListQuery(em, orgId, q)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [rows, total] = await qb.getResultAndCount();
  return { data: rows.map(contactView), total };
}
