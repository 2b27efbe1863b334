import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A versioned, tenant-editable process definition (F-2.2). `version` is the definition's number
 * (immutable once PUBLISHED); `lockVersion` is the optimistic lock for editing a DRAFT.
 */
export const WorkflowDefinition = defineEntity({
  name: 'WorkflowDefinition',
  tableName: 'workflow_definition',
  uniques: [{ properties: ['orgId', 'caseType', 'version'] }],
  indexes: [{ properties: ['orgId', 'caseType', 'status'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    orgId: p.uuid(),
    caseType: p.string().length(64),
    version: p.integer(),
    status: p.string().length(16).default('DRAFT'),
    name: p.json<Record<string, string>>(),
    /** The definition as the manager wrote it (caseType, name, states, transitions). */
    body: p.json<Record<string, unknown>>(),
    publishedAt: p.datetime().nullable(),
    publishedBy: p.uuid().nullable(),
    retiredAt: p.datetime().nullable(),
    basedOnId: p.uuid().nullable(),
    lockVersion: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    createdBy: p.uuid().nullable(),
  },
});
export type IWorkflowDefinition = InferEntity<typeof WorkflowDefinition>;
