import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorkflowId } from '../../workflows/contact-import.js';
import { getJson, type Session } from '../helpers/activities.js';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';

/** CSV import of contacts (issue 19 item 5): mapping, dry run, durable job, error file, idempotent re-run. */
let t: TestApp;
let agent: Session;
let readonly: Session;
beforeAll(async () => {
  t = await buildTestApp();
  agent = await login(t.app, 'agent@demo.test', 'demo');
  readonly = await login(t.app, 'readonly@demo.test', 'demo');
});
afterAll(() => t.close());

const run = Date.now().toString(36);
/** A mobile number no other test uses (the suite shares one database): a phone match is a duplicate. */
const mobile = `6${String(Date.now()).slice(-8)}`;
/** A French spreadsheet's export: `;`, BOM, accented headers; a duplicate email, a bad row. */
const csv = [
  '\uFEFFPrénom;Nom;Courriel;Téléphone;Ville',
  `Élodie;Lefèvre;elodie.${run}@exemple.fr;0${mobile.slice(0, 1)} ${mobile.slice(1, 3)} ${mobile.slice(3, 5)} ${mobile.slice(5, 7)} ${mobile.slice(7)};Lyon`,
  `Hélène;Martin;helene.${run}@exemple.fr;;Paris`,
  `Elodie;Lefevre;ELODIE.${run}@exemple.fr;;Lyon`,
  `;Sans prénom;pas-un-email;12;Nantes`,
].join('\r\n');

const post = (s: Session, url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: s.headers, payload: payload as object });

interface Job {
  id: string;
  status: string;
  total: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

async function finished(id: string): Promise<Job> {
  await t.temporal.workflow.getHandle(importWorkflowId(id)).result();
  return getJson<Job>(t, agent, `/api/v1/imports/${id}`);
}

describe('CSV import of contacts', () => {
  it('previews the columns with a suggested mapping', async () => {
    const res = await post(agent, '/api/v1/imports/contacts/preview', { csv });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<{
      columns: string[];
      rows: number;
      suggestedMapping: Record<string, string | null>;
    }>();
    expect(preview.columns).toEqual(['Prénom', 'Nom', 'Courriel', 'Téléphone', 'Ville']);
    expect(preview.rows).toBe(4);
    expect(preview.suggestedMapping).toEqual({
      Prénom: 'firstName',
      Nom: 'lastName',
      Courriel: 'email',
      Téléphone: 'phone',
      Ville: null,
    });
  });

  const mapping = {
    Prénom: 'firstName',
    Nom: 'lastName',
    Courriel: 'email',
    Téléphone: 'phone',
    Ville: null,
  };

  it('dry-runs with the API rules: a duplicate in the file and a bad row, nothing written', async () => {
    const res = await post(agent, '/api/v1/imports/contacts', { csv, mapping, onDuplicate: 'skip' });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{
      total: number;
      create: number;
      skip: number;
      error: number;
      rows: {
        line: number;
        action: string;
        errors: { field: string; code: string }[];
        duplicateOf: { line?: number; by: string } | null;
      }[];
    }>();
    expect(report).toMatchObject({ total: 4, create: 2, skip: 1, error: 1 });
    expect(report.rows.find((r) => r.line === 4)).toMatchObject({
      action: 'skip',
      duplicateOf: { line: 2, by: 'email' },
    });
    const bad = report.rows.find((r) => r.line === 5)!;
    expect(bad.action).toBe('error');
    expect(bad.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'email:FORMAT',
      'firstName:REQUIRED',
      'phone:FORMAT',
    ]);
    const search = await getJson<{ total: number }>(t, agent, `/api/v1/contacts?q=${run}`);
    expect(search.total).toBe(0);
  });

  it('runs durably, reports progress and an error file, audits, and a re-run creates nothing more', async () => {
    const res = await post(agent, '/api/v1/imports/contacts', {
      csv,
      mapping,
      onDuplicate: 'skip',
      dryRun: false,
      fileName: 'contacts.csv',
    });
    expect(res.statusCode, res.body).toBe(202);
    const job = await finished(res.json<Job>().id);
    expect(job).toMatchObject({ status: 'DONE', total: 4, created: 2, skipped: 1, failed: 1 });

    const list = await getJson<{ data: { email: string; phone: string | null; firstName: string }[] }>(
      t,
      agent,
      `/api/v1/contacts?q=${run}&pageSize=50`,
    );
    const emails = list.data.map((c) => c.email.toLowerCase()).sort();
    expect(emails).toEqual([`elodie.${run}@exemple.fr`, `helene.${run}@exemple.fr`]);
    expect(list.data.find((c) => c.firstName === 'Élodie')?.phone).toBe(`+33${mobile}`);

    const errors = await t.app.inject({
      method: 'GET',
      url: `/api/v1/imports/${job.id}/errors`,
      headers: agent.headers,
    });
    expect(errors.statusCode).toBe(200);
    expect(errors.headers['content-type']).toMatch(/text\/csv/);
    const lines = errors.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('line;field;code;reason;firstName;lastName;email;phone;source;tags');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(';').slice(0, 3).join(';'))
        .sort(),
    ).toEqual(['5;email;FORMAT', '5;firstName;REQUIRED', '5;phone;FORMAT']);

    const audit = await getJson<{ data: { entityType: string; action: string }[] }>(
      t,
      await login(t.app, 'manager@demo.test', 'demo'),
      `/api/v1/audit?entityId=${job.id}`,
    );
    expect(audit.data.map((e) => `${e.entityType}:${e.action}`)).toContain('ImportJob:CREATE');

    // The same file again: both contacts are now duplicates, skipped.
    const again = await post(agent, '/api/v1/imports/contacts', { csv, mapping, dryRun: false });
    const second = await finished(again.json<Job>().id);
    expect(second).toMatchObject({ status: 'DONE', created: 0, skipped: 3, failed: 1 });
    expect((await getJson<{ total: number }>(t, agent, `/api/v1/contacts?q=${run}`)).total).toBe(2);

    // With `update`, the duplicate's values reach the contact.
    const update = `Prénom;Nom;Courriel\nElodie;Lefèvre-Durand;elodie.${run}@exemple.fr`;
    const third = await post(agent, '/api/v1/imports/contacts', {
      csv: update,
      mapping: { Prénom: 'firstName', Nom: 'lastName', Courriel: 'email' },
      onDuplicate: 'update',
      dryRun: false,
    });
    expect(await finished(third.json<Job>().id)).toMatchObject({ updated: 1, created: 0 });
    const updated = await getJson<{ data: { lastName: string }[] }>(
      t,
      agent,
      `/api/v1/contacts?q=elodie.${run}`,
    );
    expect(updated.data[0]?.lastName).toBe('Lefèvre-Durand');
  }, 60_000);

  it('refuses what it cannot read, an incomplete mapping, and a reader, with codes', async () => {
    const empty = await post(agent, '/api/v1/imports/contacts/preview', { csv: 'Prénom;Nom' });
    expect([empty.statusCode, problemOf(empty).code]).toEqual([400, 'IMPORT_FILE_EMPTY']);
    const unmapped = await post(agent, '/api/v1/imports/contacts', {
      csv,
      mapping: { Prénom: 'firstName', Ville: 'city' },
    });
    expect([unmapped.statusCode, problemOf(unmapped).code]).toEqual([400, 'IMPORT_MAPPING_INVALID']);
    expect(
      problemOf(unmapped)
        .errors?.map((e) => e.code)
        .sort(),
    ).toEqual(['ENUM', 'FIELD_NOT_MAPPED', 'FIELD_NOT_MAPPED']);
    expect((await post(readonly, '/api/v1/imports/contacts/preview', { csv })).statusCode).toBe(403);
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/v1/imports/00000000-0000-4000-8000-000000000000',
      headers: agent.headers,
    });
    expect([unknown.statusCode, problemOf(unknown).code]).toEqual([404, 'IMPORT_NOT_FOUND']);
  });
});
