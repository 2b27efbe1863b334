import type { Permission } from '../../../definitions/permissions.js';
import { getUser } from '../providers/session';

/** Does the signed-in user hold `permission`? Read from the session at call time (roles are live on the API). */
export function can(permission: Permission): boolean {
  return getUser()?.permissions.includes(permission) ?? false;
}
