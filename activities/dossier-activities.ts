import { ApplicationFailure } from '@temporalio/common';
import { notifyEvent } from '../db/notify.js';
import { randomUUID } from 'node:crypto';
import {
  DossierStateConflict,
  TransitionBlocked,
  writeTransition,
  type TransitionWrite,
} from '../db/dossiers.js';
import { dossierView } from '../db/dossier-view.js';
import { Dossier, Notification, TimelineEvent, User } from '../db/entities/index.js';
import { recordAudit, snapshot } from '../db/audit.js';
import { withTenant, type Orm } from '../db/orm.js';
import { loadGuardFacts } from '../db/facts.js';
import type { GuardFacts } from '../definitions/guard-facts.schema.js';

export interface FactsRequest {
  orgId: string;
  dossierId: string;
  user: { id: string; roles: string[]; permissions: string[] };
  now: string;
}

export interface AutomationRecord {
  orgId: string;
  dossierId: string;
  /** Unique per firing (workflow id + state entry + timer index), so a retry records once. */
  key: string;
  kind: 'REMINDER' | 'ESCALATION' | 'AUTOMATION';
  title: string;
  /** The entry's stable code and parameters, for clients that phrase it in their user's language. */
  code?: string;
  params?: Record<string, string | null>;
  body?: string | null;
  notify: 'agent' | 'managers' | 'none';
  at: string;
}

export interface MigrationWrite {
  orgId: string;
  dossierId: string;
  fromStatus: string;
  toStatus: string;
  definitionId: string;
  definitionVersion: number;
  fromVersion: number;
  actorId: string | null;
  updateId: string;
  at: string;
}

/** Business refusals that retrying cannot fix. */
export const DOSSIER_NON_RETRYABLE = ['DossierStateConflict', 'TransitionBlocked'];

/** Dossier I/O for the lifecycle workflow; each call is one short transaction, idempotent by key. */
export function createDossierActivities({ orm }: { orm: Orm }) {
  return {
    async loadGuardFacts(req: FactsRequest): Promise<GuardFacts> {
      return withTenant(orm, { orgId: req.orgId }, (em) =>
        loadGuardFacts(em, req.dossierId, req.user, new Date(req.now)),
      );
    },

    async applyTransition(w: TransitionWrite) {
      try {
        return await withTenant(orm, { orgId: w.orgId, correlationId: w.correlationId ?? undefined }, (em) =>
          writeTransition(em, { orgId: w.orgId, correlationId: w.correlationId ?? undefined }, w),
        );
      } catch (err) {
        if (err instanceof DossierStateConflict) {
          throw ApplicationFailure.nonRetryable(err.message, 'DossierStateConflict');
        }
        if (err instanceof TransitionBlocked) {
          throw ApplicationFailure.create({
            message: err.reason,
            type: 'TransitionBlocked',
            nonRetryable: true,
            details: [{ reasonCode: err.reasonCode }],
          });
        }
        throw err;
      }
    },

    async hasActivitySince(req: { orgId: string; dossierId: string; since: string }): Promise<boolean> {
      return withTenant(orm, { orgId: req.orgId }, async (em) => {
        const n = await em.count(TimelineEvent, {
          dossierId: req.dossierId,
          kind: { $in: ['ACTIVITY', 'MESSAGE', 'APPOINTMENT', 'NOTE'] },
          occurredAt: { $gt: new Date(req.since) },
        });
        return n > 0;
      });
    },

    async recordAutomation(r: AutomationRecord): Promise<void> {
      await withTenant(orm, { orgId: r.orgId }, async (em) => {
        if (await em.count(TimelineEvent, { sourceKey: r.key })) return;
        const dossier = await em.findOneOrFail(Dossier, { id: r.dossierId });
        em.create(TimelineEvent, {
          id: randomUUID(),
          orgId: r.orgId,
          dossierId: r.dossierId,
          contactId: dossier.contactId ?? null,
          kind: r.kind,
          title: r.title,
          body: r.body ?? null,
          payload: { notify: r.notify, ...(r.code ? { code: r.code, params: r.params ?? {} } : {}) },
          occurredAt: new Date(r.at),
          sourceKey: r.key,
        });
        const recipients =
          r.notify === 'agent'
            ? dossier.assignedAgentId
              ? [dossier.assignedAgentId]
              : []
            : r.notify === 'managers'
              ? (await em.find(User, { roles: { $overlap: ['MANAGER'] }, isActive: true })).map((u) => u.id)
              : [];
        for (const recipientId of recipients) {
          em.create(Notification, {
            orgId: r.orgId,
            recipientId,
            kind: `DOSSIER_${r.kind}`,
            title: r.title,
            body: r.body ?? null,
            entityType: 'Dossier',
            entityId: r.dossierId,
          });
        }
        await em.flush();
        await notifyEvent(em, { orgId: r.orgId }, 'DOSSIER_TIMER', {
          dossierId: r.dossierId,
          key: r.key,
          extra: { 'timer.title': r.title },
        });
      });
    },

    async applyMigration(m: MigrationWrite) {
      return withTenant(orm, { orgId: m.orgId, userId: m.actorId ?? undefined }, async (em) => {
        const dossier = await em.findOneOrFail(Dossier, { id: m.dossierId });
        if (dossier.definitionVersion === m.definitionVersion) return dossierView(dossier);
        const before = snapshot(dossierView(dossier));
        dossier.definitionId = m.definitionId;
        dossier.definitionVersion = m.definitionVersion;
        await em.flush();
        if (m.fromStatus !== m.toStatus) {
          return writeTransition(
            em,
            { orgId: m.orgId, userId: m.actorId ?? undefined },
            {
              orgId: m.orgId,
              dossierId: m.dossierId,
              from: m.fromStatus,
              to: m.toStatus,
              terminal: false,
              comment: `Migrated from definition v${m.fromVersion} to v${m.definitionVersion}`,
              actor: { userId: m.actorId, type: m.actorId ? 'USER' : 'SYSTEM' },
              updateId: m.updateId,
              definitionVersion: m.definitionVersion,
              at: m.at,
            },
          );
        }
        const after = dossierView(dossier);
        await recordAudit(
          em,
          { orgId: m.orgId, userId: m.actorId ?? undefined },
          {
            entityType: 'Dossier',
            entityId: m.dossierId,
            action: 'MIGRATE',
            before,
            after,
          },
        );
        return after;
      });
    },
  };
}

export type DossierActivities = ReturnType<typeof createDossierActivities>;
