import { Contact, WorkflowDefinition } from '../../../../db/entities/index.js';
import type { IDossier } from '../../../../db/entities/dossier.js';
import { loadGuardFacts } from '../../../../db/facts.js';
import type { Em } from '../../../../db/orm.js';
import { evaluateTransitions } from '../../../../definitions/guards.js';
import type { WorkflowDefinitionBody } from '../../../../definitions/workflow-definition.schema.js';
import type { Principal } from '../../../types.js';

/**
 * The moves from the dossier's current status, each allowed for this user or blocked with why; read
 * by GET …/transitions and by the dossier workspace.
 */
export async function transitionOptions(em: Em, dossier: IDossier, p: Principal, lang: 'fr' | 'en') {
  const def = await em.findOneOrFail(WorkflowDefinition, { id: dossier.definitionId });
  const body = def.body as unknown as WorkflowDefinitionBody;
  const user = { id: p.userId, roles: p.roles, permissions: [...p.permissions] };
  const facts = await loadGuardFacts(em, dossier.id, user, new Date());
  const data = evaluateTransitions(body, dossier.statusCode, facts, user, lang);
  // A won deal whose contact is still a lead offers to make them a client in the same move.
  const lead = dossier.contactId
    ? await em.findOne(Contact, { id: dossier.contactId, status: 'lead' })
    : null;
  return data.map((t) => ({ ...t, offersContactConversion: !!lead && t.reasonType === 'WON' }));
}
