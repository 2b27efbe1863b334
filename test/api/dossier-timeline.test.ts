import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getJson,
  logActivity as logActivityAs,
  type CursorPage as Page,
  type Session,
} from '../helpers/activities.js';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { createDossier } from '../helpers/dossiers.js';

let t: TestApp;
let agent: Session;
let manager: Session;
let rival: Session;
beforeAll(async () => {
  t = await buildTestApp();
  [agent, manager, rival] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'manager@demo.test', 'demo'),
    login(t.app, 'agent@rival.test', 'rival'),
  ]);
});
afterAll(() => t.close());

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const get = <T>(s: Session, url: string) => getJson<T>(t, s, url);

interface TimelineItem {
  id: string;
  dossierId: string | null;
  kind: string;
  channel: string | null;
  direction: string | null;
  authorId: string | null;
  occurredAt: string;
}

/** A dossier with 4 activities (3 by the agent, 1 by the manager), a note and 2 messages over 7 hours. */
async function dossierWithHistory() {
  const dossier = await createDossier(t.app, agent.headers);
  const activities: Array<[Session, string, string, number]> = [
    [agent, 'CALL', 'OUT', 7],
    [manager, 'CALL', 'IN', 6],
    [agent, 'EMAIL', 'OUT', 5],
    [agent, 'VISIT', 'INTERNAL', 4],
    [agent, 'NOTE', 'INTERNAL', 3],
  ];
  for (const [session, type, direction, h] of activities)
    await logActivityAs(t, session, { type, direction, dossierId: dossier.id, occurredAt: hoursAgo(h) });
  for (const [channel, direction, h] of [
    ['WHATSAPP', 'INBOUND', 2],
    ['SMS', 'OUTBOUND', 1],
  ] as const) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${dossier.id}/messages`,
      headers: agent.headers,
      payload: { channel, direction, content: `${channel} ${h}h`, timestamp: hoursAgo(h) },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  return dossier;
}

describe('dossier timeline (same contract as the contact timeline)', () => {
  it('pages by cursor and filters by kind, channel, direction, author and period', async () => {
    const dossier = await dossierWithHistory();
    const url = `/api/v1/dossiers/${dossier.id}/timeline`;
    // Comma lists are split for array filters; this leaves out the workflow's own status events.
    const feed = `${url}?kind=ACTIVITY,NOTE,MESSAGE`;
    const all = await get<Page<TimelineItem>>(agent, `${feed}&pageSize=50`);
    expect(all.total).toBe(7);
    expect(all.nextCursor).toBeNull();
    expect(all.data.map((e) => e.kind)).toEqual([
      'MESSAGE',
      'MESSAGE',
      'NOTE',
      'ACTIVITY',
      'ACTIVITY',
      'ACTIVITY',
      'ACTIVITY',
    ]);
    expect(all.data.every((e) => e.dossierId === dossier.id)).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<TimelineItem> = await get<Page<TimelineItem>>(
        agent,
        `${feed}&pageSize=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.total).toBe(7);
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.data.map((e) => e.id));

    const phoneOut = await get<Page<TimelineItem>>(agent, `${url}?channel=PHONE&direction=OUTBOUND`);
    expect(phoneOut.total).toBe(1);
    const written = await get<Page<TimelineItem>>(agent, `${url}?channel=EMAIL,SMS,WHATSAPP`);
    expect(written.data.map((e) => e.channel)).toEqual(['SMS', 'WHATSAPP', 'EMAIL']);
    const byManager = await get<Page<TimelineItem>>(agent, `${url}?authorId=${manager.user.id}`);
    expect(byManager.total).toBe(1);
    expect(byManager.data[0]?.authorId).toBe(manager.user.id);
    const period = await get<Page<TimelineItem>>(agent, `${feed}&from=${hoursAgo(5.5)}&to=${hoursAgo(2.5)}`);
    expect(period.total).toBe(3);
  });

  it('still answers page numbers, refuses bad input with field errors and hides other organisations', async () => {
    const dossier = await dossierWithHistory();
    const feed = `/api/v1/dossiers/${dossier.id}/timeline?kind=ACTIVITY,NOTE,MESSAGE&pageSize=3`;
    const first = await get<Page<TimelineItem>>(agent, feed);
    const second = await get<Page<TimelineItem>>(agent, `${feed}&cursor=${first.nextCursor}`);
    const secondByNumber = await get<Page<TimelineItem>>(agent, `${feed}&page=2`);
    expect(secondByNumber.data.map((e) => e.id)).toEqual(second.data.map((e) => e.id));
    expect(secondByNumber.total).toBe(7);

    const inject = (url: string, s: Session = agent) =>
      t.app.inject({ method: 'GET', url, headers: s.headers });
    const both = await inject(`${feed}&page=2&cursor=${first.nextCursor}`);
    expect(both.statusCode).toBe(400);
    expect(problemOf(both).errors?.map((e) => e.field)).toEqual(['page']);
    const badCursor = await inject(`${feed}&cursor=bm9wZQ`);
    expect(badCursor.statusCode).toBe(400);
    expect(problemOf(badCursor).errors?.map((e) => e.field)).toEqual(['cursor']);
    const badFilters = await inject(`${feed}&authorId=someone&from=yesterday`);
    expect(badFilters.statusCode).toBe(400);
    expect(badFilters.headers['content-type']).toContain('application/problem+json');

    expect((await inject(feed, rival)).statusCode).toBe(404);
  });
});
