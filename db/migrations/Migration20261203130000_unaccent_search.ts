import { Migration } from '@mikro-orm/migrations';

/*
 * Search that ignores accents and case: `elodie` finds Élodie, `lefevre` Lefèvre. A text search
 * configuration `atlas_search` (the `simple` parser and dictionary, behind `unaccent`) replaces
 * `simple` in the four search indexes and in the RLS-safe matchers; the API builds its queries with
 * the same configuration, so "é" in the query and in the row both become "e". unaccent ships with
 * PostgreSQL's contrib (Debian's packages and the embedded build) and is a trusted extension.
 * Frozen SQL: the documents below are copies of what the entities index at the time of writing.
 */
const DOCUMENTS: Array<{ table: string; matcher: string; document: string }> = [
  {
    table: 'contact',
    matcher: 'contact_search_ids',
    document: `coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || regexp_replace(coalesce(email, ''), '[^[:alnum:]]+', ' ', 'g') || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9]+', '', 'g')`,
  },
  {
    table: 'account',
    matcher: 'account_search_ids',
    document: `coalesce(name, '') || ' ' || coalesce(code, '') || ' ' || regexp_replace(coalesce(code, ''), '[^[:alnum:]]+', ' ', 'g')`,
  },
  {
    table: 'dossier',
    matcher: 'dossier_search_ids',
    document: `regexp_replace(coalesce(title, '') || ' ' || coalesce(reference, ''), '[^[:alnum:]]+', ' ', 'g')`,
  },
  {
    table: 'annonce',
    matcher: 'annonce_search_ids',
    document: `regexp_replace(coalesce(title, '') || ' ' || coalesce(reference, '') || ' ' || coalesce(city, ''), '[^[:alnum:]]+', ' ', 'g')`,
  },
];

export class Migration20261203130000_unaccent_search extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists unaccent;`);
    this.addSql(`create text search configuration atlas_search (copy = simple);`);
    this.addSql(
      `alter text search configuration atlas_search alter mapping for asciiword, asciihword, hword_asciipart, word, hword, hword_part with unaccent, simple;`,
    );
    for (const { table, matcher, document } of DOCUMENTS) {
      this.addSql(`drop index if exists "${table}_search_index";`);
      this.addSql(
        `create index "${table}_search_index" on "${table}" using gin (to_tsvector('atlas_search', ${document}));`,
      );
      this.addSql(`create or replace function ${matcher}(q tsquery) returns setof uuid
        language sql stable security definer set search_path = public rows 200 as $$
        select id from ${table} where org_id = app_current_org() and to_tsvector('atlas_search', ${document}) @@ q $$;`);
    }
    this.addSql(
      `create index if not exists "dossier_org_id_contact_id_index" on "dossier" ("org_id", "contact_id");`,
    );
    // Coop members are few per group: their names are matched without an index, accents ignored.
    this.addSql(`create or replace function atlas_fold(t text) returns text
      language sql immutable strict parallel safe set search_path = public as $$
      select lower(unaccent('unaccent'::regdictionary, t)) $$;`);
  }
}
