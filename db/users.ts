import { recordAudit, snapshot } from './audit.js';
import { recordContactAssignment } from './contacts.js';
import { Notification, User, type IUser } from './entities/index.js';
import type { Em, TenantContext } from './orm.js';

/**
 * Tables whose rows are assigned to a user. Deactivating a user moves these rows (F-1.4); each
 * feature that adds an assignable record registers it here.
 */
export const ASSIGNABLE_RECORDS: { table: string; column: string; entityType: string }[] = [
  { table: 'dossier', column: 'assigned_agent_id', entityType: 'Dossier' },
  { table: 'contact', column: 'assigned_agent_id', entityType: 'Contact' },
];

export class UserAdminError extends Error {
  override name = 'UserAdminError';
  constructor(
    readonly code: 'USER_NOT_FOUND' | 'TARGET_INVALID' | 'ALREADY_INACTIVE',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Deactivates a user, moves their assigned records to `reassignTo` (default: the first active
 * manager; `null`: unassigned), audits every move and notifies the organisation's admins.
 */
export async function deactivateUser(
  em: Em,
  ctx: TenantContext,
  userId: string,
  reassignTo: string | null | undefined,
): Promise<{ user: IUser; reassignedTo: string | null; reassigned: Record<string, number> }> {
  const user = await em.findOne(User, { id: userId });
  if (!user) throw new UserAdminError('USER_NOT_FOUND', 'User was not found.');
  if (!user.isActive) throw new UserAdminError('ALREADY_INACTIVE', 'This user is already inactive.');
  let target: string | null = null;
  if (reassignTo) {
    const t = await em.findOne(User, { id: reassignTo, isActive: true });
    if (!t || t.id === userId)
      throw new UserAdminError(
        'TARGET_INVALID',
        'reassignTo must be another active user of the organisation.',
      );
    target = t.id;
  } else if (reassignTo === undefined) {
    const manager = await em.findOne(
      User,
      { roles: { $contains: ['MANAGER'] }, isActive: true, id: { $ne: userId } },
      { orderBy: { createdAt: 'asc' } },
    );
    target = manager?.id ?? null;
  }
  const before = snapshot(user);
  user.isActive = false;
  user.deactivatedAt = new Date();
  await em.flush();
  await recordAudit(em, ctx, {
    entityType: 'User',
    entityId: user.id,
    action: 'DEACTIVATE',
    before,
    after: user,
  });

  const reassigned: Record<string, number> = {};
  for (const { table, column, entityType } of ASSIGNABLE_RECORDS) {
    const moved = await em.execute<{ id: string }[]>(
      `update "${table}" set "${column}" = ?, updated_at = now(), version = version + 1 where "${column}" = ? returning id`,
      [target, userId],
    );
    reassigned[entityType] = moved.length;
    for (const { id } of moved) {
      await recordAudit(em, ctx, {
        entityType,
        entityId: id,
        action: 'REASSIGN',
        before: { [column]: userId },
        after: { [column]: target, reason: 'assignee deactivated' },
      });
      // A contact keeps the history of who followed them (and its timeline shows the move).
      if (table === 'contact') recordContactAssignment(em, ctx, id, userId, target, 'assignee deactivated');
    }
  }
  const admins = await em.find(User, { roles: { $contains: ['ADMIN'] }, isActive: true });
  const total = Object.values(reassigned).reduce((a, b) => a + b, 0);
  for (const admin of admins) {
    em.create(Notification, {
      orgId: ctx.orgId,
      recipientId: admin.id,
      kind: 'USER_DEACTIVATED',
      title: `${user.fullName} was deactivated`,
      body: `${total} record(s) ${target ? 'reassigned' : 'unassigned'}.`,
      entityType: 'User',
      entityId: user.id,
    });
  }
  await em.flush();
  return { user, reassignedTo: target, reassigned };
}

export interface Identity {
  email: string;
  fullName: string;
  roles: string[];
  isActive: boolean;
  permissions: string[];
  /** Tokens carrying another version were issued before a password change or reset. */
  tokenVersion: number;
  mustChangePassword: boolean;
}

/** A user's live identity: the union of the permissions of their roles, as stored now. */
export async function loadIdentity(em: Em, userId: string): Promise<Identity | undefined> {
  const rows = await em.execute<
    {
      email: string;
      full_name: string;
      roles: string[];
      is_active: boolean;
      permissions: string[] | null;
      token_version: number;
      must_change_password: boolean;
    }[]
  >(
    `select u.email, u.full_name, u.roles, u.is_active, u.token_version, u.must_change_password,
            (select array_agg(distinct p order by p) from role r, unnest(r.permissions) p where r.code = any(u.roles)) as permissions
       from app_user u where u.id = ?`,
    [userId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    email: row.email,
    fullName: row.full_name,
    roles: row.roles,
    isActive: row.is_active,
    permissions: row.permissions ?? [],
    tokenVersion: row.token_version,
    mustChangePassword: row.must_change_password,
  };
}
