import type { FastifyInstance } from 'fastify';
import { CODE_PATTERN } from '../../../../definitions/workflow-definition.schema.js';
import { requireTemporal } from '../../../lib/dossier-workflows.js';
import { problems } from '../../../problem.js';
import { errorResponses } from '../../../schemas/shared.js';
import {
  assertMapping,
  executeMigration,
  MIGRATION_BATCH,
  migrationSummary,
  planMigration,
  type MigrationItem,
} from '../../../services/definition-migration.js';
import { auditDefinition, bodyOf, loadDefinition } from '../../../../services/engine/definition-store.js';
import { emptyBodyAsObject, idParams } from './schemas.js';

const tags = ['workflow-definitions'];

interface MigrationBody {
  dryRun?: boolean;
  mapping?: Record<string, string>;
  fromVersions?: number[];
}

const itemSchema = {
  type: 'object',
  description: '`reason` only when it cannot move or failed',
  required: ['dossierId', 'reference', 'fromVersion', 'fromStatus', 'toStatus', 'outcome'],
  properties: {
    dossierId: { type: 'string' },
    reference: { type: 'string' },
    fromVersion: { type: 'integer' },
    fromStatus: { type: 'string' },
    toStatus: { type: 'string' },
    outcome: { type: 'string', enum: ['WOULD_MOVE', 'MOVED', 'CANNOT_MOVE', 'FAILED'] },
    reason: { type: 'string' },
  },
} as const;

/** F-2.4: move running dossiers onto a published version, after a dry run shows what would happen. */
export default async function definitionMigrationRoutes(app: FastifyInstance) {
  app.post<{ Params: { id: string }; Body: MigrationBody }>(
    '/workflow-definitions/:id/migrations',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      preValidation: emptyBodyAsObject,
      schema: {
        tags,
        summary: 'Migrate open dossiers of older versions to this published version (dry run by default)',
        description: `Each open dossier of the case type on another version (or on \`fromVersions\`) goes to mapping[status] ?? status; when that is not an open state of this version it cannot move. dryRun (default true) only lists outcomes. At most ${MIGRATION_BATCH} dossiers per call: \`remaining\` tells how many are left.`,
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            dryRun: { type: 'boolean', default: true },
            mapping: {
              type: 'object',
              maxProperties: 200,
              propertyNames: { pattern: CODE_PATTERN },
              additionalProperties: { type: 'string', maxLength: 64 },
            },
            fromVersions: {
              type: 'array',
              uniqueItems: true,
              maxItems: 100,
              items: { type: 'integer', minimum: 1 },
            },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['dryRun', 'target', 'summary', 'data'],
            properties: {
              dryRun: { type: 'boolean' },
              target: {
                type: 'object',
                required: ['id', 'version'],
                properties: { id: { type: 'string' }, version: { type: 'integer' } },
              },
              summary: {
                type: 'object',
                required: ['total', 'moved', 'wouldMove', 'cannotMove', 'failed'],
                properties: {
                  total: { type: 'integer' },
                  moved: { type: 'integer' },
                  wouldMove: { type: 'integer' },
                  cannotMove: { type: 'integer' },
                  failed: { type: 'integer' },
                },
              },
              remaining: { type: 'integer' },
              data: { type: 'array', items: itemSchema },
            },
          },
          ...errorResponses(400, 401, 403, 404, 409, 503),
        },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      const dryRun = request.body.dryRun ?? true;
      const mapping = request.body.mapping ?? {};
      const fromVersions = request.body.fromVersions;
      const plan = await request.tx(async (em) => {
        const target = await loadDefinition(em, request.params.id);
        if (target.status !== 'PUBLISHED') {
          throw problems.conflict(
            `Dossiers can only move to a published version; version ${target.version} of ${target.caseType} is ${target.status.toLowerCase()}.`,
          );
        }
        assertMapping(bodyOf(target), target.version, mapping);
        return { target, ...(await planMigration(em, target, { mapping, fromVersions })) };
      });
      const { target } = plan;
      let items: MigrationItem[] = plan.items;
      if (!dryRun && items.some((i) => i.outcome === 'WOULD_MOVE')) {
        items = await executeMigration(
          requireTemporal(app.temporal),
          target,
          { orgId: ctx.orgId, userId: ctx.userId! },
          items,
        );
      }
      const summary = migrationSummary(items);
      if (!dryRun) {
        await request.tx((em) =>
          auditDefinition(em, ctx, 'MIGRATE_DOSSIERS', target, null, {
            migration: { mapping, fromVersions: fromVersions ?? null, summary },
          }),
        );
      }
      return {
        dryRun,
        target: { id: target.id, version: target.version },
        summary,
        remaining: plan.remaining,
        data: items.map(({ workflowId: _internal, ...item }) => item),
      };
    },
  );
}
