import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { entities, tenantEntities } from './entities/index.js';
import { TENANT_FILTER } from './entities/base.js';
import { migrationsList } from './migrations/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export function ormConfig(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    // Entities are defined with defineEntity: no reflection, no decorators.
    discovery: { warnWhenNoEntities: true },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    pool: { min: 0, max: 20 },
    migrations: {
      path: path.join(here, 'migrations'),
      pathTs: path.join(here, 'migrations'),
      glob: '!(*.d|index).{js,ts}',
      migrationsList,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: true,
      snapshotName: '.snapshot-atlas',
      emit: 'ts',
      fileName: (timestamp, name) => `Migration${timestamp}${name ? '_' + name : ''}`,
    },
    filters: {
      // Every tenant entity is filtered by the request's organisation. Forgetting to set the
      // parameter is an error rather than a leak; RLS is the second line behind this one.
      [TENANT_FILTER]: {
        cond: (args: { orgId: string }) => ({ orgId: args.orgId }),
        default: true,
        entity: tenantEntities.map((e) => e.meta.className),
      },
    },
    ...overrides,
  });
}
