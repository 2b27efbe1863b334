import { recordAudit } from '../../db/audit.js';
import { definitionView, nextVersion, type DefinitionView } from '../../db/definitions.js';
import { activeCodes } from '../../db/dictionaries.js';
import { WorkflowDefinition, type IWorkflowDefinition } from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { DefinitionErrorCode } from '../../definitions/definition-error.js';
import { validateDefinition, type DefinitionValidation } from '../../definitions/validate-definition.js';
import type { WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';
import { failures } from '../failures.js';
import type { DocumentKind } from './versioned-documents.js';

const fail = failures('engine');

/** Loading, locking, validating and auditing workflow definitions for the definition routes. */

export type DefinitionListItem = DefinitionView & { isLatestPublished: boolean };

export async function loadDefinition(em: Em, id: string): Promise<IWorkflowDefinition> {
  const def = await em.findOne(WorkflowDefinition, { id });
  if (!def) throw fail.notFound('Workflow definition');
  return def;
}

export function bodyOf(def: IWorkflowDefinition): WorkflowDefinitionBody {
  return def.body as unknown as WorkflowDefinitionBody;
}

/**
 * Serialises version numbering, publishing and retiring of one case type for the transaction, so two
 * managers cannot both take version N+1 or publish out of order.
 */
export async function lockCaseType(em: Em, orgId: string, caseType: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`workflow-definition:${orgId}:${caseType}`]);
}

/** Shape problems only (the JSON schema part): static problems are allowed in a draft. */
const SHAPE_CODES = new Set<string>([DefinitionErrorCode.SCHEMA, DefinitionErrorCode.UNKNOWN_PERMISSION]);

/** Throws 400 `{ errors: [{ field: <JSON pointer>, message }] }` unless `input` has a definition's shape. */
export function assertDefinitionShape(input: unknown): asserts input is WorkflowDefinitionBody {
  // validateDefinition only runs the static rules once the shape passed, and they never emit SHAPE_CODES.
  const { errors } = validateDefinition(input, { statusCodes: [] });
  const shape = errors.filter((e) => SHAPE_CODES.has(e.code));
  if (shape.length) {
    throw fail.validation(
      shape.map((e) => ({ field: e.path || '/', message: e.message })),
      'The body is not a workflow definition; see errors for each place.',
    );
  }
}

/** Full validation against the tenant's effective, active CASE_STATUS codes. */
export async function validateForTenant(em: Em, def: IWorkflowDefinition): Promise<DefinitionValidation> {
  return validateDefinition(def.body, { statusCodes: await activeCodes(em, 'CASE_STATUS') });
}

/** What validate answers and publish puts into its 422: path, message, a stable code and its params. */
export function validationErrors(validation: DefinitionValidation) {
  return validation.errors.map((e) => ({
    path: e.path,
    field: e.path || '/',
    message: e.message,
    code: e.code,
    ...(e.params ? { params: e.params } : {}),
  }));
}

/** caseType → highest PUBLISHED version: the one new dossiers start on. */
export async function latestPublishedVersions(em: Em): Promise<Map<string, number>> {
  const rows = await em.execute<{ case_type: string; v: number }[]>(
    `select case_type, max(version) as v from workflow_definition where status = 'PUBLISHED' group by case_type`,
  );
  return new Map(rows.map((r) => [r.case_type, Number(r.v)]));
}

export function listItem(def: IWorkflowDefinition, latest: Map<string, number>): DefinitionListItem {
  return {
    ...definitionView(def),
    isLatestPublished: def.status === 'PUBLISHED' && latest.get(def.caseType) === def.version,
  };
}

export async function auditDefinition(
  em: Em,
  ctx: TenantContext,
  action: string,
  def: IWorkflowDefinition,
  before: DefinitionView | null,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(em, ctx, {
    entityType: 'WorkflowDefinition',
    entityId: def.id,
    action,
    before: before ? { ...before } : null,
    after: { ...definitionView(def), ...extra },
  });
}

/** `If-Match: 3`, `"3"` or `W/"3"` → 3; anything else is a 400 on the header. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw fail.validation([{ field: 'If-Match', message: 'must be the lockVersion, e.g. "3"' }]);
  return Number(match[1]);
}

export async function openDossierCount(em: Em, where: { definitionId?: string; caseType?: string }) {
  const rows = await em.execute<{ n: string }[]>(
    `select count(*)::text as n from dossier
      where closed_at is null and (?::uuid is null or definition_id = ?::uuid) and (?::text is null or case_type = ?)`,
    [where.definitionId ?? null, where.definitionId ?? null, where.caseType ?? null, where.caseType ?? null],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Workflow definitions as versioned documents: per case type, several published versions at once. */
export const definitionKind: DocumentKind<IWorkflowDefinition, DefinitionView> = {
  name: (def) => `Version ${def.version} of ${def.caseType}`,
  lock: (em, orgId, def) => lockCaseType(em, orgId, def.caseType),
  validate: async (em, def) => {
    const validation = await validateForTenant(em, def);
    return { valid: validation.valid, errors: validationErrors(validation) };
  },
  invalid: { code: 'DEFINITION_INVALID', what: 'definition' },
  published: (em, def) => em.find(WorkflowDefinition, { caseType: def.caseType, status: 'PUBLISHED' }),
  retiresOnPublish: false,
  view: definitionView,
  audit: auditDefinition,
  path: '/workflow-definitions',
  immutable: 'published versions',
  copy: async (em, ctx, source) =>
    em.create(WorkflowDefinition, {
      orgId: ctx.orgId,
      caseType: source.caseType,
      version: await nextVersion(em, source.caseType),
      status: 'DRAFT',
      name: source.name,
      body: structuredClone(source.body),
      basedOnId: source.id,
      createdBy: ctx.userId ?? null,
    }),
  replaceBody: (def, body) => {
    if (body.caseType !== def.caseType)
      throw fail.validation([
        { field: '/caseType', message: `a draft of ${def.caseType} cannot change its case type` },
      ]);
    def.body = body;
    def.name = (body.name as Record<string, string> | undefined) ?? def.name;
  },
};
