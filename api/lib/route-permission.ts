import type { Permission } from '../../definitions/permissions.js';

/** What a route's `config.permission` may hold: one permission, or a list meaning "any of these". */
export type RoutePermission = Permission | readonly Permission[];

/** The permissions a route accepts, as a list (empty when it declares none). */
export function acceptedPermissions(required: RoutePermission | undefined): readonly Permission[] {
  if (required === undefined) return [];
  return typeof required === 'string' ? [required] : required;
}

/** True when the caller holds at least one of the permissions the route accepts. */
export function grantsAnyOf(held: ReadonlySet<string>, required: RoutePermission): boolean {
  return acceptedPermissions(required).some((permission) => held.has(permission));
}

/** "the X permission" or "one of the X, Y permissions", for a 403's detail. */
export function describeRequirement(required: RoutePermission): string {
  const accepted = acceptedPermissions(required);
  return accepted.length === 1
    ? `the ${accepted[0]} permission`
    : `one of the ${accepted.join(', ')} permissions`;
}
