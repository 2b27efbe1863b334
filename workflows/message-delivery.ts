import {
  ActivityFailure,
  ApplicationFailure,
  ParentClosePolicy,
  proxyActivities,
  startChild,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { DeliveryResult, MessageActivities, MessageRef } from '../activities/message-activities.js';

export const MESSAGE_DELIVERY_WORKFLOW = 'messageDelivery';

const { deliverMessage } = proxyActivities<MessageActivities>({
  // Above the provider timeout (CHANNEL_TIMEOUT_MS, 10 s): a worker that died mid-send is noticed fast.
  startToCloseTimeout: '20 seconds',
  // Transient provider trouble (5xx, 429, network) backs off up to a minute apart, about an hour in all.
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 60,
    nonRetryableErrorTypes: ['PermanentChannelError'],
  },
});
const { failMessage, listStaleOutbox } = proxyActivities<MessageActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '30 seconds' },
});

export function messageWorkflowId(messageId: string): string {
  return `message-${messageId}`;
}

function reasonOf(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) return err.cause.message;
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}

/**
 * Delivers one outbound message (one workflow per message, id `message-<id>`, so a repeated start is
 * one delivery). A provider's permanent refusal, or retries exhausted, ends the message FAILED with
 * the reason on its timeline.
 */
export async function messageDelivery(ref: MessageRef): Promise<DeliveryResult> {
  try {
    return await deliverMessage(ref);
  } catch (err) {
    const reason = reasonOf(err);
    await failMessage({ ...ref, reason });
    return { status: 'FAILED', reason };
  }
}

/**
 * The outbox sweep (Temporal Schedule `outbox-sweep`): restarts the delivery of any message whose
 * outbox row outlived its start, so a crash between the API's commit and the workflow start never
 * loses a message.
 */
export async function outboxSweep(input: { olderThanSeconds?: number } = {}): Promise<{ restarted: number }> {
  const stale = await listStaleOutbox({ olderThanSeconds: input.olderThanSeconds ?? 10 });
  let restarted = 0;
  for (const ref of stale) {
    try {
      await startChild(messageDelivery, {
        workflowId: messageWorkflowId(ref.messageId),
        args: [ref],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      });
      restarted++;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
  return { restarted };
}
