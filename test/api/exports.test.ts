import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { auditSealed } from '../helpers/audit.js';
import { createDossier } from '../helpers/dossiers.js';

let t: TestApp;
let manager: Awaited<ReturnType<typeof login>>;
const run = randomUUID().slice(0, 8);
let count = 0;
beforeAll(async () => {
  t = await buildTestApp();
  manager = await login(t.app, 'manager@demo.test', 'demo');
});
afterAll(() => t.close());

async function contact(firstName: string, lastName: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts',
    headers: manager.headers,
    payload: {
      firstName,
      lastName,
      email: `c${++count}.${run}@example.test`,
      source: 'WEBSITE',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>();
}

describe('exports (F-9.3)', () => {
  it('streams contacts as Excel-friendly CSV: BOM, ";" separator, quoting, list filters', async () => {
    await contact('Élodie', `Durand; "la Belle" ${run}`);
    await contact('Zoé', `Müller ${run}`);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exports/contacts?q=${run}&sort=firstName`,
      headers: manager.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe(
      'id;firstName;lastName;email;phone;status;source;tags;assignedAgentId;lastInteractionAt;convertedAt;createdAt',
    );
    expect(lines).toHaveLength(3);
    // RFC 4180: a field holding the separator or quotes is quoted, quotes doubled; accents intact.
    expect(lines.some((l) => l.includes(`;Élodie;"Durand; ""la Belle"" ${run}";`))).toBe(true);
    expect(lines.some((l) => l.includes(`;Zoé;Müller ${run};`))).toBe(true);
  });

  it('neutralises formulas in CSV cells (OWASP) but keeps E.164 phone numbers readable', async () => {
    const names = ['=HYPERLINK("http://evil.test","clic")', '+1+1', '-2+3', '@SUM(A1:A9)'];
    for (const name of names) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/contacts',
        headers: manager.headers,
        payload: {
          firstName: name,
          lastName: `Formula ${run}`,
          email: `c${++count}.${run}@example.test`,
          phone: '+33612345678',
          source: 'WEBSITE',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exports/contacts?q=Formula%20${run}`,
      headers: manager.headers,
    });
    expect(res.statusCode).toBe(200);
    const rows = res.rawPayload.subarray(3).toString('utf8').trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(names.length);
    // Cell 2 is the first name: it now begins with a quote (inside RFC 4180 quotes when it has any).
    const firstNames = rows.map((l) => l.split(';')[1]).sort();
    expect(firstNames).toEqual(
      [`"'=HYPERLINK(""http://evil.test"",""clic"")"`, "'+1+1", "'-2+3", "'@SUM(A1:A9)"].sort(),
    );
    for (const row of rows) expect(row.split(';')[4]).toBe('+33612345678');
  });

  it('streams dossiers as JSON with the same filters, and audits every export', async () => {
    const tag = `exp${run}`;
    await createDossier(t.app, manager.headers, { title: `Villa ${tag}`, caseType: 'ACHAT' });
    await createDossier(t.app, manager.headers, { title: `Loft ${tag}`, caseType: 'LOCATION' });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exports/dossiers?q=${tag}&caseType=LOCATION&format=json`,
      headers: manager.headers,
    });
    expect(res.statusCode).toBe(200);
    const rows = res.json<Array<{ title: string; caseType: string; statusCode: string }>>();
    expect(rows).toEqual([
      expect.objectContaining({ title: `Loft ${tag}`, caseType: 'LOCATION', statusCode: 'NEW' }),
    ]);
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit?entityType=Export&entityId=dossiers&pageSize=1',
      headers: manager.headers,
    });
    expect(audit.json().data[0].afterJson).toMatchObject({ entity: 'dossiers', format: 'json', rows: 1 });
  });

  it('exports the activities of a dossier, filtered like their list', async () => {
    const d = await createDossier(t.app, manager.headers, { title: `Activities ${run}` });
    for (const subject of ['Premier appel', 'Relance']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/activities',
        headers: manager.headers,
        payload: { type: 'CALL', direction: 'OUT', subject, dossierId: d.id },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exports/activities?dossierId=${d.id}`,
      headers: manager.headers,
    });
    expect(res.statusCode).toBe(200);
    const lines = res.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]?.startsWith('id;type;direction;subject;')).toBe(true);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(';')[3])
        .sort(),
    ).toEqual(['Premier appel', 'Relance']);
  });

  it('exports the audit trail of a period in chain order', async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    await contact('Audit', `Trail ${run}`);
    await auditSealed(manager.user.orgId);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit/export?from=${from}&format=json`,
      headers: manager.headers,
    });
    expect(res.statusCode).toBe(200);
    const events = res.json<Array<{ seq: string | number; entityType: string; createdAt: string }>>();
    expect(events.length).toBeGreaterThan(0);
    const seqs = events.map((e) => Number(e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(events.every((e) => new Date(e.createdAt).getTime() >= new Date(from).getTime())).toBe(true);
    expect(events.some((e) => e.entityType === 'Contact')).toBe(true);
  });

  it('needs EXPORT / AUDIT_EXPORT, refuses bad filters with 400 and never leaks another organisation', async () => {
    const agent = await login(t.app, 'agent@demo.test', 'demo');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/exports/contacts', headers: agent.headers }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/audit/export', headers: agent.headers })).statusCode,
    ).toBe(403);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/exports/dossiers?sort=secret&format=xml',
      headers: manager.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors?.length).toBeGreaterThan(0);
    const rival = await login(t.app, 'admin@rival.test', 'rival');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exports/contacts?q=${run}&format=json`,
      headers: rival.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([]);
  });
});
