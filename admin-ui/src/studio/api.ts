import { api, ok, type Reply, type RequestBody, type Schemas, type Sent } from '../api/client';
import { problemText, type CodedProblem } from '../providers/problem-text';
import { getToken } from '../providers/session';
import type { DefinitionProblemView, WorkflowDefinitionBody } from './definition-model';

/** Calls of the studio that are not plain Refine CRUD (lifecycle, simulation, exports). */

type Sentv = Sent<Schemas['WorkflowDefinitionVersion']>;
/** A version as sent; its body is typed by definitions/ (the schema's WorkflowDefinitionBody). */
export type DefinitionVersion = Omit<Sentv, 'definition'> & { definition: WorkflowDefinitionBody };
const version = (v: Sentv) => v as unknown as DefinitionVersion;

export type ValidationResult = Omit<Reply<'/api/v1/workflow-definitions/{id}/validate', 'post'>, 'errors'> & {
  errors: DefinitionProblemView[];
};
export type SimulationResult = Reply<'/api/v1/workflow-definitions/{id}/simulate', 'post'>;
export type SimulatedTransition = SimulationResult['transitions'][number];
export type MigrationResult = Reply<'/api/v1/workflow-definitions/{id}/migrations', 'post'>;
export type DefinitionDiff = Reply<'/api/v1/workflow-definitions/diff', 'get'>;

const id = (value: string) => ({ params: { path: { id: value } } });

export const studioApi = {
  saveDraft: async (draftId: string, body: WorkflowDefinitionBody, lockVersion: number) =>
    version(
      await ok(
        api.PUT('/api/v1/workflow-definitions/{id}', {
          ...id(draftId),
          headers: { 'If-Match': String(lockVersion) },
          body: body as RequestBody<'/api/v1/workflow-definitions/{id}', 'put'>,
        }),
      ),
    ),
  validate: async (draftId: string) =>
    (await ok(api.POST('/api/v1/workflow-definitions/{id}/validate', id(draftId)))) as ValidationResult,
  publish: async (draftId: string) =>
    version(await ok(api.POST('/api/v1/workflow-definitions/{id}/publish', id(draftId)))),
  retire: async (versionId: string) =>
    version(await ok(api.POST('/api/v1/workflow-definitions/{id}/retire', id(versionId)))),
  newDraft: async (versionId: string) =>
    version(await ok(api.POST('/api/v1/workflow-definitions/{id}/draft', id(versionId)))),
  createDraft: async (body: WorkflowDefinitionBody) =>
    version(
      await ok(
        api.POST('/api/v1/workflow-definitions', {
          body: body as RequestBody<'/api/v1/workflow-definitions', 'post'>,
        }),
      ),
    ),
  versions: async (versionId: string) => ({
    data: (await ok(api.GET('/api/v1/workflow-definitions/{id}/versions', id(versionId)))).data.map(version),
  }),
  simulate: (versionId: string, body: { dossierId?: string; state?: string; lang: 'fr' | 'en' }) =>
    ok(api.POST('/api/v1/workflow-definitions/{id}/simulate', { ...id(versionId), body })),
  diff: (from: string, to: string) =>
    ok(api.GET('/api/v1/workflow-definitions/diff', { params: { query: { from, to } } })),
  migrate: (versionId: string, body: { dryRun: boolean; mapping?: Record<string, string> }) =>
    ok(api.POST('/api/v1/workflow-definitions/{id}/migrations', { ...id(versionId), body })),
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
