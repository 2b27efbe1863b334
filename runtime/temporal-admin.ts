/** Talking to a Temporal frontend as its operator: readiness, namespace, search attributes. */
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import proto from '@temporalio/proto';
import type { ChildProcess } from 'node:child_process';

const { temporal } = proto;

/**
 * Custom search attributes ops filter on in the Temporal UI (all Keyword; codes and ids, never personal
 * data: Temporal stores them unencrypted). OrgSlug and DossierReference are the ones a person can type.
 */
export const SEARCH_ATTRIBUTES = [
  'OrgId',
  'OrgSlug',
  'CaseType',
  'StatusCode',
  'EntityId',
  'DossierReference',
] as const;

/** Resolves once the frontend answers; rejects when `child` exits first or the time is up. */
export async function waitForTemporal(
  address: string,
  timeoutMs: number,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null))
      throw new Error(
        `the Temporal server exited (${child.exitCode ?? child.signalCode}) before it was ready`,
      );
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal at ${address} did not become ready: ${String(lastError)}`);
}

/**
 * Registers the namespace (when asked and missing) and the custom search attributes that are missing.
 * Idempotent; returns the attributes it added.
 */
export async function registerSearchAttributes(
  address: string,
  namespace: string,
  opts: { createNamespace?: boolean } = {},
): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    if (opts.createNamespace) {
      try {
        await connection.workflowService.describeNamespace({ namespace });
      } catch {
        await connection.workflowService.registerNamespace({
          namespace,
          workflowExecutionRetentionPeriod: msToTs('3 days'),
        });
        await waitForNamespace(connection, namespace);
      }
    }
    // A namespace registered a moment ago reaches the operator service when its cache refreshes: retry.
    return await retryFor(30_000, async () => {
      const existing = await connection.operatorService.listSearchAttributes({ namespace });
      const missing = SEARCH_ATTRIBUTES.filter((name) => !(name in (existing.customAttributes ?? {})));
      if (missing.length) {
        await connection.operatorService.addSearchAttributes({
          namespace,
          searchAttributes: Object.fromEntries(
            missing.map((n) => [n, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
          ),
        });
      }
      return missing;
    });
  } finally {
    await connection.close();
  }
}

async function retryFor<T>(ms: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** A namespace just registered is served by every frontend within seconds (its cache refreshes). */
async function waitForNamespace(connection: Connection, namespace: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await connection.workflowService.describeNamespace({ namespace });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** The version a Temporal frontend reports (`unknown` when it says none). */
export async function serverVersion(address: string): Promise<string> {
  const connection = await Connection.connect({ address });
  try {
    return (await connection.workflowService.getSystemInfo({})).serverVersion || 'unknown';
  } finally {
    await connection.close();
  }
}
