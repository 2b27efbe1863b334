import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { coopApi, until, type Session } from '../helpers/coop.js';
import type { Received } from '../helpers/stand-ins.js';

let t: TestApp;
let admin: Session;
let h: ReturnType<typeof coopApi>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, 'admin@demo.test', 'demo');
  h = coopApi(t.app);
});
afterAll(() => t.close());

interface Line {
  id: string;
  seq: number;
  status: string;
  amountDue: number;
  penaltyTotal: number;
  outstanding: number;
  version: number;
}
interface Entry {
  seq: number;
  memberId: string;
  kind: string;
  amount: number;
  balanceAfter: number;
}
const phone = () => `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const received = async () =>
  (await (await fetch(`${inject('standInUrl')}/__stand-in/received`)).json()) as Received;

describe('contribution cycles as Temporal workflows (F-10.4, F-10.5)', () => {
  it('runs on-time, late (penalty), rejected-then-resubmitted and waived lines, a plan change, a suspension, and consent', async () => {
    const { api, ok, upload, activeMember } = h;
    const group = await ok<{ id: string }>(
      api(admin, 'POST', '/coop/groups', {
        name: `Coop ${randomUUID().slice(0, 6)}`,
        city: 'Casablanca',
        rules: {
          grace: 'PT4S',
          callAhead: 'PT3S',
          reminderBefore: null,
          penalty: { kind: 'FIXED', amount: 500, every: 'PT3S', maxPeriods: 2 },
        },
      }),
      201,
    );
    const people = ['Amina', 'Brahim', 'Chadia', 'Driss', 'Elias'].map((n) => ({
      displayName: `${n} ${randomUUID().slice(0, 4)}`,
      email: `${n.toLowerCase()}.${randomUUID().slice(0, 8)}@example.test`,
      phone: phone(),
    }));
    const [a, b, c, d, e] = await Promise.all(people.map((p) => activeMember(admin, group.id, p)));
    // Consent: SMS for A–D; E opted out of WhatsApp and never agreed to anything else.
    for (const m of [a!, b!, c!, d!])
      await ok(
        api(admin, 'PUT', `/contacts/${m.contactId}/consents/SMS`, { status: 'OPT_IN', source: 'FORM' }),
      );
    await ok(
      api(admin, 'PUT', `/contacts/${a!.contactId}/consents/WHATSAPP`, { status: 'OPT_IN', source: 'FORM' }),
    );
    await ok(
      api(admin, 'PUT', `/contacts/${e!.contactId}/consents/WHATSAPP`, { status: 'OPT_OUT', source: 'FORM' }),
    );

    // Line 1 due at t0+6 s (called 3 s ahead, late 4 s after, a 5.00 penalty every 3 s, at most 2: the
    // second at t0+13 s); line 2, from plan v2, due at t0+26 s. The gaps leave each step of the scenario
    // seconds to happen in before the next timer, even on a loaded machine.
    const t0 = Date.now();
    const plan = await ok<{ id: string }>(
      api(admin, 'POST', `/coop/groups/${group.id}/plans`, {
        name: 'Apport mensuel',
        effectiveFrom: new Date(t0).toISOString(),
        schedule: {
          kind: 'INTERVAL',
          start: new Date(t0 + 6000).toISOString(),
          every: 'PT20S',
          count: 2,
          amount: 10000,
        },
      }),
      201,
    );
    const lines = async (memberId: string) =>
      (
        await ok<{ data: Line[] }>(
          api(admin, 'GET', `/coop/groups/${group.id}/contributions?memberId=${memberId}`),
        )
      ).data;
    const line = (memberId: string, seq: number) =>
      until(`line ${seq} of ${memberId}`, async () => (await lines(memberId)).find((l) => l.seq === seq));

    const [a1, , c1, d1] = await Promise.all([a, b, c, d].map((m) => line(m!.id, 1)));
    expect(a1).toMatchObject({ status: 'PENDING', amountDue: 10000, outstanding: 10000 });
    // Plan v2 while line 1 is running: line 2 (due t0+26 s) is called at 120.00, line 1 keeps 100.00.
    await ok(
      api(admin, 'POST', `/coop/plans/${plan.id}/versions`, {
        effectiveFrom: new Date(t0 + 9000).toISOString(),
        schedule: {
          kind: 'INTERVAL',
          start: new Date(t0 + 26000).toISOString(),
          every: 'PT9S',
          count: 1,
          amount: 12000,
        },
        reason: 'Hausse du coût des travaux',
      }),
      201,
    );

    // D: waived by the responsible, first (before line 1 can fall late, however slow the machine).
    expect(
      (
        await ok<Line>(
          api(admin, 'POST', `/coop/contributions/${d1!.id}/waive`, { reason: 'Situation familiale' }),
        )
      ).status,
    ).toBe('WAIVED');
    // A pays on time: proof, then the responsible confirms.
    const proof = async (s: Session, l: Line) => {
      const doc = await upload(s, 'COOP_CONTRIBUTION', l.id, 'PAYMENT_PROOF');
      expect(doc.statusCode, doc.body).toBe(201);
      return ok<Line>(
        api(s, 'POST', `/coop/contributions/${l.id}/proof`, { documentId: doc.json<{ id: string }>().id }),
      );
    };
    expect((await proof(admin, a1!)).status).toBe('PROOF_SUBMITTED');
    expect(
      (
        await ok<Line>(
          api(admin, 'POST', `/coop/contributions/${a1!.id}/confirm`, { method: 'BANK_TRANSFER' }),
        )
      ).status,
    ).toBe('CONFIRMED');
    // C: proof rejected (reason required), then a second proof confirmed.
    await proof(admin, c1!);
    const noReason = await api(admin, 'POST', `/coop/contributions/${c1!.id}/reject`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ code: 'VALIDATION_ERROR', errors: [{ field: 'reason' }] });
    expect(
      (
        await ok<Line>(
          api(admin, 'POST', `/coop/contributions/${c1!.id}/reject`, { reason: 'Montant illisible' }),
        )
      ).status,
    ).toMatch(/REJECTED|LATE/);
    await proof(admin, c1!);
    expect((await ok<Line>(api(admin, 'POST', `/coop/contributions/${c1!.id}/confirm`, {}))).status).toBe(
      'CONFIRMED',
    );
    // Confirming twice is a conflict, not a second payment.
    const twice = await api(admin, 'POST', `/coop/contributions/${c1!.id}/confirm`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({
      code: 'CONTRIBUTION_CONFLICT',
      context: 'coop',
      params: { status: 'CONFIRMED', action: 'confirm' },
    });
    // D is suspended before line 2 is called: no call for them.
    const dNow = await ok<{ version: number }>(api(admin, 'GET', `/coop/members/${d!.id}`));
    await ok(
      api(admin, 'POST', `/coop/members/${d!.id}/status`, {
        version: dNow.version,
        status: 'SUSPENDED',
        reason: 'Dossier en revue',
      }),
    );

    // B pays nothing: LATE with the 5.00 penalty after the grace period, a second one 3 s later.
    const bLate = await until('B late with two penalties', async () => {
      const l = (await lines(b!.id)).find((x) => x.seq === 1);
      return l?.status === 'LATE' && l.penaltyTotal === 1000 ? l : undefined;
    });
    expect(bLate.outstanding).toBe(11000);
    await proof(admin, bLate);
    expect(
      (await ok<Line>(api(admin, 'POST', `/coop/contributions/${bLate.id}/confirm`, {}))).outstanding,
    ).toBe(0);

    // Line 2 at the new version's amount, for everyone but the suspended D.
    for (const m of [a!, b!, c!, e!]) expect((await line(m.id, 2)).amountDue).toBe(12000);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await lines(d!.id)).map((l) => l.seq)).toEqual([1]);

    // Ledger: chained, balances are sums, entries never rewritten.
    const verify = await ok<{ valid: boolean; count: number }>(
      api(admin, 'GET', `/coop/groups/${group.id}/ledger/verify`),
    );
    expect(verify.valid).toBe(true);
    const ledger = (await ok<{ data: Entry[] }>(api(admin, 'GET', `/coop/groups/${group.id}/ledger`))).data;
    const kinds = (m: string) => ledger.filter((x) => x.memberId === m).map((x) => `${x.kind}:${x.amount}`);
    expect(kinds(a!.id).slice(0, 2)).toEqual(['CALL:10000', 'PAYMENT_CONFIRMED:-10000']);
    expect(kinds(b!.id).slice(0, 4)).toEqual([
      'CALL:10000',
      'PENALTY:500',
      'PENALTY:500',
      'PAYMENT_CONFIRMED:-11000',
    ]);
    expect(kinds(d!.id)).toEqual(['CALL:10000', 'WAIVER:-10000']);
    for (const m of [a!, b!, c!, d!, e!]) {
      const mine = ledger.filter((x) => x.memberId === m.id);
      expect(mine.at(-1)?.balanceAfter).toBe(mine.reduce((s, x) => s + x.amount, 0));
    }
    const view = await ok<{
      members: { memberId: string; paid: number; balance: number; penalties: number }[];
      totals: { paid: number };
    }>(api(admin, 'GET', `/coop/groups/${group.id}/transparency`));
    expect(view.members.find((x) => x.memberId === b!.id)).toMatchObject({ paid: 11000, penalties: 1000 });
    expect(view.totals.paid).toBe(view.members.reduce((s, x) => s + x.paid, 0));

    // The database refuses to edit the ledger.
    const em = t.orm.em.fork();
    await expect(
      em.execute(`update coop_ledger_entry set amount = 1 where group_id = '${group.id}'`),
    ).rejects.toThrow();

    // Consent: A's call went by WhatsApp (template); E's calls were refused and said why on the timeline.
    const waTo = (p: string) =>
      received().then((r) => r.whatsapp.filter((w) => p.endsWith(w.to.replace(/^\+/, ''))));
    await until(
      'WhatsApp call for funds to A',
      async () => (await waTo(people[0]!.phone)).length >= 1 || undefined,
    );
    const timeline = await ok<{
      data: { kind: string; memberId: string; title: string; payload: { sent?: boolean } }[];
    }>(api(admin, 'GET', `/coop/groups/${group.id}/timeline?memberId=${e!.id}&pageSize=200`));
    const refused = timeline.data.find((x) => x.kind === 'NOTICE_CALL' && x.payload.sent === false);
    expect(refused?.title).toMatch(/WHATSAPP: OPT_OUT/);

    // The échéancier shows every line with its status and proof.
    const schedule = await ok<{
      data: { seq: number; status: string; proof: { documentId: string } | null }[];
    }>(api(admin, 'GET', `/coop/plans/${plan.id}/members/${c!.id}/schedule`));
    expect(schedule.data[0]).toMatchObject({ seq: 1, status: 'CONFIRMED' });
    expect(schedule.data[0]!.proof).not.toBeNull();
  }, 90_000);
});
