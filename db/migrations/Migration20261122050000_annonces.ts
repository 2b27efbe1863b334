import { Migration } from '@mikro-orm/migrations';
import { enableTenantRls } from './tenant-rls.js';

// Frozen copy of what the entity indexed when this migration was written.
const ANNONCE_DOCUMENT = `regexp_replace(coalesce(title, '') || ' ' || coalesce(reference, '') || ' ' || coalesce(city, ''), '[^[:alnum:]]+', ' ', 'g')`;

/**
 * Property listings (annonces), their status history, dossier shortlists, visits linked to a listing,
 * and the index-backed matching prefilter.
 *
 * Money is integer cents (bigint); surfaces numeric m²; lat/lng double precision (no PostGIS: distances
 * are haversine after a bounding box on btree-indexed lat). Matching and search run in SECURITY DEFINER
 * functions strictly inside app_current_org(): under RLS the planner may not use an index for
 * non-LEAKPROOF operators (`= any(text[])`, `@>`, `@@`, numeric), so it would scan the organisation.
 */
export class Migration20261122050000_annonces extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "annonce" (
      "id" uuid not null, "org_id" uuid not null, "version" int not null default 1,
      "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null,
      "reference" varchar(32) not null, "title" varchar(300) not null, "description" text null,
      "transaction" varchar(8) not null, "property_type" varchar(64) null,
      "price_cents" bigint not null, "charges_cents" bigint null,
      "surface" numeric(9,2) null, "rooms" int null, "bedrooms" int null, "floor" int null,
      "address" varchar(300) null, "city" varchar(120) not null, "city_key" varchar(120) not null,
      "postal_code" varchar(10) null, "zone_code" varchar(64) null,
      "lat" double precision null, "lng" double precision null,
      "features" text[] not null default '{}', "energy_class" varchar(1) null,
      "status_code" varchar(64) not null, "status_changed_at" timestamptz not null,
      "definition_id" uuid not null, "definition_version" int not null,
      "assigned_agent_id" uuid null, "meta_json" jsonb not null default '{}',
      constraint "annonce_pkey" primary key ("id"),
      constraint "annonce_org_id_reference_unique" unique ("org_id", "reference"),
      constraint "annonce_transaction_check" check ("transaction" in ('SALE', 'RENT')),
      constraint "annonce_price_check" check ("price_cents" >= 0 and coalesce("charges_cents", 0) >= 0),
      constraint "annonce_counts_check" check (coalesce("rooms", 0) >= 0 and coalesce("bedrooms", 0) >= 0 and coalesce("surface", 0) >= 0),
      constraint "annonce_geo_check" check (("lat" is null) = ("lng" is null) and coalesce("lat", 0) between -90 and 90 and coalesce("lng", 0) between -180 and 180),
      constraint "annonce_energy_check" check ("energy_class" in ('A','B','C','D','E','F','G')));`);
    this.addSql(`create index "annonce_org_id_index" on "annonce" ("org_id");`);
    this.addSql(`create index "annonce_org_id_created_at_index" on "annonce" ("org_id", "created_at");`);
    this.addSql(`create index "annonce_org_id_status_code_index" on "annonce" ("org_id", "status_code");`);
    // Matching prefilter: one index per way of narrowing (city, zone, map box, budget alone).
    this.addSql(
      `create index "annonce_match_city_index" on "annonce" ("org_id", "status_code", "transaction", "city_key", "price_cents");`,
    );
    this.addSql(
      `create index "annonce_match_zone_index" on "annonce" ("org_id", "status_code", "transaction", "zone_code", "price_cents");`,
    );
    this.addSql(
      `create index "annonce_match_geo_index" on "annonce" ("org_id", "status_code", "transaction", "lat", "lng");`,
    );
    this.addSql(
      `create index "annonce_match_price_index" on "annonce" ("org_id", "status_code", "transaction", "price_cents");`,
    );
    this.addSql(`create index "annonce_features_index" on "annonce" using gin ("features");`);
    this.addSql(
      `create index "annonce_search_index" on "annonce" using gin (to_tsvector('simple', ${ANNONCE_DOCUMENT}));`,
    );
    this.addSql(
      `alter table "annonce" add constraint "annonce_definition_fk" foreign key ("definition_id") references "workflow_definition" ("id");`,
    );
    enableTenantRls(this, 'annonce');

    this.addSql(`create table "annonce_status_history" (
      "id" uuid not null, "org_id" uuid not null, "annonce_id" uuid not null,
      "from_status" varchar(64) null, "to_status" varchar(64) not null, "actor_id" uuid null,
      "at" timestamptz not null, "comment" text null, "definition_version" int not null,
      constraint "annonce_status_history_pkey" primary key ("id"));`);
    this.addSql(
      `create index "annonce_status_history_org_id_annonce_id_at_index" on "annonce_status_history" ("org_id", "annonce_id", "at");`,
    );
    this.addSql(
      `alter table "annonce_status_history" add constraint "annonce_status_history_annonce_fk" foreign key ("annonce_id") references "annonce" ("id") on delete cascade;`,
    );
    enableTenantRls(this, 'annonce_status_history');

    this.addSql(`create table "shortlist_entry" (
      "id" uuid not null, "org_id" uuid not null, "version" int not null default 1,
      "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null,
      "dossier_id" uuid not null, "annonce_id" uuid not null, "status" varchar(16) not null,
      "status_changed_at" timestamptz not null, "status_changed_by" uuid null,
      "score" int null, "explanation" jsonb not null default '[]', "comment" text null,
      constraint "shortlist_entry_pkey" primary key ("id"),
      constraint "shortlist_entry_dossier_id_annonce_id_unique" unique ("dossier_id", "annonce_id"),
      constraint "shortlist_entry_status_check" check ("status" in ('SHORTLISTED','PROPOSED','VISITED','SELECTED','REJECTED')));`);
    this.addSql(
      `create index "shortlist_entry_org_id_dossier_id_index" on "shortlist_entry" ("org_id", "dossier_id");`,
    );
    this.addSql(
      `create index "shortlist_entry_org_id_annonce_id_index" on "shortlist_entry" ("org_id", "annonce_id");`,
    );
    this.addSql(
      `alter table "shortlist_entry" add constraint "shortlist_entry_dossier_fk" foreign key ("dossier_id") references "dossier" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "shortlist_entry" add constraint "shortlist_entry_annonce_fk" foreign key ("annonce_id") references "annonce" ("id") on delete cascade;`,
    );
    enableTenantRls(this, 'shortlist_entry');

    this.addSql(`create table "shortlist_event" (
      "id" uuid not null, "org_id" uuid not null, "entry_id" uuid not null, "dossier_id" uuid not null,
      "from_status" varchar(16) null, "to_status" varchar(16) not null, "actor_id" uuid null,
      "at" timestamptz not null, "comment" text null,
      constraint "shortlist_event_pkey" primary key ("id"));`);
    this.addSql(
      `create index "shortlist_event_org_id_dossier_id_index" on "shortlist_event" ("org_id", "dossier_id", "at");`,
    );
    this.addSql(
      `alter table "shortlist_event" add constraint "shortlist_event_entry_fk" foreign key ("entry_id") references "shortlist_entry" ("id") on delete cascade;`,
    );
    enableTenantRls(this, 'shortlist_event');

    this.addSql(`alter table "appointment" add column "annonce_id" uuid null;`);
    this.addSql(
      `alter table "appointment" add constraint "appointment_annonce_fk" foreign key ("annonce_id") references "annonce" ("id");`,
    );
    this.addSql(
      `create index "appointment_org_id_annonce_id_index" on "appointment" ("org_id", "annonce_id");`,
    );
    this.addSql(
      `alter table "dossier" add constraint "dossier_annonce_fk" foreign key ("annonce_id") references "annonce" ("id");`,
    );

    this.addSql(`create or replace function annonce_search_ids(q tsquery) returns setof uuid
      language sql stable security definer set search_path = public rows 200 as $$
      select id from annonce where org_id = app_current_org() and to_tsvector('simple', ${ANNONCE_DOCUMENT}) @@ q $$;`);
    this.addSql(`create or replace function annonce_feature_ids(p_features text[]) returns setof uuid
      language sql stable security definer set search_path = public rows 200 as $$
      select id from annonce where org_id = app_current_org() and features @> p_features $$;`);

    /*
     * Matching prefilter: AVAILABLE listings of the caller's organisation with the wanted transaction
     * and at most the budget ceiling (the hard criteria), narrowed — when p_local — to the wanted
     * cities, zones or map box, each through its own index (BitmapOr). Ranked by a coarse score
     * (the sum of the weights of the soft criteria met outright), the first p_limit ids come back;
     * the API re-scores them exactly (definitions/matching.ts). Dynamic SQL: each call is planned
     * with its own values, so absent criteria cost nothing.
     */
    this.addSql(`create or replace function annonce_match_candidates(
        p_transaction text, p_price_max bigint, p_price_min bigint,
        p_city_keys text[], p_zones text[], p_types text[],
        p_rooms int, p_bedrooms int, p_surface numeric,
        p_required text[], p_nice text[],
        p_lat double precision, p_lng double precision, p_radius_km double precision,
        p_weights double precision[], p_local boolean, p_limit int, p_budget_max bigint)
      returns table (annonce_id uuid, coarse double precision)
      language plpgsql stable security definer set search_path = public as $$
      declare
        arms text[] := '{}';
        dlat double precision; dlng double precision;
        q text;
      begin
        if app_current_org() is null then return; end if;
        if p_radius_km is not null then
          dlat := p_radius_km * 2 / 111.2;
          dlng := p_radius_km * 2 / (111.2 * greatest(cos(radians(p_lat)), 0.01));
        end if;
        if p_local then
          if coalesce(cardinality(p_city_keys), 0) > 0 then arms := array_append(arms, 'a.city_key = any($4)'); end if;
          if coalesce(cardinality(p_zones), 0) > 0 then arms := array_append(arms, 'a.zone_code = any($5)'); end if;
          if p_radius_km is not null then
            arms := array_append(arms, format('(a.lat between %L and %L and a.lng between %L and %L)',
              p_lat - dlat, p_lat + dlat, p_lng - dlng, p_lng + dlng));
          end if;
          if cardinality(arms) = 0 then return; end if;
        end if;
        q := 'select a.id, ('
          || 'coalesce($15[1], 0) * (case when ($3 is null or a.price_cents >= $3) and ($18 is null or a.price_cents <= $18) then 1 else 0.5 end)'
          || ' + coalesce($15[2], 0) * (case when a.city_key = any($4) or a.zone_code = any($5) then 1 else 0 end)'
          || ' + coalesce($15[3], 0) * (case when $14 is not null and a.lat is not null and 2 * 6371 * asin(least(1, sqrt('
          || '     sin(radians(a.lat - $12) / 2) ^ 2 + cos(radians($12)) * cos(radians(a.lat)) * sin(radians(a.lng - $13) / 2) ^ 2)))'
          || '     <= $14 then 1 else 0 end)'
          || ' + coalesce($15[4], 0) * (case when a.property_type = any($6) then 1 else 0 end)'
          || ' + coalesce($15[5], 0) * (case when a.rooms >= $7 then 1 when a.rooms = $7 - 1 then 0.5 else 0 end)'
          || ' + coalesce($15[6], 0) * (case when a.bedrooms >= $8 then 1 when a.bedrooms = $8 - 1 then 0.5 else 0 end)'
          || ' + coalesce($15[7], 0) * (case when a.surface >= $9 then 1 when a.surface >= $9 * 0.8 then 0.5 else 0 end)'
          || ' + coalesce($15[8], 0) * (case when a.features @> $10 then 1 when a.features && $10 then 0.5 else 0 end)'
          || ' + coalesce($15[9], 0) * (case when a.features @> $11 then 1 when a.features && $11 then 0.5 else 0 end)'
          || ')::double precision as coarse'
          || ' from annonce a where a.org_id = app_current_org() and a.status_code = ''AVAILABLE'''
          || case when p_transaction is not null then ' and a.transaction = $1' else '' end
          || case when p_price_max is not null then ' and a.price_cents <= $2' else '' end
          || case when cardinality(arms) > 0 then ' and (' || array_to_string(arms, ' or ') || ')' else '' end
          || ' order by coarse desc, a.created_at desc, a.id limit $17';
        return query execute q using p_transaction, p_price_max, p_price_min, p_city_keys, p_zones, p_types,
          p_rooms, p_bedrooms, p_surface, p_required, p_nice, p_lat, p_lng, p_radius_km, p_weights, p_local, p_limit,
          p_budget_max;
      end $$;`);

    // Roles that existed before listings: readers may view them, whoever works dossiers may edit them.
    this.addSql(`update role set permissions = array_append(permissions, 'CRM_ANNONCES_VIEW')
      where 'CRM_DEALS_VIEW' = any(permissions) and not 'CRM_ANNONCES_VIEW' = any(permissions);`);
    this.addSql(`update role set permissions = array_append(permissions, 'CRM_ANNONCES_EDIT')
      where 'CRM_DEALS_EDIT' = any(permissions) and not 'CRM_ANNONCES_EDIT' = any(permissions);`);
  }
}
