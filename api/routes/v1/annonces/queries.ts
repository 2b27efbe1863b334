import { annonceView } from '../../../../db/annonces.js';
import { Annonce } from '../../../../db/entities/index.js';
import type { Em } from '../../../../db/orm.js';
import { cityKey } from '../../../../definitions/annonce.js';
import { parseSort } from '../../../lib/list.js';
import { pgArray } from '../../../../services/listings/matching.js';
import { problems } from '../../../problem.js';
import { toPrefixTsQuery } from '../dossiers/queries.js';
import type { AnnonceListQuery } from './schemas.js';

const SORTABLE = [
  'createdAt',
  'updatedAt',
  'priceCents',
  'surface',
  'rooms',
  'reference',
  'title',
  'statusChangedAt',
] as const;

/**
 * Filters on btree-indexed int/text columns run under RLS as usual; full-text search and the
 * features filter (non-LEAKPROOF `@@`, `@>`) go through SECURITY DEFINER id functions so their GIN
 * indexes stay usable (see the annonces migration).
 */
export async function listAnnonces(em: Em, orgId: string, q: AnnonceListQuery) {
  const qb = em.createQueryBuilder(Annonce, 'a').where({ orgId });
  if (q.transaction) qb.andWhere({ transaction: q.transaction });
  if (q.statusCode?.length) qb.andWhere({ statusCode: { $in: q.statusCode } });
  if (q.propertyType?.length) qb.andWhere({ propertyType: { $in: q.propertyType } });
  if (q.zoneCode?.length) qb.andWhere({ zoneCode: { $in: q.zoneCode } });
  if (q.city) qb.andWhere({ cityKey: cityKey(q.city) });
  if (q.priceMin !== undefined) qb.andWhere({ priceCents: { $gte: q.priceMin } });
  if (q.priceMax !== undefined) qb.andWhere({ priceCents: { $lte: q.priceMax } });
  if (q.surfaceMin !== undefined) qb.andWhere({ surface: { $gte: q.surfaceMin } });
  if (q.roomsMin !== undefined) qb.andWhere({ rooms: { $gte: q.roomsMin } });
  if (q.bedroomsMin !== undefined) qb.andWhere({ bedrooms: { $gte: q.bedroomsMin } });
  if (q.assignedAgentId) qb.andWhere({ assignedAgentId: q.assignedAgentId });
  if (q.features?.length)
    qb.andWhere(`a.id = any(array(select annonce_feature_ids(?::text[])))`, [pgArray(q.features)]);
  const tsq = q.q ? toPrefixTsQuery(q.q) : undefined;
  if (q.q && !tsq) throw problems.validation([{ field: 'q', message: 'needs at least one letter or digit' }]);
  if (tsq) qb.andWhere(`a.id = any(array(select annonce_search_ids(to_tsquery('atlas_search', ?))))`, [tsq]);
  const sort = parseSort(q.sort, SORTABLE, { createdAt: 'desc' });
  qb.orderBy([...Object.entries(sort).map(([field, dir]) => ({ [field]: dir })), { id: 'asc' }])
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [rows, total] = await qb.getResultAndCount();
  return { data: rows.map(annonceView), total };
}
