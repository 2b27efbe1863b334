import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DossierView } from '../../db/dossiers.js';
import {
  dossierLifecycle,
  migrateUpdate,
  transitionUpdate,
  type DossierWorkflowInput,
  type MigrationRequest,
  type TransitionRequest,
} from '../../workflows/dossier-lifecycle.js';
import { REFUSAL_HTTP_STATUS, type DossierRefusal } from '../../workflows/dossier-refusals.js';
import type { ProblemType } from '../problem-codes.js';
import { HttpProblem } from '../problem.js';

/** Readable in the Temporal UI: `dossier-<org slug>-<first 12 hex of the id>`. */
export function dossierWorkflowId(orgSlug: string, dossierId: string): string {
  return `dossier-${orgSlug}-${dossierId.replace(/-/g, '').slice(0, 12)}`;
}

export function requireTemporal(client: Client | undefined): Client {
  if (!client)
    throw new HttpProblem(
      503,
      'temporal-unavailable',
      'Workflow engine unavailable',
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
      searchAttributes: {
        OrgId: [input.orgId],
        CaseType: [input.caseType],
        StatusCode: [input.statusCode],
        EntityId: [input.dossierId],
      },
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return client.workflow.getHandle(workflowId);
    throw err;
  }
}

const TITLES: Record<DossierRefusal, string> = {
  DossierNotFound: 'Not found',
  DossierClosed: 'Dossier closed',
  DossierStaleState: 'Conflict',
  IllegalTransition: 'Transition not allowed',
  TransitionForbidden: 'Forbidden',
  ReasonRequired: 'Reason required',
  GuardBlocked: 'Transition blocked',
};

/** Each refusal's problem type (its code in UPPER_SNAKE: DossierStaleState → DOSSIER_STALE_STATE). */
const PROBLEM_TYPE: Record<DossierRefusal, ProblemType> = {
  DossierNotFound: 'dossier-not-found',
  DossierClosed: 'dossier-closed',
  DossierStaleState: 'dossier-stale-state',
  IllegalTransition: 'illegal-transition',
  TransitionForbidden: 'transition-forbidden',
  ReasonRequired: 'reason-required',
  GuardBlocked: 'guard-blocked',
};

/** Turns the workflow's refusal into the HTTP problem the brief asks for (403/404/409/422). */
function toProblem(err: unknown): never {
  const cause = err instanceof WorkflowUpdateFailedError ? err.cause : err;
  if (cause instanceof ApplicationFailure && cause.type && cause.type in REFUSAL_HTTP_STATUS) {
    const type = cause.type as DossierRefusal;
    const details = (cause.details?.[0] ?? {}) as Record<string, unknown>;
    throw new HttpProblem(
      REFUSAL_HTTP_STATUS[type],
      PROBLEM_TYPE[type],
      TITLES[type],
      cause.message,
      details,
    );
  }
  if (
    err instanceof WorkflowUpdateFailedError &&
    /wasn't processed by worker/i.test(String((err.cause as Error | undefined)?.message))
  ) {
    // Admitted while a racing request closed the dossier and its workflow ended.
    throw new HttpProblem(
      409,
      'dossier-stale-state',
      'Conflict',
      'The dossier changed while your request waited; reload it and try again.',
    );
  }
  if (
    err instanceof WorkflowNotFoundError ||
    (err instanceof Error && /workflow execution already completed/i.test(err.message))
  ) {
    throw new HttpProblem(
      422,
      'dossier-closed',
      'Dossier closed',
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
