import { activeCodes } from '../../db/dictionaries.js';
import { dossierView } from '../../db/dossier-view.js';
import type { ContactRoleCode } from '../../db/entities/contact.js';
import type { IDossier } from '../../db/entities/dossier.js';
import { Contact, DossierStatusHistory, WorkflowDefinition } from '../../db/entities/index.js';
import { loadGuardFacts } from '../../db/facts.js';
import type { Em, TenantContext } from '../../db/orm.js';
import type { DossierView } from '../../definitions/dossier-view.js';
import { evaluateTransitions, findState, reasonDictionaryType } from '../../definitions/guards.js';
import type { WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';
import { convertContact } from '../crm/contact-lifecycle.js';
import { loadDossier } from '../crm/dossier-edit.js';
import { failures } from '../failures.js';

const fail = failures('engine');

export interface TransitionUser {
  id: string;
  roles: string[];
  permissions: string[];
}

export interface TransitionAsk {
  to: string;
  reasonCode?: string;
  comment?: string;
  version?: number;
  convertContact?: boolean;
  contactRole?: ContactRoleCode;
}

/** The moves from the dossier's status, each allowed for this user or blocked with why. */
export async function transitionOptions(em: Em, id: string, user: TransitionUser, lang: 'fr' | 'en') {
  const dossier = await loadDossier(em, id);
  return { statusCode: dossier.statusCode, data: await transitionOptionsOf(em, dossier, user, lang) };
}

/** The same for a dossier already read (the dossier workspace reads it once for all its parts). */
export async function transitionOptionsOf(
  em: Em,
  dossier: IDossier,
  user: TransitionUser,
  lang: 'fr' | 'en',
) {
  const def = await em.findOneOrFail(WorkflowDefinition, { id: dossier.definitionId });
  const body = def.body as unknown as WorkflowDefinitionBody;
  const facts = await loadGuardFacts(em, dossier.id, user, new Date());
  const data = evaluateTransitions(body, dossier.statusCode, facts, user, lang);
  // A won deal whose contact is still a lead offers to make them a client in the same move.
  const lead = dossier.contactId
    ? await em.findOne(Contact, { id: dossier.contactId, status: 'lead' })
    : null;
  return data.map((t) => ({ ...t, offersContactConversion: !!lead && t.reasonType === 'WON' }));
}

/**
 * What the request can check before asking the workflow: the version it read and a reason code that
 * exists in the target's reason dictionary. The workflow decides the rest (guards, races).
 */
export async function prepareTransition(
  em: Em,
  id: string,
  ask: TransitionAsk,
): Promise<{ dossier: DossierView; reasonType: string }> {
  const dossier = await loadDossier(em, id);
  if (ask.version !== undefined && ask.version !== dossier.version) throw fail.staleVersion('This dossier');
  const def = await em.findOneOrFail(WorkflowDefinition, { id: dossier.definitionId });
  const target = findState(def.body as unknown as WorkflowDefinitionBody, ask.to);
  const dictType = target ? reasonDictionaryType(target.reasonType ?? 'NONE') : undefined;
  if (dictType && ask.reasonCode && !(await activeCodes(em, dictType)).has(ask.reasonCode))
    throw fail.validation([{ field: 'reasonCode', message: `unknown ${dictType} code ${ask.reasonCode}` }]);
  return { dossier: dossierView(dossier), reasonType: target?.reasonType ?? 'NONE' };
}

/** After a move: whether this update already applied (a retry with the same key), and the dossier now. */
export async function transitionOutcome(em: Em, id: string, updateId: string | undefined) {
  const applied = updateId ? await em.count(DossierStatusHistory, { updateId }) : 0;
  return { applied, view: dossierView(await loadDossier(em, id)) };
}

/** F-3.4: a won deal can turn its contact (still a lead) into an active client in the same call. */
export async function convertIfAsked(
  em: Em,
  ctx: TenantContext,
  ask: Pick<TransitionAsk, 'convertContact' | 'contactRole'>,
  reasonType: string | undefined,
  moved: DossierView,
): Promise<DossierView | (DossierView & { contactConverted: boolean })> {
  if (!ask.convertContact || reasonType !== 'WON' || !moved.contactId) return moved;
  const contactId = moved.contactId;
  if (!(await em.count(Contact, { id: contactId, status: 'lead' })))
    return { ...moved, contactConverted: false };
  await convertContact(em, ctx, contactId, { role: ask.contactRole });
  return { ...moved, contactConverted: true };
}

/** The dossier's status changes, oldest first. */
export async function dossierHistory(em: Em, id: string) {
  await loadDossier(em, id);
  const rows = await em.find(DossierStatusHistory, { dossierId: id }, { orderBy: { at: 'asc', id: 'asc' } });
  return {
    data: rows.map((h) => ({
      from: h.fromStatus ?? null,
      to: h.toStatus,
      actor: h.actorId ?? null,
      actorType: h.actorType,
      at: h.at.toISOString(),
      reasonCode: h.reasonCode ?? null,
      comment: h.comment ?? null,
      definitionVersion: h.definitionVersion,
    })),
  };
}
