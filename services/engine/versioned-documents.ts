import type { Em, TenantContext } from '../../db/orm.js';
import type { DomainFieldError } from '../domain-error.js';
import type { DossierErrorCode } from './error-codes.js';
import { failures } from '../failures.js';

const fail = failures('engine');

/**
 * Workflow definitions and scoring rulesets are the same kind of thing: numbered versions that go
 * draft → validate → publish (immutable) → retire. This is their one lifecycle; each kind passes in
 * what differs (how it locks, validates, finds its published versions, audits).
 */
export interface VersionedDocument {
  id: string;
  version: number;
  status: string;
  publishedAt?: Date | null;
  publishedBy?: string | null;
  retiredAt?: Date | null;
}

export interface DocumentKind<D extends VersionedDocument, V> {
  /** "Version 3 of SALE", "Version 3": how refusals name a version. */
  name(doc: D): string;
  /** Serialises numbering and publishing for the transaction (an advisory lock). */
  lock(em: Em, orgId: string, doc: D): Promise<void>;
  validate(em: Em, doc: D): Promise<{ valid: boolean; errors: DomainFieldError[] }>;
  invalid: { code: DossierErrorCode; what: string };
  /** The published versions the draft competes with. */
  published(em: Em, doc: D): Promise<D[]>;
  /** Whether publishing retires the versions published before (scoring: one ruleset in force). */
  retiresOnPublish: boolean;
  view(doc: D): V;
  /** Where a client creates a new draft from a version (named in the refusal to edit a published one). */
  path: string;
  /** "published versions", "published rules": what is immutable. */
  immutable: string;
  /** A new draft of the next version, copied from `source` (not flushed). */
  copy(em: Em, ctx: TenantContext & { userId?: string | null }, source: D): Promise<D>;
  /** Checks a replacement body against the draft (e.g. its case type) and puts it in. */
  replaceBody(doc: D, body: Record<string, unknown>): void;
  audit(
    em: Em,
    ctx: TenantContext,
    action: string,
    doc: D,
    before: V | null,
    extra?: Record<string, unknown>,
  ): Promise<void>;
}

/**
 * Publishes a valid draft: 409 unless it is a draft and no newer version is published, 422 with the
 * validation's errors when invalid; then (for kinds with one version in force) retires the older ones.
 */
export async function publishDocument<D extends VersionedDocument, V>(
  em: Em,
  ctx: TenantContext & { userId?: string | null },
  kind: DocumentKind<D, V>,
  probe: D,
): Promise<D> {
  await kind.lock(em, ctx.orgId, probe);
  const doc = await em.refreshOrFail(probe);
  if (doc.status !== 'DRAFT')
    throw fail.conflict(`${kind.name(doc)} is already ${doc.status.toLowerCase()}.`);
  const validation = await kind.validate(em, doc);
  if (!validation.valid)
    throw fail.rejected(
      kind.invalid.code,
      `The ${kind.invalid.what} ${kind.invalid.what.endsWith('s') ? 'have' : 'has'} ${validation.errors.length} problem(s); fix them and publish again.`,
      { fieldErrors: validation.errors },
    );
  const published = await kind.published(em, doc);
  const newer = published.filter((p) => p.version > doc.version).sort((a, b) => b.version - a.version)[0];
  if (newer)
    throw fail.conflict(
      `${kind.name(newer)} is already published and newer than this draft (v${doc.version}); start a new draft from it.`,
      { extra: { latestPublishedId: newer.id, latestPublishedVersion: newer.version } },
    );
  const now = new Date();
  if (kind.retiresOnPublish) {
    for (const old of published) {
      const before = kind.view(old);
      old.status = 'RETIRED';
      old.retiredAt = now;
      await em.flush();
      await kind.audit(em, ctx, 'RETIRE', old, before, { replacedByVersion: doc.version });
    }
  }
  const before = kind.view(doc);
  doc.status = 'PUBLISHED';
  doc.publishedAt = now;
  doc.publishedBy = ctx.userId ?? null;
  await em.flush();
  await kind.audit(em, ctx, 'PUBLISH', doc, before);
  return doc;
}

/** Starts a new draft from any version (a copy of its body; `basedOnId` points back). */
export async function copyToDraft<D extends VersionedDocument, V>(
  em: Em,
  ctx: TenantContext & { userId?: string | null },
  kind: DocumentKind<D, V>,
  source: D,
): Promise<D> {
  await kind.lock(em, ctx.orgId, source);
  const draft = await kind.copy(em, ctx, source);
  await em.flush();
  await kind.audit(em, ctx, 'CREATE', draft, null, { copiedFromVersion: source.version });
  return draft;
}

/** Replaces a draft's body: 409 for a published or retired version, or a stale `If-Match` lockVersion. */
export async function replaceDraft<D extends VersionedDocument & { lockVersion: number }, V>(
  em: Em,
  ctx: TenantContext,
  kind: DocumentKind<D, V>,
  doc: D,
  body: Record<string, unknown>,
  expectedLockVersion: number | undefined,
): Promise<D> {
  if (doc.status !== 'DRAFT')
    throw fail.conflict(
      `${kind.name(doc)} is ${doc.status.toLowerCase()}: ${kind.immutable} are immutable; create a new draft (POST ${kind.path}/${doc.id}/draft).`,
    );
  if (expectedLockVersion !== undefined && expectedLockVersion !== doc.lockVersion)
    throw fail.staleVersion('This draft');
  const before = kind.view(doc);
  kind.replaceBody(doc, body);
  await em.flush();
  await kind.audit(em, ctx, 'UPDATE', doc, before);
  return doc;
}
