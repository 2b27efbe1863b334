import type { Client } from '@temporalio/client';
import { Dossier, type IWorkflowDefinition } from '../../db/entities/index.js';
import type { Em } from '../../db/orm.js';
import { findState } from '../../definitions/guards.js';
import type { WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';
import { migrateDossier } from '../lib/dossier-workflows.js';
import { HttpProblem, problems, type FieldError } from '../problem.js';

/** F-2.4: moving open dossiers pinned to older versions onto a published version, with a state mapping. */

/** Dossiers handled per call; the answer says when more remain (call again: moved ones drop out). */
export const MIGRATION_BATCH = 1000;
const PARALLEL_UPDATES = 8;

export type MigrationOutcome = 'WOULD_MOVE' | 'MOVED' | 'CANNOT_MOVE' | 'FAILED';

export interface MigrationItem {
  dossierId: string;
  reference: string;
  fromVersion: number;
  fromStatus: string;
  toStatus: string;
  outcome: MigrationOutcome;
  reason?: string;
  workflowId: string;
}

export interface MigrationOptions {
  mapping: Record<string, string>;
  fromVersions?: number[] | undefined;
}

/** Mapping values must be non-terminal states of the target: a migration never closes a dossier. */
export function assertMapping(def: WorkflowDefinitionBody, version: number, mapping: Record<string, string>) {
  const errors: FieldError[] = [];
  for (const [from, to] of Object.entries(mapping)) {
    const state = findState(def, to);
    if (!state)
      errors.push({ field: `mapping.${from}`, message: `${to} is not a state of version ${version}` });
    else if (state.terminal) {
      errors.push({
        field: `mapping.${from}`,
        message: `${to} is terminal in version ${version}; close dossiers through a transition instead`,
      });
    }
  }
  if (errors.length) throw problems.validation(errors);
}

/** Open dossiers of the case type on another version (or on `fromVersions`), each with its outcome. */
export async function planMigration(
  em: Em,
  target: IWorkflowDefinition,
  opts: MigrationOptions,
): Promise<{ items: MigrationItem[]; remaining: number }> {
  const def = target.body as unknown as WorkflowDefinitionBody;
  const versions = opts.fromVersions?.filter((v) => v !== target.version);
  const [dossiers, total] = await em.findAndCount(
    Dossier,
    {
      caseType: target.caseType,
      closedAt: null,
      definitionVersion: versions ? { $in: versions } : { $ne: target.version },
    },
    { orderBy: { createdAt: 'asc', id: 'asc' }, limit: MIGRATION_BATCH },
  );
  const items = dossiers.map((d): MigrationItem => {
    const toStatus = opts.mapping[d.statusCode] ?? d.statusCode;
    const base = {
      dossierId: d.id,
      reference: d.reference,
      fromVersion: d.definitionVersion,
      fromStatus: d.statusCode,
      toStatus,
      workflowId: d.workflowId,
    };
    const state = findState(def, toStatus);
    if (!state) {
      const reason = `status ${d.statusCode} does not exist in version ${target.version} and no mapping was given`;
      return { ...base, outcome: 'CANNOT_MOVE', reason };
    }
    if (state.terminal) {
      const reason = `status ${toStatus} is terminal in version ${target.version}; map it to an open state`;
      return { ...base, outcome: 'CANNOT_MOVE', reason };
    }
    return { ...base, outcome: 'WOULD_MOVE' };
  });
  return { items, remaining: total - items.length };
}

/** Sends the migration Update to each movable dossier's workflow (which re-pins it and records it). */
export async function executeMigration(
  client: Client,
  target: IWorkflowDefinition,
  ctx: { orgId: string; userId: string },
  items: MigrationItem[],
): Promise<MigrationItem[]> {
  const definition = target.body as unknown as WorkflowDefinitionBody;
  const moveOne = async (item: MigrationItem): Promise<MigrationItem> => {
    if (item.outcome !== 'WOULD_MOVE') return item;
    try {
      await migrateDossier(
        client,
        item.workflowId,
        {
          orgId: ctx.orgId,
          definition,
          definitionId: target.id,
          definitionVersion: target.version,
          toStatus: item.toStatus,
          actorId: ctx.userId,
        },
        `migrate-${target.id}-${item.dossierId}`,
      );
      return { ...item, outcome: 'MOVED' };
    } catch (err) {
      const reason =
        err instanceof HttpProblem ? err.detail : err instanceof Error ? err.message : String(err);
      return { ...item, outcome: 'FAILED', reason };
    }
  };
  const results: MigrationItem[] = new Array<MigrationItem>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await moveOne(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_UPDATES, items.length) }, lane));
  return results;
}

export function migrationSummary(items: MigrationItem[]) {
  const count = (o: MigrationOutcome) => items.filter((i) => i.outcome === o).length;
  return {
    total: items.length,
    moved: count('MOVED'),
    wouldMove: count('WOULD_MOVE'),
    cannotMove: count('CANNOT_MOVE'),
    failed: count('FAILED'),
  };
}
