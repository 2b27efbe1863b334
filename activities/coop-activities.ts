import { ApplicationFailure } from '@temporalio/common';
import {
  callLine,
  ContributionRefusedError,
  contributionView,
  decideContribution,
  loadCycleSnapshot,
  markLate,
  type ContributionView,
  type DecisionInput,
} from '../db/coop-contributions.js';
import { queueCycleNotice, type CycleNoticeKind, type NoticeResult } from '../db/coop-notices.js';
import { withTenant, type Orm } from '../db/orm.js';
import type { CycleSnapshot } from '../definitions/coop/cycle.js';
import { configuredChannels, type ChannelSource } from './channels/index.js';

export interface CycleRef {
  orgId: string;
  planId: string;
  memberId: string;
}

/** Business refusals of the cycle that retrying cannot fix. */
export const COOP_NON_RETRYABLE = ['ContributionRefused'];

function refusal(err: unknown): never {
  if (err instanceof ContributionRefusedError)
    throw ApplicationFailure.create({
      type: 'ContributionRefused',
      message: err.message,
      nonRetryable: true,
      details: [err.params],
    });
  throw err;
}

/**
 * The contribution cycle's I/O (workflows/contribution-cycle.ts). Each call is one short transaction,
 * idempotent by a key (line seq, penalty period, decision id, notice dedupe key), so a retried or
 * replayed activity never writes a ledger entry twice.
 */
export function createCoopActivities({ orm, channels }: { orm: Orm; channels: ChannelSource }) {
  return {
    async loadCycle(ref: CycleRef): Promise<CycleSnapshot> {
      return withTenant(orm, { orgId: ref.orgId }, (em) => loadCycleSnapshot(em, ref.planId, ref.memberId));
    },

    async callForFunds(req: CycleRef & { seq: number; workflowId: string }): Promise<ContributionView> {
      return withTenant(orm, { orgId: req.orgId }, async (em) =>
        contributionView(await callLine(em, { orgId: req.orgId }, req)),
      ).catch(refusal);
    },

    async markContributionLate(req: { orgId: string; contributionId: string; periods: number }) {
      return withTenant(orm, { orgId: req.orgId }, async (em) =>
        contributionView(await markLate(em, { orgId: req.orgId }, req)),
      );
    },

    async decideContribution(
      req: DecisionInput & { orgId: string; actorId: string | null; correlationId?: string | null },
    ): Promise<ContributionView> {
      const ctx = {
        orgId: req.orgId,
        userId: req.actorId ?? undefined,
        correlationId: req.correlationId ?? undefined,
      };
      return withTenant(orm, ctx, async (em) =>
        contributionView(await decideContribution(em, ctx, req)),
      ).catch(refusal);
    },

    async queueCycleNotice(req: {
      orgId: string;
      contributionId: string;
      kind: CycleNoticeKind;
      period?: number;
    }): Promise<NoticeResult> {
      return withTenant(orm, { orgId: req.orgId }, async (em) =>
        queueCycleNotice(em, { orgId: req.orgId }, req, await configuredChannels(channels, em, req.orgId)),
      );
    },
  };
}

export type CoopActivities = ReturnType<typeof createCoopActivities>;
