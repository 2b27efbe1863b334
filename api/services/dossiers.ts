import { COOP_GROUP_CASE_TYPE } from '../../definitions/coop/group-status.js';
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { recordAudit } from '../../db/audit.js';
import { latestPublished } from '../../db/definitions.js';
import type { DossierView } from '../../definitions/dossier-view.js';
import { dossierView } from '../../db/dossier-view.js';
import { Dossier, DossierStatusHistory, TimelineEvent } from '../../db/entities/index.js';
import { recomputeDossierScore } from '../../db/scoring.js';
import { withTenant, type Orm, type TenantContext } from '../../db/orm.js';
import { initialState } from '../../definitions/guards.js';
import type { WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';
import { dossierWorkflowId, startDossierWorkflow } from '../lib/dossier-workflows.js';
import { remember, replay, type StoredAnswer } from '../lib/idempotency.js';
import { assertReferences } from '../../services/tenant-references.js';
import { dossierReferences, type DossierInput } from '../../services/crm/dossier-edit.js';
import { problems } from '../problem.js';

export { dossierReferences, type DossierInput } from '../../services/crm/dossier-edit.js';

function reference(now: Date): string {
  return `D-${now.getUTCFullYear()}-${randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/**
 * Creates a dossier on the latest published version of its case type: its workflow starts first
 * (nothing is persisted if Temporal is down), then the row, history, timeline and audit commit
 * together; a failed commit terminates the just-started workflow.
 */
export async function createDossier(
  deps: { orm: Orm; temporal: Client; taskQueue: string; historyLimit?: number },
  ctx: TenantContext & { orgSlug: string },
  input: DossierInput,
  idempotency?: { scope: string; key: string; hash: string },
): Promise<StoredAnswer> {
  const prepared = await withTenant(deps.orm, ctx, async (em) => {
    if (idempotency) {
      const stored = await replay(em, idempotency.scope, idempotency.key, idempotency.hash);
      if (stored) return { stored };
    }
    await assertReferences(em, ctx.orgId, dossierReferences(input));
    // COOP_GROUP moves cooperative groups (api/services/coop-groups.ts), never a dossier.
    const definition =
      input.caseType === COOP_GROUP_CASE_TYPE ? null : await latestPublished(em, input.caseType);
    if (!definition) {
      throw problems.validation([
        { field: 'caseType', message: `no published pipeline for case type ${input.caseType}` },
      ]);
    }
    return { definition };
  });
  if (prepared.stored) return prepared.stored;
  const def = prepared.definition!;
  const body = def.body as unknown as WorkflowDefinitionBody;
  const initial = initialState(body);
  if (!initial)
    throw problems.unprocessable(
      'definition-invalid',
      'Invalid pipeline',
      'The published pipeline has no initial state.',
    );

  const id = randomUUID();
  const now = new Date();
  const workflowId = dossierWorkflowId(ctx.orgSlug, id);
  const dossierReference = reference(now);
  const handle = await startDossierWorkflow(
    deps.temporal,
    deps.taskQueue,
    workflowId,
    {
      orgId: ctx.orgId,
      orgSlug: ctx.orgSlug,
      dossierId: id,
      reference: dossierReference,
      caseType: input.caseType,
      definition: body,
      definitionId: def.id,
      definitionVersion: def.version,
      statusCode: initial.code,
      enteredStateAt: now.toISOString(),
      continueAsNewAfter: deps.historyLimit,
    },
    { title: input.title },
  );
  try {
    return await withTenant(deps.orm, ctx, async (em) => {
      const dossier = em.create(Dossier, {
        id,
        orgId: ctx.orgId,
        reference: dossierReference,
        caseType: input.caseType,
        statusCode: initial.code,
        statusChangedAt: now,
        definitionId: def.id,
        definitionVersion: def.version,
        workflowId,
        title: input.title,
        contactId: input.contactId ?? null,
        assignedAgentId: input.assignedAgentId ?? null,
        annonceId: input.annonceId ?? null,
        source: input.source ?? null,
        budgetMin: input.budgetMin ?? null,
        budgetMax: input.budgetMax ?? null,
        currency: input.currency ?? 'EUR',
        locationZone: input.locationZone ?? null,
        criteria: input.criteria ?? {},
        amount: input.amount ?? null,
        probability: input.probability ?? null,
        expectedCloseDate: input.expectedCloseDate ?? null,
        metaJson: input.metaJson ?? {},
        createdBy: ctx.userId ?? null,
        createdAt: now,
        updatedAt: now,
      });
      // Scalar FKs (no ORM relations): the dossier row must be written before its history.
      await em.flush();
      em.create(DossierStatusHistory, {
        id: randomUUID(),
        orgId: ctx.orgId,
        dossierId: id,
        fromStatus: null,
        toStatus: initial.code,
        actorId: ctx.userId ?? null,
        actorType: 'USER',
        at: now,
        definitionVersion: def.version,
        updateId: `create:${id}`,
      });
      em.create(TimelineEvent, {
        id: randomUUID(),
        orgId: ctx.orgId,
        dossierId: id,
        contactId: input.contactId ?? null,
        kind: 'CREATED',
        authorId: ctx.userId ?? null,
        title: `Dossier created in ${initial.code}`,
        payload: { status: initial.code },
        occurredAt: now,
        sourceKey: `create:${id}`,
      });
      await em.flush();
      await recomputeDossierScore(em, ctx.orgId, id, now);
      const view: DossierView = dossierView(dossier);
      await recordAudit(em, ctx, { entityType: 'Dossier', entityId: id, action: 'CREATE', after: view });
      const answer = { statusCode: 201, body: view };
      if (idempotency) remember(em, ctx.orgId, idempotency.scope, idempotency.key, idempotency.hash, answer);
      await em.flush();
      return answer;
    });
  } catch (err) {
    await handle.terminate('dossier row was not persisted').catch(() => undefined);
    if (idempotency) {
      // A concurrent request with the same key won the race: answer what it answered.
      const stored = await withTenant(deps.orm, ctx, (em) =>
        replay(em, idempotency.scope, idempotency.key, idempotency.hash),
      );
      if (stored) return stored;
    }
    throw err;
  }
}
