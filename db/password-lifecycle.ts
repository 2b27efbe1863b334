import { recordAudit } from './audit.js';
import type { Em, TenantContext } from './orm.js';
import { hashPassword } from './passwords.js';

/**
 * Sets a user's password and bumps their token version in one statement, so every token issued
 * before it is refused from the next request on (the auth plugin compares the version it loads
 * with the principal anyway). `forceChange`: an admin reset — the next sign-in may only choose a
 * new password. Audited without any trace of the password.
 */
export async function setPassword(
  em: Em,
  ctx: TenantContext,
  userId: string,
  password: string,
  opts: { forceChange: boolean },
): Promise<{ tokenVersion: number } | undefined> {
  const hash = await hashPassword(password);
  const rows = await em.execute<{ token_version: number }[]>(
    `update app_user
        set password_hash = ?, token_version = token_version + 1, must_change_password = ?,
            password_changed_at = case when ? then password_changed_at else now() end,
            version = version + 1, updated_at = now()
      where id = ? returning token_version`,
    [hash, opts.forceChange, opts.forceChange, userId],
  );
  const row = rows[0];
  if (!row) return undefined;
  await recordAudit(em, ctx, {
    entityType: 'User',
    entityId: userId,
    action: opts.forceChange ? 'PASSWORD_RESET' : 'PASSWORD_CHANGE',
    after: { mustChangePassword: opts.forceChange },
  });
  return { tokenVersion: row.token_version };
}

/** The stored hash, locked for the rest of the transaction (two concurrent changes serialise). */
export async function lockedPasswordHash(em: Em, userId: string): Promise<string | undefined> {
  const rows = await em.execute<{ password_hash: string }[]>(
    'select password_hash from app_user where id = ? for update',
    [userId],
  );
  return rows[0]?.password_hash;
}
