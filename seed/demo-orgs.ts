import { DEFAULT_ROLES } from '../definitions/permissions.js';
import { recordAudit } from '../db/audit.js';
import { seedBuiltInDefinitions } from '../db/definitions.js';
import { Organization, Role, User } from '../db/entities/index.js';
import type { Orm } from '../db/orm.js';
import { withTenant } from '../db/orm.js';
import { hashPassword } from '../db/passwords.js';

export const DEMO_ORGS = [
  { slug: 'demo', name: 'Demo Immobilier' },
  { slug: 'rival', name: 'Rival Habitat' },
] as const;

export const DEMO_ROLES = ['admin', 'manager', 'agent', 'readonly'] as const;

export function demoEmail(role: (typeof DEMO_ROLES)[number], slug: string): string {
  return `${role}@${slug}.test`;
}

/**
 * Creates an organisation with its default roles (idempotent by slug). Runs with the owner
 * connection: the organisation does not exist yet, so no tenant context can admit it.
 */
export async function ensureOrganization(orm: Orm, slug: string, name: string): Promise<string> {
  const em = orm.em.fork({ clear: true, useContext: false });
  let org = await em.findOne(Organization, { slug }, { filters: false });
  if (!org) {
    org = em.create(Organization, { slug, name });
    await em.flush();
  }
  const orgId = org.id;
  await withTenant(orm, { orgId }, async (tem) => {
    await seedBuiltInDefinitions(tem, { orgId });
    const existing = await tem.find(Role, {});
    for (const role of DEFAULT_ROLES) {
      if (existing.some((r) => r.code === role.code)) continue;
      const created = tem.create(Role, {
        orgId,
        code: role.code,
        name: role.name,
        permissions: [...role.permissions],
        isSystem: true,
      });
      await tem.flush();
      await recordAudit(
        tem,
        { orgId },
        { entityType: 'Role', entityId: created.id, action: 'CREATE', after: created, actorType: 'SYSTEM' },
      );
    }
  });
  return orgId;
}

export async function ensureUser(
  orm: Orm,
  orgId: string,
  input: { email: string; fullName: string; password: string; roles: string[] },
): Promise<void> {
  await withTenant(orm, { orgId }, async (em) => {
    const email = input.email.toLowerCase();
    if (await em.count(User, { email })) return;
    const user = em.create(User, {
      orgId,
      email,
      fullName: input.fullName,
      passwordHash: await hashPassword(input.password),
      roles: input.roles,
    });
    await em.flush();
    await recordAudit(
      em,
      { orgId },
      { entityType: 'User', entityId: user.id, action: 'CREATE', after: user, actorType: 'SYSTEM' },
    );
  });
}

/** The demo cooperative member who signs in (role COOP_MEMBER), linked to a member by the coop demo data. */
export function demoMemberEmail(slug: string): string {
  return `member@${slug}.test`;
}

/** The demo seed: two agencies with a user per role. Idempotent; later features add business data. */
export async function seedDemo(orm: Orm, password: string): Promise<void> {
  for (const { slug, name } of DEMO_ORGS) {
    const orgId = await ensureOrganization(orm, slug, name);
    for (const role of DEMO_ROLES) {
      const fullName = `${role[0]!.toUpperCase()}${role.slice(1)} ${name.split(' ')[0]}`;
      await ensureUser(orm, orgId, {
        email: demoEmail(role, slug),
        fullName,
        password,
        roles: [role.toUpperCase()],
      });
    }
    await ensureUser(orm, orgId, {
      email: demoMemberEmail(slug),
      fullName: `Membre ${name.split(' ')[0]}`,
      password,
      roles: ['COOP_MEMBER'],
    });
  }
}
