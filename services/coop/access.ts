import type { Caller } from '../platform/caller.js';
import { CoopGroup, CoopMember, type ICoopGroup, type ICoopMember } from '../../db/entities/index.js';
import type { Em } from '../../db/orm.js';
import { failures } from '../failures.js';

const fail = failures('coop');

/** Responsibles hold COOP_ADMIN; members hold COOP_MEMBER and see only their own data and their group. */
export const COOP_READERS = ['COOP_ADMIN', 'COOP_MEMBER'] as const;

export function isCoopAdmin(request: Caller): boolean {
  return request.principal?.permissions.has('COOP_ADMIN') === true;
}

export async function requireGroup(em: Em, id: string): Promise<ICoopGroup> {
  const group = await em.findOne(CoopGroup, { id });
  if (!group) throw fail.notFound('Group');
  return group;
}

/** The caller's member record in a group (a member user is linked through `userId`). */
export async function callerMember(em: Em, request: Caller, groupId: string): Promise<ICoopMember | null> {
  const userId = request.principal?.userId;
  return userId ? em.findOne(CoopMember, { groupId, userId }) : null;
}

/** A group the caller may read: any group for a responsible, their own group for a member (else 404). */
export async function readableGroup(em: Em, request: Caller, groupId: string): Promise<ICoopGroup> {
  const group = await requireGroup(em, groupId);
  if (!isCoopAdmin(request) && !(await callerMember(em, request, groupId))) throw fail.notFound('Group');
  return group;
}

/** A member the caller may read: any for a responsible, only themselves for a member (else 404). */
export async function readableMember(em: Em, request: Caller, memberId: string): Promise<ICoopMember> {
  const member = await em.findOne(CoopMember, { id: memberId });
  if (!member || (!isCoopAdmin(request) && member.userId !== request.principal?.userId))
    throw fail.notFound('Member');
  return member;
}

/** The caller's own member records (a user may belong to several groups). */
export async function ownMembers(em: Em, request: Caller): Promise<ICoopMember[]> {
  return em.find(CoopMember, { userId: request.principal!.userId }, { orderBy: { createdAt: 'asc' } });
}

export function actorOf(request: Caller) {
  return { ...request.tenant(), userId: request.principal!.userId };
}
