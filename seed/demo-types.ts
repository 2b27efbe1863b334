/** Shapes shared by the demo builders (seed/demo-rows.ts, demo-activities.ts, demo-engagement.ts). */
import type { WorkflowDefinitionBody } from '../definitions/workflow-definition.schema.js';

export type Row = Record<string, unknown>;
export interface PublishedDef {
  id: string;
  caseType: string;
  version: number;
  body: WorkflowDefinitionBody;
}
export interface DemoOrgContext {
  orgId: string;
  slug: string;
  agents: string[];
  defs: PublishedDef[];
  codes: Record<'LEAD_SOURCE' | 'LOSS_REASON' | 'WON_REASON' | 'TAG', string[]>;
  probability: Map<string, number>;
  now: Date;
  size: { contacts: number; accounts: number; dossiers: number; annonces?: number };
}
export interface OpenDossier {
  id: string;
  reference: string;
  caseType: string;
  def: PublishedDef;
  statusCode: string;
  enteredStateAt: Date;
  title: string;
  workflowId: string;
}
export type DemoTables = Record<
  'contact' | 'account' | 'account_contact' | 'dossier' | 'dossier_status_history' | 'timeline_event',
  Row[]
> &
  Record<'activity' | 'message', Row[]>;
