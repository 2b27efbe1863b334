import { contactView } from '../../../../db/contacts.js';
import { contactSearchDocument } from '../../../../db/entities/contact.js';
import { Contact } from '../../../../db/entities/index.js';
import type { Em } from '../../../../db/orm.js';
import { parseSort } from '../../../lib/list.js';
import { problems } from '../../../problem.js';
import { contactSearchTsQuery } from '../../../services/contact-phone.js';
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
  // `tags @> array[tag]` uses the GIN index contact_tags_index.
  if (q.tag) qb.andWhere('c.tags @> array[?]::text[]', [q.tag]);
  if (q.lastInteractionFrom) qb.andWhere({ lastInteractionAt: { $gte: new Date(q.lastInteractionFrom) } });
  if (q.lastInteractionTo) qb.andWhere({ lastInteractionAt: { $lt: new Date(q.lastInteractionTo) } });
  if (q.createdFrom) qb.andWhere({ createdAt: { $gte: new Date(q.createdFrom) } });
  if (q.createdTo) qb.andWhere({ createdAt: { $lt: new Date(q.createdTo) } });
  if (q.q) {
    const tsq = contactSearchTsQuery(q.q);
    if (!tsq) throw problems.validation([{ field: 'q', message: 'needs at least one letter or digit' }]);
    // Same expression as contact_search_index, so the GIN index answers (no LIKE scan).
    const document = contactSearchDocument('c.');
    qb.andWhere(`to_tsvector('simple', ${document}) @@ to_tsquery('simple', ?)`, [tsq]);
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
