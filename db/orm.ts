import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { ormConfig } from './config.js';
import { TENANT_FILTER } from './entities/base.js';

export type Orm = MikroORM;
export type Em = EntityManager;

/** PostgreSQL session settings of every pooled connection (sent in the startup packet; 0 = off). */
export interface SessionSettings {
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
  /** Shown in pg_stat_activity: who holds a connection. */
  applicationName?: string;
}

export async function createOrm(
  clientUrl: string,
  poolMax = 20,
  session: SessionSettings = {},
): Promise<Orm> {
  const connection = {
    ...(session.statementTimeoutMs ? { statement_timeout: session.statementTimeoutMs } : {}),
    ...(session.idleInTransactionTimeoutMs
      ? { idle_in_transaction_session_timeout: session.idleInTransactionTimeoutMs }
      : {}),
    ...(session.applicationName ? { application_name: session.applicationName } : {}),
  };
  return MikroORM.init(
    ormConfig(clientUrl, { pool: { min: 0, max: poolMax }, driverOptions: { connection } }),
  );
}

/** The API's per-connection defaults (exports raise them for their own transaction). */
export function apiSessionSettings(env: {
  DB_STATEMENT_TIMEOUT_MS: number;
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
}): SessionSettings {
  return {
    statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    applicationName: 'atlas-api',
  };
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
