import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

const { temporal } = proto;

const EventType = temporal.api.enums.v1.EventType;

/**
 * Where a transition's time goes inside Temporal: mean gap between consecutive history events, by
 * pair of event types (e.g. WORKFLOW_TASK_SCHEDULED → WORKFLOW_TASK_STARTED = matching latency).
 */
export async function historyProfile(client: Client, workflowId: string) {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const gaps = new Map<string, number[]>();
  let previous: { type: string; ms: number } | undefined;
  for (const event of history.events ?? []) {
    const type = (EventType[event.eventType ?? 0] ?? 'UNKNOWN').replace('EVENT_TYPE_', '');
    const ms = Number(event.eventTime?.seconds ?? 0) * 1000 + (event.eventTime?.nanos ?? 0) / 1e6;
    if (previous) {
      const key = `${previous.type} → ${type}`;
      gaps.set(key, [...(gaps.get(key) ?? []), ms - previous.ms]);
    }
    previous = { type, ms };
  }
  return Object.fromEntries(
    [...gaps.entries()]
      .filter(([, values]) => values.length >= 3)
      .map(([key, values]) => [
        key,
        {
          count: values.length,
          meanMs: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10,
        },
      ])
      .sort((a, b) => (b[1] as { meanMs: number }).meanMs - (a[1] as { meanMs: number }).meanMs),
  );
}
