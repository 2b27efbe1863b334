import { recordAudit } from '../../db/audit.js';
import { addCoopEvent } from '../../db/coop-timeline.js';
import { loadIdentity } from '../../db/users.js';
import { MEMBER_MOVES } from '../../definitions/coop/member.js';
import {
  Contact,
  CoopMember,
  CoopPlan,
  Document,
  type CoopMemberStatus,
  type ICoopGroup,
  type ICoopMember,
  type KycItem,
} from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { normalizePhone } from '../crm/contact-phone.js';
import { invalidInput, referenceNotFound } from '../tenant-references.js';
import { failures } from '../failures.js';
import type { DomainFieldError } from '../domain-error.js';

const fail = failures('coop');

export const DEFAULT_KYC: readonly Pick<KycItem, 'code' | 'label' | 'required'>[] = [
  { code: 'ID_DOCUMENT', label: "Pièce d'identité", required: true },
  { code: 'PROOF_OF_ADDRESS', label: 'Justificatif de domicile', required: true },
  { code: 'INCOME_PROOF', label: 'Justificatif de revenus', required: false },
];

export function memberView(m: ICoopMember) {
  return {
    id: m.id,
    groupId: m.groupId,
    displayName: m.displayName,
    phone: m.phone ?? null,
    email: m.email ?? null,
    contactId: m.contactId ?? null,
    userId: m.userId ?? null,
    status: m.status as CoopMemberStatus,
    statusReason: m.statusReason ?? null,
    fifoRank: m.fifoRank,
    kyc: m.kyc,
    kycComplete: m.kyc.every((i) => !i.required || i.status === 'VALIDATED'),
    kycValidatedAt: m.kycValidatedAt?.toISOString() ?? null,
    kycValidatedBy: m.kycValidatedBy ?? null,
    lotPreferences: m.lotPreferences,
    version: m.version,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
export type MemberView = ReturnType<typeof memberView>;

export interface MemberInput {
  displayName: string;
  email?: string | null;
  phone?: string | null;
  contactId?: string | null;
  userId?: string | null;
  fifoRank?: number;
}

async function checkUser(em: Em, userId: string, errors: DomainFieldError[]) {
  const identity = await loadIdentity(em, userId);
  if (!identity?.isActive)
    errors.push({
      field: 'userId',
      message: 'no such active user in this organisation',
      code: 'UNKNOWN_USER',
    });
  else if (!identity.permissions.includes('COOP_MEMBER'))
    errors.push({ field: 'userId', message: 'the user needs a role with the COOP_MEMBER permission' });
}

/** The CRM contact the member's messages go to: given, found by email, or created. */
async function linkContact(em: Em, ctx: TenantContext, input: MemberInput, phone: string | null) {
  if (input.contactId) return input.contactId;
  if (!input.email) return null;
  const email = input.email.toLowerCase();
  const found = await em.execute<{ id: string }[]>('select id from contact where lower(email) = ? limit 1', [
    email,
  ]);
  if (found[0]) return found[0].id;
  const [first, ...rest] = input.displayName.trim().split(/\s+/);
  const c = em.create(Contact, {
    orgId: ctx.orgId,
    firstName: (first ?? input.displayName).slice(0, 100),
    lastName: (rest.join(' ') || '-').slice(0, 100),
    email,
    phone,
    status: 'active_client',
    source: null,
    tags: ['COOP'],
    createdBy: ctx.userId ?? null,
  });
  await em.flush();
  return c.id;
}

export async function createMember(em: Em, ctx: TenantContext, group: ICoopGroup, input: MemberInput) {
  const errors: DomainFieldError[] = [];
  let phone: string | null = null;
  if (input.phone) {
    const p = normalizePhone(input.phone);
    if (p.ok) phone = p.e164;
    else errors.push({ field: 'phone', message: p.message });
  }
  if (!input.email && !input.contactId)
    errors.push({ field: 'email', message: 'an email or a contactId is required' });
  if (input.contactId && !(await em.count(Contact, { id: input.contactId })))
    errors.push(referenceNotFound('contactId', 'contact'));
  if (input.userId) await checkUser(em, input.userId, errors);
  // Ranks are handed out one at a time per group: concurrent additions queue on the group row.
  await em.execute('select id from coop_group where id = ? for update', [group.id]);
  const ranks = await em.execute<{ max: number | null }[]>(
    'select max(fifo_rank) as max from coop_member where group_id = ?',
    [group.id],
  );
  const rank = input.fifoRank ?? (ranks[0]?.max ?? 0) + 1;
  if (await em.count(CoopMember, { groupId: group.id, fifoRank: rank }))
    errors.push({
      field: 'fifoRank',
      message: `rank ${rank} is already taken in this group; reorder instead`,
    });
  if (errors.length) throw invalidInput(errors);
  const m = em.create(CoopMember, {
    orgId: ctx.orgId,
    groupId: group.id,
    displayName: input.displayName,
    email: input.email?.toLowerCase() ?? null,
    phone,
    contactId: await linkContact(em, ctx, input, phone),
    userId: input.userId ?? null,
    status: 'PENDING_KYC',
    fifoRank: rank,
    kyc: DEFAULT_KYC.map((i) => ({ ...i, documentId: null, status: 'MISSING', comment: null })),
    lotPreferences: {},
    createdBy: ctx.userId ?? null,
  });
  await em.flush();
  await memberEvent(em, ctx, m, 'MEMBER_ADDED', `${m.displayName} joined at rank ${m.fifoRank}`);
  await recordAudit(em, ctx, {
    entityType: 'CoopMember',
    entityId: m.id,
    action: 'CREATE',
    after: memberView(m),
  });
  return m;
}

export async function memberEvent(
  em: Em,
  ctx: TenantContext,
  m: ICoopMember,
  kind: string,
  title: string,
  payload = {},
) {
  await addCoopEvent(em, {
    orgId: ctx.orgId,
    groupId: m.groupId,
    memberId: m.id,
    kind,
    title,
    payload,
    actorId: ctx.userId ?? null,
  });
}

export async function updateMember(
  em: Em,
  ctx: TenantContext,
  m: ICoopMember,
  input: {
    version: number;
    displayName?: string;
    email?: string | null;
    phone?: string | null;
    userId?: string | null;
    lotPreferences?: Record<string, string[]>;
  },
) {
  if (m.version !== input.version) throw fail.staleVersion('The member');
  const errors: DomainFieldError[] = [];
  if (input.phone) {
    const p = normalizePhone(input.phone);
    if (p.ok) m.phone = p.e164;
    else errors.push({ field: 'phone', message: p.message });
  } else if (input.phone === null) m.phone = null;
  if (input.userId) await checkUser(em, input.userId, errors);
  if (errors.length) throw invalidInput(errors);
  const before = memberView(m);
  if (input.displayName !== undefined) m.displayName = input.displayName;
  if (input.email !== undefined) m.email = input.email?.toLowerCase() ?? null;
  if (input.userId !== undefined) m.userId = input.userId;
  if (input.lotPreferences !== undefined) m.lotPreferences = input.lotPreferences;
  await em.flush();
  await memberEvent(em, ctx, m, 'MEMBER_UPDATED', `${m.displayName}: details changed`);
  await recordAudit(em, ctx, {
    entityType: 'CoopMember',
    entityId: m.id,
    action: 'UPDATE',
    before,
    after: memberView(m),
  });
  return m;
}

/** PENDING_KYC → ACTIVE needs every required KYC piece validated; moves are audited with their reason. */
export async function changeMemberStatus(
  em: Em,
  ctx: TenantContext,
  m: ICoopMember,
  input: { version: number; status: CoopMemberStatus; reason?: string | null },
) {
  if (m.version !== input.version) throw fail.staleVersion('The member');
  const from = m.status as CoopMemberStatus;
  if (!MEMBER_MOVES[from].includes(input.status))
    throw fail.conflict(`A member cannot go from ${from} to ${input.status}.`);
  if (input.status !== 'ACTIVE' && !input.reason?.trim())
    throw fail.validation([{ field: 'reason', message: `is required to move a member to ${input.status}` }]);
  if (from === 'PENDING_KYC' && input.status === 'ACTIVE' && !memberView(m).kycComplete)
    throw fail.rejected('KYC_INCOMPLETE', 'Every required KYC piece must be validated first.');
  const before = memberView(m);
  m.status = input.status;
  m.statusReason = input.reason ?? null;
  await em.flush();
  await memberEvent(
    em,
    ctx,
    m,
    'MEMBER_STATUS',
    `${m.displayName}: ${from} → ${input.status}${input.reason ? ` — ${input.reason}` : ''}`,
    {
      from,
      to: input.status,
      reason: input.reason ?? null,
    },
  );
  await recordAudit(em, ctx, {
    entityType: 'CoopMember',
    entityId: m.id,
    action: 'STATUS',
    before,
    after: memberView(m),
  });
  const plans = await em.find(CoopPlan, { groupId: m.groupId, status: 'ACTIVE' });
  return { member: m, planIds: plans.map((p) => p.id), from };
}

/**
 * Moves a member to a new FIFO rank, shifting the members between (ranks stay unique and dense);
 * the unique constraint is checked at commit. Audited with the reason and every rank that moved.
 */
export async function reorderMember(
  em: Em,
  ctx: TenantContext,
  m: ICoopMember,
  input: { version: number; fifoRank: number; reason: string },
) {
  if (m.version !== input.version) throw fail.staleVersion('The member');
  await em.execute('select id from coop_group where id = ? for update', [m.groupId]);
  const [max] = await em.execute<{ max: number }[]>(
    'select max(fifo_rank) as max from coop_member where group_id = ?',
    [m.groupId],
  );
  if (input.fifoRank > (max?.max ?? 1))
    throw fail.validation([{ field: 'fifoRank', message: `must be between 1 and ${max?.max ?? 1}` }]);
  const from = m.fifoRank;
  const to = input.fifoRank;
  if (from === to) return { member: m, moved: [] };
  await em.execute('set constraints coop_member_rank_unique deferred');
  const moved = await em.execute<{ id: string; fifo_rank: number }[]>(
    from > to
      ? 'update coop_member set fifo_rank = fifo_rank + 1, version = version + 1, updated_at = now() where group_id = ? and fifo_rank >= ? and fifo_rank < ? returning id, fifo_rank'
      : 'update coop_member set fifo_rank = fifo_rank - 1, version = version + 1, updated_at = now() where group_id = ? and fifo_rank > ? and fifo_rank <= ? returning id, fifo_rank',
    from > to ? [m.groupId, to, from] : [m.groupId, from, to],
  );
  await em.execute(
    'update coop_member set fifo_rank = ?, version = version + 1, updated_at = now() where id = ?',
    [to, m.id],
  );
  await em.refresh(m);
  const payload = {
    from,
    to,
    reason: input.reason,
    shifted: moved.map((r) => ({ memberId: r.id, fifoRank: r.fifo_rank })),
  };
  await memberEvent(
    em,
    ctx,
    m,
    'RANK_CHANGED',
    `${m.displayName}: rank ${from} → ${to} — ${input.reason}`,
    payload,
  );
  await recordAudit(em, ctx, {
    entityType: 'CoopMember',
    entityId: m.id,
    action: 'REORDER',
    before: { fifoRank: from },
    after: { fifoRank: to, reason: input.reason, shifted: payload.shifted },
  });
  return { member: m, moved };
}

/** Attaches an uploaded piece to a KYC item (member or responsible), or validates/refuses it (responsible). */
export async function updateKycItem(
  em: Em,
  ctx: TenantContext,
  m: ICoopMember,
  code: string,
  input: { documentId?: string; decision?: 'VALIDATED' | 'REFUSED'; comment?: string | null },
  asAdmin: boolean,
) {
  const item = m.kyc.find((i) => i.code === code);
  if (!item) throw fail.notFound('KYC item');
  const before = memberView(m);
  if (input.documentId) {
    const doc = await em.findOne(Document, { id: input.documentId });
    if (!doc || doc.ownerType !== 'COOP_MEMBER' || doc.ownerId !== m.id)
      throw fail.validation([
        { field: 'documentId', message: 'must be a document uploaded for this member' },
      ]);
    item.documentId = doc.id;
    item.status = 'PROVIDED';
  }
  if (input.decision) {
    if (!asAdmin) throw fail.forbidden('Only a responsible (COOP_ADMIN) validates KYC pieces.');
    if (!item.documentId) throw fail.conflict('No piece was provided for this item.');
    item.status = input.decision;
  }
  item.comment = input.comment ?? item.comment;
  m.kyc = [...m.kyc];
  const complete = m.kyc.every((i) => !i.required || i.status === 'VALIDATED');
  m.kycValidatedAt = complete ? new Date() : null;
  m.kycValidatedBy = complete ? (ctx.userId ?? null) : null;
  await em.flush();
  await memberEvent(em, ctx, m, 'KYC', `${m.displayName}: KYC ${item.label} ${item.status}`, {
    code,
    status: item.status,
  });
  await recordAudit(em, ctx, {
    entityType: 'CoopMember',
    entityId: m.id,
    action: 'KYC',
    before,
    after: memberView(m),
  });
  return m;
}
