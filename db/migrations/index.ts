// Migrations are listed explicitly (instead of a folder glob) so they load the same way under tsx,
// vitest and a compiled build. `npm run migration:create` writes the file; add it here. Review what it
// generates: the diff does not know the hand-written constraints (RLS, FKs, checks) and proposes dropping them.
import { Migration20261121225835_init } from './Migration20261121225835_init.js';
import { Migration20261121225900_security } from './Migration20261121225900_security.js';
import { Migration20261121231953_engine } from './Migration20261121231953_engine.js';
import { Migration20261122000100_contacts } from './Migration20261122000100_contacts.js';
import { Migration20261122000200_activities } from './Migration20261122000200_activities.js';
import { Migration20261122003000_scoring } from './Migration20261122003000_scoring.js';
import { Migration20261122004000_dossier_search } from './Migration20261122004000_dossier_search.js';
import { Migration20261122005000_merge_moves } from './Migration20261122005000_merge_moves.js';
import { Migration20261122010000_read_paths } from './Migration20261122010000_read_paths.js';
import { Migration20261122020000_consent } from './Migration20261122020000_consent.js';
import { Migration20261122021000_outbox } from './Migration20261122021000_outbox.js';
import { Migration20261122022000_appointments } from './Migration20261122022000_appointments.js';
import { Migration20261122023000_privacy } from './Migration20261122023000_privacy.js';
import { Migration20261122024000_notification_rules } from './Migration20261122024000_notification_rules.js';
import { Migration20261122030000_dossier_consent } from './Migration20261122030000_dossier_consent.js';
import { Migration20261122025000_dossier_parties } from './Migration20261122025000_dossier_parties.js';
import { Migration20261122050000_annonces } from './Migration20261122050000_annonces.js';
import { Migration20261122060000_coop } from './Migration20261122060000_coop.js';
import { Migration20261203100000_tenant_references } from './Migration20261203100000_tenant_references.js';
import { Migration20261203110000_org_channels } from './Migration20261203110000_org_channels.js';
import { Migration20261203120000_password_lifecycle } from './Migration20261203120000_password_lifecycle.js';
import { Migration20261203130000_unaccent_search } from './Migration20261203130000_unaccent_search.js';
import { Migration20261206212020_h20b_ops_workflows_permission } from './Migration20261206212020_h20b_ops_workflows_permission.js';
import { Migration20261206213000_h20a_audit_sealing } from './Migration20261206213000_h20a_audit_sealing.js';
import { Migration20261206213100_h20a_rollups_unlocked } from './Migration20261206213100_h20a_rollups_unlocked.js';
import { Migration20261206220000_csv_imports } from './Migration20261206220000_csv_imports.js';

export const migrationsList = [
  { name: 'Migration20261121225835_init', class: Migration20261121225835_init },
  { name: 'Migration20261121225900_security', class: Migration20261121225900_security },
  { name: 'Migration20261121231953_engine', class: Migration20261121231953_engine },
  { name: 'Migration20261122000100_contacts', class: Migration20261122000100_contacts },
  { name: 'Migration20261122000200_activities', class: Migration20261122000200_activities },
  { name: 'Migration20261122003000_scoring', class: Migration20261122003000_scoring },
  { name: 'Migration20261122004000_dossier_search', class: Migration20261122004000_dossier_search },
  { name: 'Migration20261122005000_merge_moves', class: Migration20261122005000_merge_moves },
  { name: 'Migration20261122010000_read_paths', class: Migration20261122010000_read_paths },
  { name: 'Migration20261122020000_consent', class: Migration20261122020000_consent },
  { name: 'Migration20261122021000_outbox', class: Migration20261122021000_outbox },
  { name: 'Migration20261122022000_appointments', class: Migration20261122022000_appointments },
  { name: 'Migration20261122023000_privacy', class: Migration20261122023000_privacy },
  {
    name: 'Migration20261122024000_notification_rules',
    class: Migration20261122024000_notification_rules,
  },
  { name: 'Migration20261122025000_dossier_parties', class: Migration20261122025000_dossier_parties },
  { name: 'Migration20261122030000_dossier_consent', class: Migration20261122030000_dossier_consent },
  { name: 'Migration20261122050000_annonces', class: Migration20261122050000_annonces },
  { name: 'Migration20261122060000_coop', class: Migration20261122060000_coop },
  {
    name: 'Migration20261203100000_tenant_references',
    class: Migration20261203100000_tenant_references,
  },
  { name: 'Migration20261203110000_org_channels', class: Migration20261203110000_org_channels },
  {
    name: 'Migration20261203120000_password_lifecycle',
    class: Migration20261203120000_password_lifecycle,
  },
  { name: 'Migration20261203130000_unaccent_search', class: Migration20261203130000_unaccent_search },
  {
    name: 'Migration20261206212020_h20b_ops_workflows_permission',
    class: Migration20261206212020_h20b_ops_workflows_permission,
  },
  { name: 'Migration20261206213000_h20a_audit_sealing', class: Migration20261206213000_h20a_audit_sealing },
  {
    name: 'Migration20261206213100_h20a_rollups_unlocked',
    class: Migration20261206213100_h20a_rollups_unlocked,
  },
  { name: 'Migration20261206220000_csv_imports', class: Migration20261206220000_csv_imports },
];
