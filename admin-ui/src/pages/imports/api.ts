import { api, ok, type Reply, type RequestBody } from '../../api/client';

export type Preview = Reply<'/api/v1/imports/contacts/preview', 'post'>;
export type Report = Reply<'/api/v1/imports/contacts', 'post'>;
export type ImportJob = Reply<'/api/v1/imports/{id}', 'get'>;
export type RunBody = RequestBody<'/api/v1/imports/contacts', 'post'>;
export type Policy = NonNullable<RunBody['onDuplicate']>;
export const POLICIES: Policy[] = ['skip', 'update', 'create'];

export const previewCsv = (csv: string) =>
  ok(api.POST('/api/v1/imports/contacts/preview', { body: { csv } }));

/** The dry run: 200 with the report (the client types the answer as 200 | 202; `dryRun` says which). */
export const checkImport = (body: RunBody) =>
  ok(api.POST('/api/v1/imports/contacts', { body: { ...body, dryRun: true } })) as Promise<Report>;

/** The run: 202 with the job, which then runs durably. */
export const startImport = (body: RunBody) =>
  ok(
    api.POST('/api/v1/imports/contacts', { body: { ...body, dryRun: false } }),
  ) as unknown as Promise<ImportJob>;

export const loadJob = (id: string) => ok(api.GET('/api/v1/imports/{id}', { params: { path: { id } } }));
