import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DossierView } from '../../definitions/dossier-view.js';
import {
  dossierLifecycle,
  migrateUpdate,
  transitionUpdate,
  type DossierWorkflowInput,
  type MigrationRequest,
  type TransitionRequest,
} from '../../workflows/dossier-lifecycle.js';
import { DOSSIER_REFUSAL_CODE, type DossierRefusal } from '../../workflows/dossier-refusals.js';
import { DomainError } from '../../services/domain-error.js';

/** Readable in the Temporal UI: `dossier-<org slug>-<first 12 hex of the id>`. */
export function dossierWorkflowId(orgSlug: string, dossierId: string): string {
  return `dossier-${orgSlug}-${dossierId.replace(/-/g, '').slice(0, 12)}`;
}

/**
 * What ops filter a dossier's workflow on in the Temporal UI. Codes and ids only: Temporal stores
 * search attributes unencrypted, so no title or name. The reference never changes (no upsert needed);
 * StatusCode is upserted by the workflow on every transition.
 */
export function dossierSearchAttributes(input: DossierWorkflowInput): Record<string, string[]> {
  return {
    OrgId: [input.orgId],
    OrgSlug: [input.orgSlug],
    CaseType: [input.caseType],
    StatusCode: [input.statusCode],
    EntityId: [input.dossierId],
    ...(input.reference ? { DossierReference: [input.reference] } : {}),
  };
}

export function requireTemporal(client: Client | undefined): Client {
  if (!client)
    throw new DomainError(
      'engine',
      'unavailable',
      'TEMPORAL_UNAVAILABLE',
      'The workflow engine is not reachable; retry shortly.',
    );
  return client;
}

export async function startDossierWorkflow(
  client: Client,
  taskQueue: string,
  workflowId: string,
  input: DossierWorkflowInput,
  memo: Record<string, unknown>,
) {
  try {
    return await client.workflow.start(dossierLifecycle, {
      taskQueue,
      workflowId,
      args: [input],
      memo,
      searchAttributes: dossierSearchAttributes(input),
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return client.workflow.getHandle(workflowId);
    throw err;
  }
}

/** Turns the workflow's refusal into the engine's DomainError (the API answers 403/404/409/422). */
function toProblem(err: unknown): never {
  const cause = err instanceof WorkflowUpdateFailedError ? err.cause : err;
  if (cause instanceof ApplicationFailure && cause.type && cause.type in DOSSIER_REFUSAL_CODE) {
    const { code, kind } = DOSSIER_REFUSAL_CODE[cause.type as DossierRefusal];
    const details = (cause.details?.[0] ?? {}) as Record<string, unknown>;
    throw new DomainError('engine', kind, code, cause.message, details);
  }
  if (
    err instanceof WorkflowUpdateFailedError &&
    /wasn't processed by worker/i.test(String((err.cause as Error | undefined)?.message))
  ) {
    // Admitted while a racing request closed the dossier and its workflow ended.
    throw new DomainError(
      'engine',
      'conflict',
      'DOSSIER_STALE_STATE',
      'The dossier changed while your request waited; reload it and try again.',
    );
  }
  if (
    err instanceof WorkflowNotFoundError ||
    (err instanceof Error && /workflow execution already completed/i.test(err.message))
  ) {
    throw new DomainError(
      'engine',
      'invalid',
      'DOSSIER_CLOSED',
      'This dossier is closed; its process has ended.',
    );
  }
  throw err;
}

export async function transitionDossier(
  client: Client,
  workflowId: string,
  req: TransitionRequest,
  updateId: string,
): Promise<DossierView> {
  try {
    return await client.workflow
      .getHandle(workflowId)
      .executeUpdate(transitionUpdate, { args: [req], updateId });
  } catch (err) {
    return toProblem(err);
  }
}

export async function migrateDossier(
  client: Client,
  workflowId: string,
  req: MigrationRequest,
  updateId: string,
): Promise<DossierView> {
  try {
    return await client.workflow
      .getHandle(workflowId)
      .executeUpdate(migrateUpdate, { args: [req], updateId });
  } catch (err) {
    return toProblem(err);
  }
}

/** The outcome of an update already sent with this id (a concurrent retry of the same request), if any. */
export async function existingUpdateResult(
  client: Client,
  workflowId: string,
  updateId: string,
): Promise<DossierView | undefined> {
  try {
    return await client.workflow.getHandle(workflowId).getUpdateHandle<DossierView>(updateId).result();
  } catch {
    return undefined;
  }
}
