import type { AccessControlProvider } from '@refinedev/core';
import { useCan } from '@refinedev/core';
import { getUser } from './session';

/**
 * Which permission each resource action needs (definitions/permissions.ts). Actions that are not
 * CRUD (e.g. `transition`, `archive`) are listed per resource; an action named after a permission
 * (`can({ action: 'AUDIT_VIEW' })`) checks that permission directly.
 */
const RULES: Record<string, Record<string, string>> = {
  dossiers: {
    list: 'CRM_DEALS_VIEW',
    show: 'CRM_DEALS_VIEW',
    kanban: 'CRM_DEALS_VIEW',
    create: 'CRM_DEALS_CREATE',
    edit: 'CRM_DEALS_EDIT',
    transition: 'CRM_DEALS_STAGE_CHANGE',
    delete: 'CRM_DEALS_DELETE',
  },
  kanban: { list: 'CRM_DEALS_VIEW' },
  contacts: {
    list: 'CRM_CONTACTS_VIEW',
    show: 'CRM_CONTACTS_VIEW',
    create: 'CRM_CONTACTS_CREATE',
    edit: 'CRM_CONTACTS_EDIT',
    archive: 'CRM_CONTACTS_ARCHIVE',
    delete: 'CRM_CONTACTS_DELETE',
  },
  accounts: {
    list: 'CRM_CONTACTS_VIEW',
    show: 'CRM_CONTACTS_VIEW',
    create: 'CRM_CONTACTS_CREATE',
    edit: 'CRM_CONTACTS_EDIT',
    delete: 'CRM_ACCOUNTS_DELETE',
  },
  annonces: {
    list: 'CRM_ANNONCES_VIEW',
    show: 'CRM_ANNONCES_VIEW',
    create: 'CRM_ANNONCES_EDIT',
    edit: 'CRM_ANNONCES_EDIT',
    transition: 'CRM_ANNONCES_EDIT',
    delete: 'CRM_ANNONCES_EDIT',
  },
  matching: { list: 'CRM_MATCHING_VIEW', run: 'CRM_MATCHING_RUN' },
  activities: { list: 'CRM_ACTIVITIES_VIEW', create: 'CRM_ACTIVITIES_CREATE' },
  tasks: { list: 'CRM_ACTIVITIES_VIEW' },
  imports: { list: 'CRM_CONTACTS_CREATE' },
  dashboard: { list: 'CRM_DEALS_VIEW' },
};

/** The permission an action needs, or undefined when this provider has no rule (then it is allowed). */
export function requiredPermission(resource: string | undefined, action: string): string | undefined {
  if (/^[A-Z][A-Z_]+$/.test(action)) return action;
  return resource ? RULES[resource]?.[action] : undefined;
}

export function hasPermission(permission: string): boolean {
  return getUser()?.permissions.includes(permission) ?? false;
}

/**
 * Refine's access control over the signed-in user's permissions. The server stays the judge; this
 * only hides what the user could not do anyway (e.g. a READONLY user sees no edit/create controls).
 * Resources without a rule here (e.g. the studio's) are allowed unless their meta names a permission.
 */
export const accessControlProvider: AccessControlProvider = {
  can: async ({ resource, action, params }) => {
    const fromMeta = (params?.resource?.meta as { permissions?: Record<string, string> } | undefined)
      ?.permissions?.[action];
    const permission = fromMeta ?? requiredPermission(resource, action);
    if (!permission || hasPermission(permission)) return { can: true };
    return { can: false, reason: `Requires ${permission}` };
  },
  options: { buttons: { enableAccessControl: true, hideIfUnauthorized: true } },
};

/** `useCan` shorthand: true once allowed; false while loading or when refused. */
export function useAllowed(resource: string, action: string): boolean {
  const { data } = useCan({ resource, action });
  return data?.can === true;
}
