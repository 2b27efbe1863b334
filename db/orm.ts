import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { ormConfig } from './config.js';
import { TENANT_FILTER } from './entities/base.js';

export type Orm = MikroORM;
export type Em = EntityManager;

export async function createOrm(clientUrl: string, poolMax = 20): Promise<Orm> {
  return MikroORM.init(ormConfig(clientUrl, { pool: { min: 0, max: poolMax } }));
}

export interface TenantContext {
  orgId: string;
  userId?: string | undefined;
  correlationId?: string | undefined;
}

/**
 * Runs `fn` in one database transaction scoped to an organisation: the ORM tenant filter gets the
 * org id, and `app.org_id` is set for the transaction so PostgreSQL row-level security applies too.
 */
export async function withTenant<T>(
  orm: Orm | Em,
  ctx: TenantContext,
  fn: (em: Em) => Promise<T>,
): Promise<T> {
  const em = ('em' in orm ? orm.em : orm).fork({ clear: true, useContext: false });
  em.setFilterParams(TENANT_FILTER, { orgId: ctx.orgId });
  return em.transactional(async (tem) => {
    await tem.execute(
      `select set_config('app.org_id', ?, true), set_config('app.user_id', ?, true), set_config('app.correlation_id', ?, true)`,
      [ctx.orgId, ctx.userId ?? '', ctx.correlationId ?? ''],
    );
    return fn(tem);
  });
}

/**
 * System work that is not scoped to one organisation (login lookup, seed). The tenant filter is off;
 * under the app role RLS still hides every tenant row unless `app.org_id` is set.
 */
export function systemEm(orm: Orm): Em {
  const em = orm.em.fork({ clear: true, useContext: false });
  em.setFilterParams(TENANT_FILTER, { orgId: '00000000-0000-0000-0000-000000000000' });
  return em;
}
