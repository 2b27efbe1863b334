import { randomUUID } from 'node:crypto';
import { WorkflowDefinition } from '../../db/entities/index.js';
import { withTenant, type Orm } from '../../db/orm.js';
import type { WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';

/** Publishes a definition for a fresh case type straight in the database (test fixture). */
export async function publishTestDefinition(
  orm: Orm,
  orgId: string,
  body: Omit<WorkflowDefinitionBody, 'caseType'>,
): Promise<string> {
  const caseType = `T_${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
  await withTenant(orm, { orgId }, async (em) => {
    em.create(WorkflowDefinition, {
      orgId,
      caseType,
      version: 1,
      status: 'PUBLISHED',
      name: { fr: caseType },
      body: { caseType, ...body } as unknown as Record<string, unknown>,
      publishedAt: new Date(),
    });
    await em.flush();
  });
  return caseType;
}
