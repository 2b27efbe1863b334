import { api, ok, type Answer, type Reply, type RequestBody, type Schemas, type Sent } from '../api/client';
import { problemError } from '../providers/http';
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

/** Options of an export call: its bytes as a blob, whatever their type (CSV, JSON). */
export const AS_FILE = { parseAs: 'blob', headers: { Accept: '*/*' } } as const;

/**
 * Saves an export (`api.GET(path, { …, ...AS_FILE })`) under its Content-Disposition name, or `filename`:
 * a plain link cannot send the bearer token. A refusal is thrown as an `ApiError`.
 */
export async function saveExport(pending: Promise<Answer<Blob>>, filename: string): Promise<void> {
  const { data, error, response } = await pending;
  if (!response.ok || !data) throw problemError(response, error);
  const disposition = response.headers.get('content-disposition') ?? '';
  const named = /filename="?([^";]+)"?/.exec(disposition)?.[1];
  const href = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = href;
  a.download = named ?? filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
