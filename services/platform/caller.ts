import type { TenantContext } from '../../db/orm.js';

/**
 * Who asks, as the domain services need it: the signed-in user's id, roles and permissions, the tenant
 * and the language they read. A service takes this, not an HTTP request; the API's request has this
 * shape already (its `principal`, `tenant()` and headers), an activity or a test builds a plain object.
 */
export interface Caller {
  principal?: { userId: string; roles: string[]; permissions: ReadonlySet<string> } | undefined;
  tenant(): TenantContext;
  headers?: { 'accept-language'?: string | string[] | undefined };
}
