import type { Caller } from './caller.js';
import {
  Annonce,
  CoopAllocationRun,
  CoopContribution,
  CoopGroup,
  CoopMember,
  CoopProject,
} from '../../db/entities/index.js';
import type { Em } from '../../db/orm.js';
import type { Permission } from '../../definitions/permissions.js';
import { callerMember, isCoopAdmin } from '../coop/access.js';

/**
 * Who may read and upload the documents of each owner type. Every document route asks the owner's
 * policy: a document the caller may not read is answered 404, as if it did not exist (and RLS keeps
 * other organisations' rows out of reach anyway).
 */
export interface DocumentOwnerPolicy {
  /** Permissions that may reach these documents at all (the route accepts their union). */
  permissions: readonly Permission[];
  /** The owner exists in this organisation and the caller may read its documents. */
  canRead(em: Em, request: Caller, ownerId: string): Promise<boolean>;
  canUpload(em: Em, request: Caller, ownerId: string): Promise<boolean>;
}

const COOP = ['COOP_ADMIN', 'COOP_MEMBER'] as const;

async function groupReader(em: Em, request: Caller, groupId: string | undefined) {
  if (!groupId || !(await em.count(CoopGroup, { id: groupId }))) return false;
  return isCoopAdmin(request) || !!(await callerMember(em, request, groupId));
}

async function ownMember(em: Em, request: Caller, memberId: string | undefined) {
  if (!memberId) return false;
  const m = await em.findOne(CoopMember, { id: memberId });
  return !!m && (isCoopAdmin(request) || m.userId === request.principal?.userId);
}

const holds = (request: Caller, permission: Permission) =>
  request.principal?.permissions.has(permission) === true;

/**
 * Responsibles only, and only for an owner that exists. The permission decides first and the query
 * starts only when it is needed: a query started before a refusal outlives the transaction the
 * refusal ends, and its rejection went unhandled (issue 15: that exited the API process).
 */
const adminOnly =
  (count: (em: Em, id: string) => Promise<number>) => async (em: Em, request: Caller, id: string) =>
    isCoopAdmin(request) && (await count(em, id)) > 0;

export const DOCUMENT_OWNERS: Record<string, DocumentOwnerPolicy> = {
  /** Listing photos: whoever may view listings reads them; whoever may edit listings adds them. */
  ANNONCE: {
    permissions: ['CRM_ANNONCES_VIEW', 'CRM_ANNONCES_EDIT'],
    canRead: async (em, r, id) => holds(r, 'CRM_ANNONCES_VIEW') && (await em.count(Annonce, { id })) > 0,
    canUpload: async (em, r, id) => holds(r, 'CRM_ANNONCES_EDIT') && (await em.count(Annonce, { id })) > 0,
  },
  /** Statutes, minutes: every member of the group reads them; responsibles publish them. */
  COOP_GROUP: {
    permissions: COOP,
    canRead: (em, r, id) => groupReader(em, r, id),
    canUpload: adminOnly((em, id) => em.count(CoopGroup, { id })),
  },
  COOP_PROJECT: {
    permissions: COOP,
    canRead: async (em, r, id) => groupReader(em, r, (await em.findOne(CoopProject, { id }))?.groupId),
    canUpload: adminOnly((em, id) => em.count(CoopProject, { id })),
  },
  /** KYC pieces: the member and the responsibles. */
  COOP_MEMBER: { permissions: COOP, canRead: ownMember, canUpload: ownMember },
  /** Payment proofs: the member who owes the contribution and the responsibles. */
  COOP_CONTRIBUTION: {
    permissions: COOP,
    canRead: async (em, r, id) => ownMember(em, r, (await em.findOne(CoopContribution, { id }))?.memberId),
    canUpload: async (em, r, id) => ownMember(em, r, (await em.findOne(CoopContribution, { id }))?.memberId),
  },
  /** The allocation minutes (PV): the group's members read them; responsibles upload. */
  COOP_ALLOCATION_RUN: {
    permissions: COOP,
    canRead: async (em, r, id) => groupReader(em, r, (await em.findOne(CoopAllocationRun, { id }))?.groupId),
    canUpload: adminOnly((em, id) => em.count(CoopAllocationRun, { id })),
  },
};

export const DOCUMENT_OWNER_TYPES = Object.keys(DOCUMENT_OWNERS);
export const DOCUMENT_PERMISSIONS = [
  ...new Set(Object.values(DOCUMENT_OWNERS).flatMap((p) => p.permissions)),
];
