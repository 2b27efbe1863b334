/**
 * Bulk loader of property listings (annonces), generated server-side with generate_series through the
 * owner connection: the demo seed (a few thousand per demo organisation) and the matching benchmark
 * (100,000 in one organisation). Listings are spread over the zones of the tenant's ZONE dictionary
 * (each zone's metadata gives its city, postal code and map position), with prices per m² of the city.
 */
import type pg from 'pg';

export interface BulkAnnonceOptions {
  orgId: string;
  count: number;
  /** Keeps references unique when loading the same organisation twice. */
  batch?: string;
  /** Share of AVAILABLE listings (the rest under offer, sold/rented or withdrawn). Default 0.8. */
  availableShare?: number;
  /** Run inside the caller's transaction (no begin/commit, no vacuum). */
  inTransaction?: boolean;
}

/** Sale price per m² and monthly rent per m², euros, by city key; other cities get the last line. */
const CITY_PRICES: Array<[string, number, number]> = [
  ['paris', 10_500, 30],
  ['lyon', 5_200, 15],
  ['marseille', 3_800, 13],
  ['bordeaux', 4_800, 14],
  ['lille', 3_600, 14],
  ['nantes', 4_100, 13],
  ['', 3_500, 12],
];
const TYPES = [
  'APARTMENT',
  'APARTMENT',
  'APARTMENT',
  'APARTMENT',
  'STUDIO',
  'HOUSE',
  'HOUSE',
  'LOFT',
  'DUPLEX',
];
const TYPE_LABEL: Record<string, string> = {
  APARTMENT: 'Appartement',
  STUDIO: 'Studio',
  HOUSE: 'Maison',
  LOFT: 'Loft',
  DUPLEX: 'Duplex',
};
const FEATURES = [
  'ELEVATOR',
  'PARKING',
  'BALCONY',
  'TERRACE',
  'GARDEN',
  'FURNISHED',
  'CELLAR',
  'AIR_CONDITIONING',
];
const lit = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

export async function bulkLoadAnnonces(db: pg.ClientBase, o: BulkAnnonceOptions) {
  const started = performance.now();
  const batch = o.batch ?? Date.now().toString(36);
  const available = o.availableShare ?? 0.8;
  if (!o.inTransaction) await db.query('begin');
  try {
    const def = await db.query<{ id: string; version: number }>(
      `select id, version from workflow_definition where org_id = $1 and case_type = 'ANNONCE' and status = 'PUBLISHED'
        order by version desc limit 1`,
      [o.orgId],
    );
    const d = def.rows[0];
    if (!d) throw new Error('bulk annonces: no published ANNONCE definition');
    await db.query(
      `create temp table bulk_zone on commit drop as
         select row_number() over (order by code) as n, code, metadata_json->>'city' as city,
                metadata_json->>'postalCode' as postal_code,
                (metadata_json->>'lat')::float8 as lat, (metadata_json->>'lng')::float8 as lng
           from (select distinct on (code) code, metadata_json from ref_dictionary
                  where dict_type = 'ZONE' and (org_id is null or org_id = $1) and is_active
                    and metadata_json ? 'city' and metadata_json ? 'lat'
                  order by code, org_id nulls last) z`,
      [o.orgId],
    );
    const zones = Number(
      (await db.query<{ n: string }>('select count(*)::text as n from bulk_zone')).rows[0]!.n,
    );
    if (!zones) throw new Error('bulk annonces: no ZONE with a city and a position');
    const prices = `(values ${CITY_PRICES.map(([k, s, r]) => `('${k}', ${s}, ${r})`).join(', ')}) as p(city_key, sale, rent)`;
    // r1…r4: independent pseudo-random numbers in [0, 1) per row, deterministic in g.
    await db.query(
      `create temp table bulk_a on commit drop as
       select g, gen_random_uuid() as id, z.*, t.*,
              case when t.r1 < 0.65 then 'SALE' else 'RENT' end as transaction,
              (${lit(TYPES)})[1 + floor(t.r2 * ${TYPES.length})::int] as property_type
         from generate_series(1, ${o.count}) g
         cross join lateral (select (abs(hashtext(g || 'a')) % 100000) / 100000.0 as r1,
                                    (abs(hashtext(g || 'b')) % 100000) / 100000.0 as r2,
                                    (abs(hashtext(g || 'c')) % 100000) / 100000.0 as r3,
                                    (abs(hashtext(g || 'd')) % 100000) / 100000.0 as r4) t
         join bulk_zone z on z.n = 1 + abs(hashtext(g || 'z')) % ${zones}`,
    );
    await db.query(
      `insert into annonce (id, org_id, version, created_at, updated_at, reference, title, description, transaction,
         property_type, price_cents, charges_cents, surface, rooms, bedrooms, floor, city, city_key, postal_code,
         zone_code, lat, lng, features, energy_class, status_code, status_changed_at, definition_id,
         definition_version, meta_json)
       select a.id, $1, 1, a.at, a.at, 'A' || $2 || '-' || a.g,
              '', null, a.transaction,
              a.property_type, 0, null, a.surface, a.rooms, a.bedrooms, a.floor, a.city,
              lower(a.city), a.postal_code, a.code, a.lat + (a.r3 - 0.5) * 0.02, a.lng + (a.r4 - 0.5) * 0.03,
              a.features, (array['A','B','C','D','E','F','G'])[1 + floor(a.r4 * 7)::int],
              a.status, a.at + interval '3 days', $3, $4, '{"bulk": true}'::jsonb
         from (select b.*, now() - (b.g % 400) * interval '1 day' - (b.g % 1440) * interval '1 minute' as at,
                      rooms.rooms, greatest(0, rooms.rooms - 1 - (b.g % 2)::int) as bedrooms,
                      round((rooms.rooms * 21 + b.r3 * 25)::numeric, 2) as surface,
                      (b.g % 7)::int - 1 as floor,
                      array(select f from unnest(${lit(FEATURES)}) with ordinality u(f, k)
                             where (abs(hashtext(b.g || f)) % 100) < case f when 'ELEVATOR' then 55 when 'FURNISHED'
                               then case when b.transaction = 'RENT' then 50 else 5 end else 28 end) as features,
                      case when b.r2 * 7 % 1 < ${available} then 'AVAILABLE'
                           when b.r2 * 7 % 1 < ${available} + (1 - ${available}) * 0.4 then 'UNDER_OFFER'
                           when b.r2 * 7 % 1 < ${available} + (1 - ${available}) * 0.75
                             then case when b.transaction = 'SALE' then 'SOLD' else 'RENTED' end
                           else 'WITHDRAWN' end as status
                 from bulk_a b
                 cross join lateral (select case b.property_type when 'STUDIO' then 1
                   when 'HOUSE' then 3 + floor(b.r3 * 4)::int else 1 + floor(b.r3 * 5)::int end as rooms) rooms) a`,
      [o.orgId, batch, d.id, d.version],
    );
    // Titles and prices from the generated rows (price per m² of the city, ±15 %).
    await db.query(
      `update annonce x set
         title = case x.property_type ${Object.entries(TYPE_LABEL)
           .map(([k, v]) => `when '${k}' then '${v}'`)
           .join(' ')} end || ' ' || x.rooms || ' pièces, ' || round(x.surface) || ' m² — ' || x.city,
         price_cents = (case when x.transaction = 'SALE'
             then round(x.surface * p.sale * (0.85 + (abs(hashtext(x.reference)) % 30) / 100.0) / 1000) * 1000
             else round(x.surface * p.rent * (0.85 + (abs(hashtext(x.reference)) % 30) / 100.0) / 10) * 10 end)::bigint * 100,
         charges_cents = case when x.transaction = 'RENT' then (round(x.surface * 2.5))::bigint * 100 end
       from ${prices}
       where x.org_id = $1 and x.reference like 'A' || $2 || '-%'
         and p.city_key = case when x.city_key = any(${lit(CITY_PRICES.map(([k]) => k))}) then x.city_key else '' end`,
      [o.orgId, batch],
    );
    await db.query(
      `insert into annonce_status_history (id, org_id, annonce_id, from_status, to_status, actor_id, at, definition_version)
       select gen_random_uuid(), $1, x.id, s.f, s.t, null, x.created_at + s.k * interval '1 day', $3
         from annonce x
         join (values ('AVAILABLE', 0, null, 'AVAILABLE'), ('UNDER_OFFER', 0, null, 'AVAILABLE'),
                      ('UNDER_OFFER', 1, 'AVAILABLE', 'UNDER_OFFER'), ('SOLD', 0, null, 'AVAILABLE'),
                      ('SOLD', 1, 'AVAILABLE', 'UNDER_OFFER'), ('SOLD', 2, 'UNDER_OFFER', 'SOLD'),
                      ('RENTED', 0, null, 'AVAILABLE'), ('RENTED', 1, 'AVAILABLE', 'RENTED'),
                      ('WITHDRAWN', 0, null, 'AVAILABLE'), ('WITHDRAWN', 1, 'AVAILABLE', 'WITHDRAWN'))
              as s(status, k, f, t) on s.status = x.status_code
        where x.org_id = $1 and x.reference like 'A' || $2 || '-%'`,
      [o.orgId, batch, d.version],
    );
    if (!o.inTransaction) await db.query('commit');
  } catch (err) {
    if (!o.inTransaction) await db.query('rollback');
    throw err;
  }
  if (!o.inTransaction) await db.query('vacuum analyze annonce');
  return { annonces: o.count, ms: Math.round(performance.now() - started) };
}
