/** Every permission the product checks. Roles are editable sets of these, per organisation (F-1.3). */
export const PERMISSIONS = [
  'CRM_CONTACTS_VIEW',
  'CRM_CONTACTS_CREATE',
  'CRM_CONTACTS_EDIT',
  'CRM_CONTACTS_ARCHIVE',
  'CRM_CONTACTS_DELETE',
  'CRM_ACCOUNTS_DELETE',
  'CRM_DEALS_VIEW',
  'CRM_DEALS_CREATE',
  'CRM_DEALS_EDIT',
  'CRM_DEALS_STAGE_CHANGE',
  'CRM_DEALS_DELETE',
  'CRM_ACTIVITIES_VIEW',
  'CRM_ACTIVITIES_CREATE',
  'CRM_APPOINTMENTS_VIEW',
  'CRM_APPOINTMENTS_CREATE',
  'CRM_APPOINTMENTS_EDIT',
  'CRM_MATCHING_RUN',
  'CRM_MATCHING_VIEW',
  'CRM_ANNONCES_VIEW',
  'CRM_ANNONCES_EDIT',
  'WORKFLOW_ADMIN',
  'DICTIONARY_ADMIN',
  'AUDIT_VIEW',
  'AUDIT_EXPORT',
  'EXPORT',
  'USER_ADMIN',
  'COOP_ADMIN',
  'COOP_MEMBER',
  /** Ops: a record's link to its workflow in the Temporal UI (which has no access control of its own). */
  'OPS_WORKFLOWS_VIEW',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

const VIEW: Permission[] = [
  'CRM_CONTACTS_VIEW',
  'CRM_DEALS_VIEW',
  'CRM_ACTIVITIES_VIEW',
  'CRM_APPOINTMENTS_VIEW',
  'CRM_MATCHING_VIEW',
  'CRM_ANNONCES_VIEW',
];

const AGENT_WORK: Permission[] = [
  ...VIEW,
  'CRM_CONTACTS_CREATE',
  'CRM_CONTACTS_EDIT',
  'CRM_CONTACTS_ARCHIVE',
  'CRM_DEALS_CREATE',
  'CRM_DEALS_EDIT',
  'CRM_DEALS_STAGE_CHANGE',
  'CRM_ACTIVITIES_CREATE',
  'CRM_APPOINTMENTS_CREATE',
  'CRM_APPOINTMENTS_EDIT',
  'CRM_MATCHING_RUN',
  'CRM_ANNONCES_EDIT',
];

/**
 * The seed RBAC matrix every new organisation starts from: READONLY reads only; AGENT cannot delete;
 * only ADMIN deletes accounts; exports need EXPORT (held by ADMIN and MANAGER).
 */
export const DEFAULT_ROLES: ReadonlyArray<{ code: string; name: string; permissions: Permission[] }> = [
  { code: 'ADMIN', name: 'Administrator', permissions: [...PERMISSIONS] },
  {
    code: 'MANAGER',
    name: 'Manager',
    permissions: [
      ...AGENT_WORK,
      'CRM_CONTACTS_DELETE',
      'CRM_DEALS_DELETE',
      'WORKFLOW_ADMIN',
      'DICTIONARY_ADMIN',
      'AUDIT_VIEW',
      'AUDIT_EXPORT',
      'EXPORT',
    ],
  },
  { code: 'AGENT', name: 'Agent', permissions: AGENT_WORK },
  { code: 'READONLY', name: 'Read only', permissions: VIEW },
  /** A cooperative member signing in: their own schedule, proofs, ledger and their group's transparency view. */
  { code: 'COOP_MEMBER', name: 'Cooperative member', permissions: ['COOP_MEMBER'] },
];
