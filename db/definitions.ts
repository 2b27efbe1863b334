import { BUILT_IN_TEMPLATES, builtInTemplate } from '../definitions/templates/index.js';
import type { WorkflowDefinitionBody } from '../definitions/workflow-definition.schema.js';
import { recordAudit } from './audit.js';
import { WorkflowDefinition, type IWorkflowDefinition } from './entities/index.js';
import type { Em, TenantContext } from './orm.js';
import { seedDefaultScoringRules } from './scoring.js';

export function definitionView(d: IWorkflowDefinition) {
  return {
    id: d.id,
    caseType: d.caseType,
    version: d.version,
    status: d.status,
    name: d.name,
    definition: d.body as unknown as WorkflowDefinitionBody,
    publishedAt: d.publishedAt ? d.publishedAt.toISOString() : null,
    publishedBy: d.publishedBy ?? null,
    retiredAt: d.retiredAt ? d.retiredAt.toISOString() : null,
    basedOnId: d.basedOnId ?? null,
    lockVersion: d.lockVersion,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}
export type DefinitionView = ReturnType<typeof definitionView>;

/** The version new dossiers of a case type start on: the highest published one. Read fresh every time. */
export async function latestPublished(em: Em, caseType: string): Promise<IWorkflowDefinition | null> {
  return em.findOne(WorkflowDefinition, { caseType, status: 'PUBLISHED' }, { orderBy: { version: 'desc' } });
}

export async function nextVersion(em: Em, caseType: string): Promise<number> {
  const rows = await em.execute<{ v: number | null }[]>(
    'select max(version) as v from workflow_definition where case_type = ?',
    [caseType],
  );
  return (rows[0]?.v ?? 0) + 1;
}

/** Publishes a built-in template as version 1 of its case type, audited as a system publication. */
async function publishBuiltInTemplate(
  em: Em,
  ctx: TenantContext,
  template: WorkflowDefinitionBody,
): Promise<IWorkflowDefinition> {
  const def = em.create(WorkflowDefinition, {
    orgId: ctx.orgId,
    caseType: template.caseType,
    version: 1,
    status: 'PUBLISHED',
    name: template.name as Record<string, string>,
    body: template as unknown as Record<string, unknown>,
    publishedAt: new Date(),
  });
  await em.flush();
  await recordAudit(em, ctx, {
    entityType: 'WorkflowDefinition',
    entityId: def.id,
    action: 'PUBLISH',
    after: definitionView(def),
    actorType: 'SYSTEM',
  });
  return def;
}

/**
 * The latest published definition of a built-in case type; an organisation created before that case
 * type existed (listings, cooperative groups) gets the built-in template as version 1 on first use.
 */
export async function latestPublishedOrBuiltIn(
  em: Em,
  ctx: TenantContext,
  caseType: string,
): Promise<IWorkflowDefinition | null> {
  const found = await latestPublished(em, caseType);
  if (found) return found;
  const template = builtInTemplate(caseType);
  return template ? publishBuiltInTemplate(em, ctx, template) : null;
}

/** Seeds the built-in templates (and default scoring rules) as published version 1 where missing. */
export async function seedBuiltInDefinitions(em: Em, ctx: TenantContext): Promise<void> {
  for (const template of BUILT_IN_TEMPLATES) {
    if (await em.count(WorkflowDefinition, { caseType: template.caseType })) continue;
    await publishBuiltInTemplate(em, ctx, template);
  }
  // The default lead-scoring rules ship with the built-in workflows (same seeding, same idempotence).
  await seedDefaultScoringRules(em, ctx);
}
