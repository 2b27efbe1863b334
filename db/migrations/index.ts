// Migrations are listed explicitly (instead of a folder glob) so they load the same way under tsx,
// vitest and a compiled build. `npm run migration:create` writes the file; add it here.
import { Migration20261121225835_init } from './Migration20261121225835_init.js';
import { Migration20261121225900_security } from './Migration20261121225900_security.js';

export const migrationsList = [
  { name: 'Migration20261121225835_init', class: Migration20261121225835_init },
  { name: 'Migration20261121225900_security', class: Migration20261121225900_security },
];
