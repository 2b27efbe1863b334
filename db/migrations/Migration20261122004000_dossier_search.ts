import { Migration } from '@mikro-orm/migrations';

// Frozen copies of what the entities indexed when this migration was written.
const DOSSIER_DOCUMENT = `regexp_replace(coalesce(title, '') || ' ' || coalesce(reference, ''), '[^[:alnum:]]+', ' ', 'g')`;

/** Full-text search over references like D-2026-1A2B: punctuation becomes spaces before indexing. */
export class Migration20261122004000_dossier_search extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index if exists "dossier_search_index";`);
    this.addSql(
      `create index "dossier_search_index" on "dossier" using gin (to_tsvector('simple', ${DOSSIER_DOCUMENT}));`,
    );
  }
}
