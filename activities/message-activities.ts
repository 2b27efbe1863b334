import { withTenant, type Orm } from '../db/orm.js';
import { claimForSending, markFailed, markSent } from '../db/outbound.js';
import { PermanentChannelError, type ChannelSource, type OutboundMessage } from './channels/index.js';

export interface MessageRef {
  orgId: string;
  messageId: string;
}

export interface DeliveryResult {
  status: string;
  providerId?: string;
  reason?: string;
}

/** Provider refusals that retrying cannot fix (the workflow then records them as FAILED). */
export const MESSAGE_NON_RETRYABLE = ['PermanentChannelError'];

/**
 * Delivery of one queued message: send-time checks and the SENDING mark in one transaction, the
 * provider call outside any transaction (with our message id as idempotency key), then SENT.
 * A consent refusal is not an error: the message ends FAILED with the reason, never retried.
 */
export function createMessageActivities({ orm, channels }: { orm: Orm; channels: ChannelSource }) {
  return {
    async deliverMessage(ref: MessageRef): Promise<DeliveryResult> {
      const { claim, configured } = await withTenant(orm, { orgId: ref.orgId }, async (em) => ({
        claim: await claimForSending(em, ref.messageId, new Date()),
        configured: await channels.forOrg(em, ref.orgId),
      }));
      if (claim.kind === 'final') return { status: claim.status };
      if (claim.kind === 'refused') return { status: 'FAILED', reason: claim.reason };
      const m = claim.message;
      const channel = configured[m.channel as OutboundMessage['channel']];
      if (!channel)
        throw new PermanentChannelError(`the ${m.channel} channel is not configured for this organisation`);
      const { providerId } = await channel.send({
        id: m.id,
        channel: m.channel as OutboundMessage['channel'],
        to: m.toAddress ?? '',
        subject: m.subject ?? null,
        content: m.content,
        template: m.template ?? null,
      });
      await withTenant(orm, { orgId: ref.orgId }, (em) => markSent(em, ref.messageId, providerId));
      return { status: 'SENT', providerId };
    },

    async failMessage(ref: MessageRef & { reason: string }): Promise<void> {
      await withTenant(orm, { orgId: ref.orgId }, (em) => markFailed(em, ref.messageId, ref.reason));
    },

    /** Outbox rows whose delivery never started (the API died between commit and start), all tenants. */
    async listStaleOutbox(input: { olderThanSeconds: number }): Promise<MessageRef[]> {
      const rows = await orm.em
        .fork()
        .execute<{ org_id: string; message_id: string }[]>('select org_id, message_id from outbox_stale(?)', [
          input.olderThanSeconds,
        ]);
      return rows.map((r) => ({ orgId: r.org_id, messageId: r.message_id }));
    },
  };
}

export type MessageActivities = ReturnType<typeof createMessageActivities>;
