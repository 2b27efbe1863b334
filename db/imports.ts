import type { Em } from './orm.js';

/** Persistence of CSV import jobs (issue 19): the job with its mapped rows, and one outcome per line. */
export type ImportKind = 'contacts';
export type DuplicatePolicy = 'skip' | 'update' | 'create';
export type ImportOutcome = 'CREATED' | 'UPDATED' | 'SKIPPED' | 'ERROR';
export type ImportStatus = 'RUNNING' | 'DONE' | 'FAILED';

export interface ImportRowError {
  field: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

/** A source line mapped to the fields of its kind (the CSV's own line number, header = line 1). */
export interface MappedRow {
  line: number;
  values: Record<string, string>;
}

export interface ImportJobRecord {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  onDuplicate: DuplicatePolicy;
  fileName: string | null;
  total: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export async function insertImportJob(
  em: Em,
  job: {
    id: string;
    orgId: string;
    kind: ImportKind;
    onDuplicate: DuplicatePolicy;
    fileName: string | null;
    rows: MappedRow[];
    createdBy: string;
  },
): Promise<void> {
  await em.execute(
    `insert into import_job (id, org_id, kind, status, on_duplicate, file_name, rows, total, created_by, created_at)
     values (?, ?, ?, 'RUNNING', ?, ?, ?::jsonb, ?, ?, now())`,
    [
      job.id,
      job.orgId,
      job.kind,
      job.onDuplicate,
      job.fileName,
      JSON.stringify(job.rows),
      job.rows.length,
      job.createdBy,
    ],
  );
}

const JOB_COLUMNS = `j.id, j.kind, j.status, j.on_duplicate, j.file_name, j.total, j.created_by, j.created_at, j.finished_at,
  (select count(*) from import_job_row r where r.job_id = j.id and r.outcome = 'CREATED')::int as created,
  (select count(*) from import_job_row r where r.job_id = j.id and r.outcome = 'UPDATED')::int as updated,
  (select count(*) from import_job_row r where r.job_id = j.id and r.outcome = 'SKIPPED')::int as skipped,
  (select count(*) from import_job_row r where r.job_id = j.id and r.outcome = 'ERROR')::int as failed`;

interface JobRow {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  on_duplicate: DuplicatePolicy;
  file_name: string | null;
  total: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  created_by: string;
  created_at: Date;
  finished_at: Date | null;
}

const toJob = (r: JobRow): ImportJobRecord => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  onDuplicate: r.on_duplicate,
  fileName: r.file_name,
  total: r.total,
  created: r.created,
  updated: r.updated,
  skipped: r.skipped,
  failed: r.failed,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
});

export async function findImportJob(em: Em, id: string): Promise<ImportJobRecord | undefined> {
  const rows = await em.execute<JobRow[]>(`select ${JOB_COLUMNS} from import_job j where j.id = ?`, [id]);
  return rows[0] ? toJob(rows[0]) : undefined;
}

export async function listImportJobs(em: Em, limit: number, offset: number) {
  const rows = await em.execute<JobRow[]>(
    `select ${JOB_COLUMNS} from import_job j order by j.created_at desc, j.id desc limit ? offset ?`,
    [limit, offset],
  );
  const count = await em.execute<{ n: number }[]>('select count(*)::int as n from import_job');
  return { data: rows.map(toJob), total: count[0]?.n ?? 0 };
}

/** The job's options and the lines of `[from, to)` not yet done (a retried batch skips the others). */
export async function pendingImportRows(em: Em, jobId: string, from: number, to: number) {
  const rows = await em.execute<{ on_duplicate: DuplicatePolicy; kind: ImportKind; row: MappedRow }[]>(
    `select j.on_duplicate, j.kind, r.value as row
       from import_job j, jsonb_array_elements(j.rows) with ordinality r(value, n)
      where j.id = ? and r.n > ? and r.n <= ?
        and not exists (select 1 from import_job_row d where d.job_id = j.id and d.line = (r.value->>'line')::int)
      order by r.n`,
    [jobId, from, to],
  );
  return rows;
}

export async function recordImportRow(
  em: Em,
  row: {
    orgId: string;
    jobId: string;
    line: number;
    outcome: ImportOutcome;
    recordId: string | null;
    errors: ImportRowError[] | null;
  },
): Promise<void> {
  await em.execute(
    `insert into import_job_row (org_id, job_id, line, outcome, record_id, errors) values (?, ?, ?, ?, ?, ?::jsonb)
     on conflict do nothing`,
    [
      row.orgId,
      row.jobId,
      row.line,
      row.outcome,
      row.recordId,
      row.errors ? JSON.stringify(row.errors) : null,
    ],
  );
}

export async function finishImportJob(em: Em, id: string, status: ImportStatus): Promise<void> {
  await em.execute(
    `update import_job set status = ?, finished_at = coalesce(finished_at, now()) where id = ?`,
    [status, id],
  );
}

/** The refused lines with their source values, for the downloadable error file. */
export async function importErrorRows(em: Em, jobId: string) {
  return em.execute<{ line: number; errors: ImportRowError[]; values: Record<string, string> }[]>(
    `select d.line, d.errors, r.value->'values' as values
       from import_job_row d
       join import_job j on j.id = d.job_id
       join lateral jsonb_array_elements(j.rows) r(value) on (r.value->>'line')::int = d.line
      where d.job_id = ? and d.outcome = 'ERROR' order by d.line`,
    [jobId],
  );
}
