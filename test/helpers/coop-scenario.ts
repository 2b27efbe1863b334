/**
 * The browser test's cooperative, made through the API: a group (fixed 5.00 penalty per 30 days,
 * 5 days' grace), four ACTIVE members at ranks 1–4 (the member user is rank 3), one PENDING_KYC at
 * rank 5, a project with one lot, and a plan whose first line fell due yesterday. Amina and Brahim
 * have sent a proof (a PNG picture, a PDF); Driss's line is waived.
 */
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { coopApi, pdfBytes, until, type Session } from './coop.js';

interface Line {
  id: string;
  memberId: string;
  seq: number;
  status: string;
}

export async function createCoopScenario(
  app: FastifyInstance,
  admin: Session,
  opts: { name: string; run: string; memberUserId: string; receiptPng: (text: string) => Promise<Buffer> },
): Promise<{ groupId: string; members: Record<string, string> }> {
  const { name, run, memberUserId, receiptPng } = opts;
  const { api, ok, upload, activeMember } = coopApi(app);
  const group = await ok<{ id: string }>(
    api(admin, 'POST', '/coop/groups', {
      name,
      city: 'Casablanca',
      description: 'Douze familles, un immeuble de huit logements.',
      rules: {
        penalty: { kind: 'FIXED', amount: 500, every: 'P30D', maxPeriods: 3 },
        grace: 'P5D',
        callAhead: 'P10D',
        reminderBefore: null,
      },
    }),
    201,
  );
  const members: Record<string, string> = {};
  const person = (displayName: string, extra: Record<string, unknown> = {}) => ({
    displayName,
    email: `${displayName.split(' ')[0]!.toLowerCase()}.${run}@example.test`,
    ...extra,
  });
  // FIFO ranks 1–4 ACTIVE (the member user is rank 3), rank 5 still waiting for KYC.
  const active = [
    ['amina', 'Amina Benali', {}],
    ['brahim', 'Brahim Tazi', {}],
    ['me', 'Membre Démo', { userId: memberUserId }],
    ['driss', 'Driss Alaoui', {}],
  ] as const;
  await Promise.all(
    active.map(async ([key, displayName, extra], i) => {
      members[key] = (
        await activeMember(admin, group.id, person(displayName, { ...extra, fifoRank: i + 1 }))
      ).id;
    }),
  );
  await ok(api(admin, 'POST', `/coop/groups/${group.id}/members`, person('Elias Fassi')), 201);
  const project = await ok<{ id: string }>(
    api(admin, 'POST', `/coop/groups/${group.id}/projects`, {
      name: 'Résidence Les Tilleuls',
      statusCode: 'PERMITS',
      budgetTotalCents: 1_080_000_000,
      milestones: [
        {
          code: 'LAND',
          label: 'Terrain acquis',
          doneAt: new Date(Date.now() - 90 * 86_400_000).toISOString(),
        },
        { code: 'PERMIT', label: 'Permis de construire', dueDate: '2027-03-01T00:00:00Z' },
      ],
    }),
    201,
  );
  await ok(
    api(admin, 'POST', `/coop/projects/${project.id}/lots`, {
      code: 'A1',
      type: 'T3',
      surfaceM2: 76.8,
      floor: 1,
      referencePriceCents: 125_000_000,
    }),
    201,
  );
  // A monthly-like plan whose first line fell due yesterday: called at once, not late yet (5 days' grace).
  const now = Date.now();
  await ok(
    api(admin, 'POST', `/coop/groups/${group.id}/plans`, {
      name: 'Apport mensuel',
      effectiveFrom: new Date(now - 2 * 86_400_000).toISOString(),
      schedule: {
        kind: 'INTERVAL',
        start: new Date(now - 86_400_000).toISOString(),
        every: 'P30D',
        count: 3,
        amount: 150_00,
      },
    }),
    201,
  );
  const lines = await until(
    'the first line of the four active members',
    async () => {
      const all = (await ok<{ data: Line[] }>(api(admin, 'GET', `/coop/groups/${group.id}/contributions`)))
        .data;
      return all.length >= 4 ? all : undefined;
    },
    30_000,
  );
  const lineOf = (key: string) => lines.find((l) => l.memberId === members[key])!;
  // Amina sends a picture of her transfer, Brahim a PDF; Driss is waived by the responsible.
  const prove = async (key: string, bytes: Buffer, name: string) => {
    const doc = await upload(admin, 'COOP_CONTRIBUTION', lineOf(key).id, 'PAYMENT_PROOF', bytes, name);
    expect(doc.statusCode, doc.body).toBe(201);
    await ok(
      api(admin, 'POST', `/coop/contributions/${lineOf(key).id}/proof`, {
        documentId: doc.json<{ id: string }>().id,
      }),
    );
  };
  await prove('amina', await receiptPng('Amina Benali'), 'virement-amina.png');
  await prove('brahim', pdfBytes(), 'releve-brahim.pdf');
  await ok(
    api(admin, 'POST', `/coop/contributions/${lineOf('driss').id}/waive`, { reason: 'Situation familiale' }),
  );
  return { groupId: group.id, members };
}
