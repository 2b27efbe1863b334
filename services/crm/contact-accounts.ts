import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { recordAudit } from '../../db/audit.js';
import { accountView, type AccountView } from '../../db/contacts.js';
import { Account, AccountContact, Contact, type IAccount } from '../../db/entities/index.js';
import type { AccountType } from '../../db/entities/account.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { invalidInput, referenceNotFound } from '../tenant-references.js';
import { failures } from '../failures.js';

const fail = failures('crm');

export interface AccountFields {
  code?: string;
  name?: string;
  type?: AccountType;
  city?: string | null;
  country?: string | null;
}

export interface LinkFlags {
  isPrimary?: boolean;
  isBilling?: boolean;
  isShipping?: boolean;
  isDecisionMaker?: boolean;
}

export async function loadAccount(em: Em, id: string): Promise<IAccount> {
  const account = await em.findOne(Account, { id });
  if (!account) throw fail.notFound('Account');
  return account;
}

export async function viewOf(em: Em, account: IAccount): Promise<AccountView> {
  const links = await em.find(AccountContact, { accountId: account.id }, { orderBy: { createdAt: 'asc' } });
  return accountView(account, links);
}

async function assertCodeFree(em: Em, code: string, exceptId?: string) {
  const existing = await em.findOne(Account, { code, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (existing) {
    throw fail.conflict(`An account with code ${code} already exists.`, {
      fieldErrors: [{ field: 'code', message: 'is already used by another account' }],
      extra: { existingId: existing.id },
    });
  }
}

export async function createAccount(
  em: Em,
  ctx: TenantContext,
  input: AccountFields & { code: string; name: string; primaryContactId?: string },
): Promise<AccountView> {
  await assertCodeFree(em, input.code);
  if (input.primaryContactId && !(await em.findOne(Contact, { id: input.primaryContactId })))
    throw invalidInput([referenceNotFound('primaryContactId', 'contact')]);
  const account = em.create(Account, {
    orgId: ctx.orgId,
    code: input.code,
    name: input.name,
    type: input.type ?? 'PROSPECT',
    city: input.city ?? null,
    country: input.country ?? null,
    createdBy: ctx.userId ?? null,
  });
  // Scalar FKs: the account row must be written before its contact link.
  await em.flush();
  if (input.primaryContactId) {
    em.create(AccountContact, {
      orgId: ctx.orgId,
      accountId: account.id,
      contactId: input.primaryContactId,
      isPrimary: true,
      createdBy: ctx.userId ?? null,
    });
    await em.flush();
  }
  const view = await viewOf(em, account);
  await recordAudit(em, ctx, { entityType: 'Account', entityId: account.id, action: 'CREATE', after: view });
  return view;
}

export async function updateAccount(
  em: Em,
  ctx: TenantContext,
  id: string,
  version: number,
  changes: AccountFields & { convertedAt?: Date },
  action = 'UPDATE',
): Promise<AccountView> {
  const account = await loadAccount(em, id);
  if (account.version !== version) throw fail.staleVersion('This account');
  if (changes.code !== undefined) await assertCodeFree(em, changes.code, id);
  const before = await viewOf(em, account);
  em.assign(account, changes);
  await em.flush();
  const after = await viewOf(em, account);
  await recordAudit(em, ctx, { entityType: 'Account', entityId: id, action, before, after });
  return after;
}

/** Prospect (or lead) → customer (F-4.6). */
export async function convertAccount(em: Em, ctx: TenantContext, id: string, version: number) {
  const account = await loadAccount(em, id);
  if (account.version !== version) throw fail.staleVersion('This account');
  if (account.type !== 'PROSPECT' && account.type !== 'LEAD')
    throw fail.conflict(`Only a prospect or lead account can be converted; this one is ${account.type}.`);
  return updateAccount(em, ctx, id, version, { type: 'CUSTOMER', convertedAt: new Date() }, 'CONVERT');
}

export async function deleteAccount(em: Em, ctx: TenantContext, id: string): Promise<void> {
  const account = await loadAccount(em, id);
  const before = await viewOf(em, account);
  await em.nativeDelete(AccountContact, { accountId: id });
  em.remove(account);
  await em.flush();
  await recordAudit(em, ctx, { entityType: 'Account', entityId: id, action: 'DELETE', before });
}

/** Links a contact or changes its flags; a second primary is refused (partial unique index). */
export async function linkContact(
  em: Em,
  ctx: TenantContext,
  accountId: string,
  contactId: string,
  flags: LinkFlags,
): Promise<AccountView> {
  const account = await loadAccount(em, accountId);
  if (!(await em.findOne(Contact, { id: contactId }))) throw fail.notFound('Contact');
  const before = await viewOf(em, account);
  if (flags.isPrimary) {
    const primary = await em.findOne(AccountContact, {
      accountId,
      isPrimary: true,
      contactId: { $ne: contactId },
    });
    if (primary) {
      throw fail.conflict('This account already has a primary contact; unset it first.', {
        fieldErrors: [{ field: 'isPrimary', message: 'another contact is already primary' }],
        extra: { existingId: primary.contactId },
      });
    }
  }
  const link =
    (await em.findOne(AccountContact, { accountId, contactId })) ??
    em.create(AccountContact, { orgId: ctx.orgId, accountId, contactId, createdBy: ctx.userId ?? null });
  em.assign(link, flags);
  try {
    await em.flush();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException)
      throw fail.conflict('This account already has a primary contact.', {
        fieldErrors: [{ field: 'isPrimary', message: 'another contact is already primary' }],
      });
    throw err;
  }
  const after = await viewOf(em, account);
  await recordAudit(em, ctx, {
    entityType: 'Account',
    entityId: accountId,
    action: 'LINK_CONTACT',
    before,
    after,
  });
  return after;
}

export async function unlinkContact(em: Em, ctx: TenantContext, accountId: string, contactId: string) {
  const account = await loadAccount(em, accountId);
  const link = await em.findOne(AccountContact, { accountId, contactId });
  if (!link) throw fail.notFound('Account contact link');
  const before = await viewOf(em, account);
  em.remove(link);
  await em.flush();
  const after = await viewOf(em, account);
  await recordAudit(em, ctx, {
    entityType: 'Account',
    entityId: accountId,
    action: 'UNLINK_CONTACT',
    before,
    after,
  });
  return after;
}
