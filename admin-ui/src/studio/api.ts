import { request } from '../providers/http';
import { problemText, type CodedProblem } from '../providers/problem-text';
import { getToken } from '../providers/session';
import type { DefinitionProblemView, WorkflowDefinitionBody } from './definition-model';

/** Calls of the studio that are not plain Refine CRUD (lifecycle, simulation, exports). */

const BASE = '/api/v1';

export interface DefinitionVersion {
  id: string;
  caseType: string;
  version: number;
  status: 'DRAFT' | 'PUBLISHED' | 'RETIRED';
  name?: Record<string, string>;
  definition: WorkflowDefinitionBody;
  lockVersion: number;
  publishedAt?: string | null;
  retiredAt?: string | null;
  basedOnId?: string | null;
  createdAt?: string;
  updatedAt?: string;
  isLatestPublished?: boolean;
}

export interface ValidationResult {
  valid: boolean;
  errors: DefinitionProblemView[];
}

export interface SimulatedTransition {
  to: string;
  label: string;
  allowed: boolean;
  reason?: string;
  reasonCode?: string;
  reasonType?: string;
}

export interface SimulationResult {
  definition: { id: string; version: number; status: string };
  source: 'dossier' | 'facts';
  dossierId: string | null;
  state: string;
  stateInDefinition: boolean;
  transitions: SimulatedTransition[];
  impact: {
    openDossiers: number;
    byStatus: { statusCode: string; count: number; inDraft: boolean }[];
    stranded: number;
    blocked: number;
    blockedEvaluated: number;
    blockedComplete: boolean;
    note?: string;
  };
}

export interface MigrationResult {
  dryRun: boolean;
  target: { id: string; version: number };
  summary: { total: number; moved: number; wouldMove: number; cannotMove: number; failed: number };
  remaining: number;
  data: {
    dossierId: string;
    reference: string;
    fromVersion: number;
    fromStatus: string;
    toStatus: string;
    outcome: 'WOULD_MOVE' | 'MOVED' | 'CANNOT_MOVE' | 'FAILED';
    reason?: string;
  }[];
}

export interface DefinitionDiff {
  from: { id: string; caseType: string; version: number };
  to: { id: string; caseType: string; version: number };
  statesAdded: Record<string, unknown>[];
  statesRemoved: Record<string, unknown>[];
  statesChanged: { code: string; changes: Record<string, unknown> }[];
  transitionsAdded: Record<string, unknown>[];
  transitionsRemoved: Record<string, unknown>[];
  transitionsChanged: { from: string; to: string; changes: Record<string, unknown> }[];
}

const defs = `${BASE}/workflow-definitions`;

export const studioApi = {
  saveDraft: (id: string, body: WorkflowDefinitionBody, lockVersion: number) =>
    request<DefinitionVersion>(`${defs}/${id}`, {
      method: 'PUT',
      body,
      headers: { 'If-Match': String(lockVersion) },
    }),
  validate: (id: string) => request<ValidationResult>(`${defs}/${id}/validate`, { method: 'POST', body: {} }),
  publish: (id: string) => request<DefinitionVersion>(`${defs}/${id}/publish`, { method: 'POST', body: {} }),
  retire: (id: string) => request<DefinitionVersion>(`${defs}/${id}/retire`, { method: 'POST', body: {} }),
  newDraft: (id: string) => request<DefinitionVersion>(`${defs}/${id}/draft`, { method: 'POST', body: {} }),
  createDraft: (body: WorkflowDefinitionBody) => request<DefinitionVersion>(defs, { method: 'POST', body }),
  versions: (id: string) => request<{ data: DefinitionVersion[] }>(`${defs}/${id}/versions`),
  simulate: (id: string, body: { dossierId?: string; state?: string; lang: 'fr' | 'en' }) =>
    request<SimulationResult>(`${defs}/${id}/simulate`, { method: 'POST', body }),
  diff: (from: string, to: string) =>
    request<DefinitionDiff>(`${defs}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
  migrate: (id: string, body: { dryRun: boolean; mapping?: Record<string, string> }) =>
    request<MigrationResult>(`${defs}/${id}/migrations`, { method: 'POST', body }),
};

/** Downloads an export endpoint with the bearer token (a plain link cannot send it): fetch → blob → save. */
export async function downloadWithToken(url: string, filename: string): Promise<void> {
  const token = getToken();
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as CodedProblem;
    throw new Error(problemText(problem, res.status));
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const named = /filename="?([^";]+)"?/.exec(disposition)?.[1];
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = named ?? filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
