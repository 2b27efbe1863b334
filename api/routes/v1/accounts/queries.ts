import { accountView } from '../../../../db/contacts.js';
import { Account, AccountContact } from '../../../../db/entities/index.js';
import type { Em } from '../../../../db/orm.js';
import { parseSort } from '../../../lib/list.js';
import { problems } from '../../../problem.js';
import { toPrefixTsQuery } from '../dossiers/queries.js';
import type { ListAccountsQuery } from './schemas.js';

const SORTABLE = ['createdAt', 'updatedAt', 'name', 'code', 'type', 'city'] as const;

/** The list's filters and sort, without paging: shared by the list and its streamed export. */
export function accountListQuery(em: Em, orgId: string, q: Omit<ListAccountsQuery, 'page' | 'pageSize'>) {
  const qb = em.createQueryBuilder(Account, 'a').where({ orgId });
  if (q.type?.length) qb.andWhere({ type: { $in: q.type } });
  if (q.city) qb.andWhere({ city: q.city });
  if (q.country) qb.andWhere({ country: q.country });
  if (q.contactId) {
    qb.andWhere('exists (select 1 from account_contact l where l.account_id = a.id and l.contact_id = ?)', [
      q.contactId,
    ]);
  }
  if (q.q) {
    const tsq = toPrefixTsQuery(q.q);
    if (!tsq) throw problems.validation([{ field: 'q', message: 'needs at least one letter or digit' }]);
    // account_search_ids matches on account_search_index inside the caller's org (index usable under RLS).
    qb.andWhere(`a.id = any(array(select account_search_ids(to_tsquery('atlas_search', ?))))`, [tsq]);
  }
  const orderBy = parseSort(q.sort, SORTABLE, { createdAt: 'desc' });
  return qb.orderBy({ ...orderBy, id: 'asc' });
}

export async function listAccounts(em: Em, orgId: string, q: ListAccountsQuery) {
  const qb = accountListQuery(em, orgId, q)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [rows, total] = await qb.getResultAndCount();
  const links = rows.length
    ? await em.find(
        AccountContact,
        { accountId: { $in: rows.map((r) => r.id) } },
        { orderBy: { createdAt: 'asc' } },
      )
    : [];
  return {
    data: rows.map((a) =>
      accountView(
        a,
        links.filter((l) => l.accountId === a.id),
      ),
    ),
    total,
  };
}
