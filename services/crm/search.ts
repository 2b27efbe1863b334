import type { Em } from '../../db/orm.js';
import { DomainError } from '../domain-error.js';
import {
  contactTsQuery,
  likeEscape,
  prefixTsQuery,
  SEARCH_MAX_LENGTH,
  SEARCH_MAX_PER_KIND,
} from './search-terms.js';

/** What the global search looks through, in the order its groups are answered. */
export const SEARCH_KINDS = ['contact', 'dossier', 'account', 'listing', 'coopMember'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** The read permission each kind needs: a caller without it gets no group for that kind. */
export const SEARCH_KIND_PERMISSION: Record<SearchKind, string> = {
  contact: 'CRM_CONTACTS_VIEW',
  dossier: 'CRM_DEALS_VIEW',
  account: 'CRM_CONTACTS_VIEW',
  listing: 'CRM_ANNONCES_VIEW',
  coopMember: 'COOP_ADMIN',
};

import { SearchErrorCode } from './error-codes.js';

export { SearchErrorCode };

export interface SearchItem {
  id: string;
  kind: SearchKind;
  title: string;
  subtitle: string | null;
  href: string;
}
export interface SearchGroup {
  kind: SearchKind;
  total: number;
  items: SearchItem[];
}

interface Terms {
  /** Prefix words (tsquery text). */
  words: string;
  /** The contact query: a phone number as its digits, else the words. */
  contact: string;
  /** A LIKE fragment, wildcards escaped (coop members). */
  like: string;
}

interface Row {
  id: string;
  title: string;
  subtitle: string | null;
  link_id: string;
  total: string;
}

/**
 * Each kind's query and its parameters (the organisation, the search term — tsquery text, or a LIKE
 * fragment for coop members — and the limit). Matching goes through the RLS-safe `*_search_ids` functions, so the GIN
 * indexes answer inside the caller's organisation; row-level security applies on top.
 */
const QUERIES: Record<
  SearchKind,
  { sql: string; href: string; args: (orgId: string, t: Terms, limit: number) => Array<string | number> }
> = {
  contact: {
    href: '/contacts/show/',
    // The total is the matcher's count (already inside the organisation): no window over the matches.
    args: (orgId, t, limit) => [t.contact, orgId, limit],
    sql: `with m as materialized (select array(select contact_search_ids(to_tsquery('atlas_search', ?))) as ids)
      select c.id, trim(c.first_name || ' ' || c.last_name) as title,
        nullif(concat_ws(' · ', nullif(c.email, ''), c.phone), '') as subtitle, c.id as link_id,
        cardinality(m.ids) as total
      from m join contact c on c.id = any(m.ids)
      where c.org_id = ?
      order by c.last_name, c.first_name, c.id limit ?`,
  },
  dossier: {
    href: '/dossiers/show/',
    // The tsquery is named once: a dossier matches by its own text or by its contact's name. The
    // contact's name is joined for the page only, after the limit.
    args: (orgId, t, limit) => [t.words, orgId, limit, orgId],
    sql: `with q as (select to_tsquery('atlas_search', ?) as t),
      top as (
        select d.id, d.title, d.reference, d.contact_id, d.updated_at, count(*) over () as total
        from q, dossier d
        where d.org_id = ? and (d.id = any(array(select dossier_search_ids(q.t)))
          or d.contact_id = any(array(select contact_search_ids(q.t))))
        order by d.updated_at desc, d.id limit ?)
      select top.id, top.title, top.id as link_id, top.total,
        concat_ws(' · ', top.reference, nullif(trim(c.first_name || ' ' || c.last_name), '')) as subtitle
      from top left join contact c on c.org_id = ? and c.id = top.contact_id
      order by top.updated_at desc, top.id`,
  },
  account: {
    href: '/accounts/show/',
    args: (orgId, t, limit) => [t.words, orgId, limit],
    sql: `with m as materialized (select array(select account_search_ids(to_tsquery('atlas_search', ?))) as ids)
      select a.id, a.name as title, concat_ws(' · ', a.code, a.city) as subtitle, a.id as link_id,
        cardinality(m.ids) as total
      from m join account a on a.id = any(m.ids)
      where a.org_id = ?
      order by a.name, a.id limit ?`,
  },
  listing: {
    href: '/annonces/show/',
    args: (orgId, t, limit) => [t.words, orgId, limit],
    sql: `with m as materialized (select array(select annonce_search_ids(to_tsquery('atlas_search', ?))) as ids)
      select a.id, a.title, concat_ws(' · ', a.reference, a.city) as subtitle, a.id as link_id,
        cardinality(m.ids) as total
      from m join annonce a on a.id = any(m.ids)
      where a.org_id = ?
      order by a.updated_at desc, a.id limit ?`,
  },
  coopMember: {
    // A member is shown on its group's page.
    href: '/coop/groups/show/',
    args: (orgId, t, limit) => [orgId, t.like, t.like, limit],
    sql: `select m.id, m.display_name as title, g.name as subtitle, m.group_id as link_id,
        count(*) over () as total
      from coop_member m join coop_group g on g.org_id = m.org_id and g.id = m.group_id
      where m.org_id = ? and (atlas_fold(m.display_name) like '%' || atlas_fold(?) || '%' escape '\\'
        or lower(m.email) like '%' || lower(?) || '%' escape '\\')
      order by m.display_name, m.id limit ?`,
  },
};

export interface SearchInput {
  orgId: string;
  permissions: ReadonlySet<string>;
  q: string;
  limit: number;
}

/** The kinds a caller may search, in answer order. */
export function searchableKinds(permissions: ReadonlySet<string>): SearchKind[] {
  return SEARCH_KINDS.filter((kind) => permissions.has(SEARCH_KIND_PERMISSION[kind]));
}

/**
 * One search box over contacts (name, email, phone in any format), dossiers (title, reference, the
 * contact's name), accounts (name, code), listings (title, reference, city) and coop members (name,
 * email): accents and case ignored, grouped by kind, only the kinds the caller may read, at most
 * `limit` items per kind with each kind's total.
 */
export async function globalSearch(em: Em, input: SearchInput): Promise<{ groups: SearchGroup[] }> {
  const kinds = searchableKinds(input.permissions);
  const q = input.q.trim();
  if (q.length > SEARCH_MAX_LENGTH)
    throw invalid(
      SearchErrorCode.SEARCH_QUERY_TOO_LONG,
      'MAX_LENGTH',
      `q must be at most ${SEARCH_MAX_LENGTH} characters`,
      {
        limit: SEARCH_MAX_LENGTH,
      },
    );
  const words = prefixTsQuery(q);
  if (!words)
    throw invalid(
      SearchErrorCode.SEARCH_TERMS_REQUIRED,
      'NO_LETTER_OR_DIGIT',
      'q needs at least one letter or digit',
    );
  const terms: Terms = { words, contact: contactTsQuery(q) ?? words, like: likeEscape(q) };
  const limit = Math.max(1, Math.min(SEARCH_MAX_PER_KIND, Math.trunc(input.limit)));
  if (!kinds.length) return { groups: [] };
  // One statement for every kind (one round trip): each kind's page, in its own order, tagged `k`.
  const sql = kinds
    .map(
      (kind, k) =>
        `(select ${k} as k, row_number() over () as n, x.id, x.title::text as title,
          x.subtitle::text as subtitle, x.link_id, x.total::bigint as total from (${QUERIES[kind].sql}) x)`,
    )
    .join(' union all ');
  const rows = await em.execute<Array<Row & { k: number }>>(
    `select * from (${sql}) r order by r.k, r.n`,
    kinds.flatMap((kind) => QUERIES[kind].args(input.orgId, terms, limit)),
  );
  const groups = kinds.map((kind, k): SearchGroup => {
    const mine = rows.filter((r) => Number(r.k) === k);
    return {
      kind,
      total: mine.length ? Number(mine[0]!.total) : 0,
      items: mine.map((r) => ({
        id: r.id,
        kind,
        title: r.title,
        subtitle: r.subtitle || null,
        href: QUERIES[kind].href + r.link_id,
      })),
    };
  });
  return { groups };
}

/** A refusal of `q`: the problem's code, and the field reason the UI already phrases. */
function invalid(
  code: SearchErrorCode,
  fieldCode: 'MAX_LENGTH' | 'NO_LETTER_OR_DIGIT',
  message: string,
  params: Record<string, unknown> = {},
) {
  return new DomainError('crm', 'invalid', code, message, params, [
    { field: 'q', message, code: fieldCode, params },
  ]);
}
