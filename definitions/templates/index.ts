import achat from './achat.json' with { type: 'json' };
import annonce from './annonce.json' with { type: 'json' };
import coopGroup from './coop-group.json' with { type: 'json' };
import lead from './lead.json' with { type: 'json' };
import locationGestion from './location-gestion.json' with { type: 'json' };
import location from './location.json' with { type: 'json' };
import mandat from './mandat.json' with { type: 'json' };
import projet from './projet.json' with { type: 'json' };
import vente from './vente.json' with { type: 'json' };
import type { WorkflowDefinitionBody } from '../workflow-definition.schema.js';

/**
 * The workflows every new tenant starts from (F-2.7). The JSON files are the source of truth, written for
 * managers to read; TypeScript widens JSON literals ("remindAgent" → string), hence the cast — the unit
 * tests validate every template against the schema and the static rules instead.
 */
export const BUILT_IN_TEMPLATES: WorkflowDefinitionBody[] = [
  lead,
  achat,
  location,
  vente,
  locationGestion,
  mandat,
  projet,
  annonce,
  coopGroup,
] as WorkflowDefinitionBody[];

export function builtInTemplate(caseType: string): WorkflowDefinitionBody | undefined {
  return BUILT_IN_TEMPLATES.find((t) => t.caseType === caseType);
}
