/**
 * Every word in the user's language: the main screens walked in French must show none of the English
 * sentences and raw codes the API or the UI used to leak (timeline titles, role names, operators,
 * listing actions, ISO durations…); the same walk in Arabic is right-to-left.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../helpers/app.js';
import { openBrowserStack, openTrackedPage, screenshotTop, signInFr } from '../helpers/browser.js';
import { coopApi } from '../helpers/coop.js';
import { TEST_PASSWORD } from '../helpers/constants.js';
import { createDossier } from '../helpers/dossiers.js';

let t: TestApp;
let browser: Browser;
let base: string;
const ids: { dossier?: string; contact?: string; group?: string; annonce?: string } = {};

/** English that must never reach a French screen (whole words, case-sensitive). */
const NEVER_IN_FRENCH = [
  'created',
  'Visit booked',
  'Appointment booked',
  'shortlisted',
  'Property matching',
  'SHORTLIST',
  'WorkflowDefinition',
  'CREATE',
  'PUBLISH',
  'MATCHING',
  'Is empty',
  'listing(s)',
  'best score',
  'Administrator',
  'Read only',
  'Between',
  'Is null',
  'UNDER_OFFER',
  'NO_SHOW',
  'PT24H',
  'PHONE_CALL',
  'days',
  'already exists',
  'This action needs',
  'contact.statuses.',
  '37.36', // a French number reads 37,36
];

/** Words of the French UI that an Arabic screen must not fall back to. */
const FRENCH_UI = [
  'Prochaines actions',
  'Nouveau dossier',
  'Nouveau contact',
  'Filtrer',
  'Chronologie',
  'Annonces',
  'Tableau de bord',
];

function englishFound(text: string): string[] {
  return NEVER_IN_FRENCH.filter((w) =>
    new RegExp(`(^|[^A-Za-z_])${w.replace(/[.()]/g, '\\$&')}($|[^A-Za-z_])`).test(text),
  );
}

beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack());
  const agent = await login(t.app, 'agent@demo.test', 'demo');
  const admin = await login(t.app, 'admin@demo.test', 'demo');
  const api = (method: string, url: string, payload?: object, s = agent) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: s.headers,
      ...(payload ? { payload } : {}),
    });
  const run = randomUUID().slice(0, 6);
  const contact = await api('POST', '/contacts', {
    firstName: 'Inès',
    lastName: `Langue${run}`,
    email: `lang-${run}@example.test`,
  });
  expect(contact.statusCode, contact.body).toBe(201);
  ids.contact = contact.json<{ id: string }>().id;
  const listing = await api('POST', '/annonces', {
    title: 'Appartement lumineux',
    transaction: 'SALE',
    propertyType: 'APARTMENT',
    priceCents: 25_000_000,
    city: `Rennes ${run}`,
    surface: 37.36,
  });
  expect(listing.statusCode, listing.body).toBe(201);
  ids.annonce = listing.json<{ id: string }>().id;
  const d = await createDossier(t.app, agent.headers, { contactId: ids.contact, title: 'Achat Rennes' });
  ids.dossier = d.id;
  expect((await api('POST', `/dossiers/${d.id}/matches`)).statusCode).toBe(200);
  const entry = await api('POST', `/dossiers/${d.id}/shortlist`, { annonceId: ids.annonce });
  expect(entry.statusCode, entry.body).toBe(201);
  const start = new Date(Date.UTC(2033, 2, 1 + Math.floor(Math.random() * 300), 9));
  const visit = await api('POST', `/dossiers/${d.id}/shortlist/${entry.json<{ id: string }>().id}/visits`, {
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 3_600_000).toISOString(),
  });
  expect(visit.statusCode, visit.body).toBe(201);
  const group = await coopApi(t.app).api(admin, 'POST', '/coop/groups', {
    name: `Coop ${run}`,
    city: 'Rabat',
  });
  expect(group.statusCode, group.body).toBe(201);
  ids.group = group.json<{ id: string }>().id;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Opens a screen, waits for its data to settle, and returns its visible text. */
async function visibleText(page: Page, path: string): Promise<string> {
  await page.goto(`${base}${path}`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  return page.evaluate<string>('document.body.innerText');
}

const SCREENS = (): Array<[string, string]> => [
  ['dashboard', '/dashboard'],
  ['dossiers', '/dossiers'],
  ['dossier', `/dossiers/show/${ids.dossier}`],
  ['kanban', '/dossiers/kanban?caseType=ACHAT'],
  ['contacts', '/contacts'],
  ['contact', `/contacts/show/${ids.contact}`],
  ['annonces', '/annonces'],
  ['annonce', `/annonces/show/${ids.annonce}`],
  ['calendar', '/appointments'],
  ['pipelines', '/workflow-definitions'],
  ['audit', '/audit'],
  ['roles', '/roles'],
  ['users', '/users'],
  ['coop', `/coop/groups/show/${ids.group}`],
];

describe('language', () => {
  it('the main screens in French show no English word or raw code', async () => {
    const errors: string[] = [];
    const page = await openTrackedPage(browser, { errors, prefix: 'language', name: 'fr' });
    await signInFr(page, base, 'admin@demo.test', TEST_PASSWORD);
    const found: Record<string, string[]> = {};
    for (const [name, path] of SCREENS()) {
      const text = await visibleText(page, path);
      const english = englishFound(text);
      if (english.length) found[name] = english;
      await screenshotTop(page, `language-fr-${name}.png`);
    }
    expect(found).toEqual({});
    // The dossier timeline reads in French from the entries' codes.
    await page.goto(`${base}/dossiers/show/${ids.dossier}`);
    const timeline = page.getByTestId('timeline');
    await timeline.getByText(/Dossier créé au statut/).waitFor();
    await expect(timeline.getByText(/Visite planifiée :/).count()).resolves.toBeGreaterThan(0);
    await expect(timeline.getByText(/ajoutée à la sélection/).count()).resolves.toBeGreaterThan(0);
    await expect(timeline.getByText(/Rapprochement :/).count()).resolves.toBeGreaterThan(0);
    await page.close();
  }, 240_000);

  it('in Arabic the agent screens are right-to-left and phrased in Arabic', async () => {
    const errors: string[] = [];
    const page = await openTrackedPage(browser, { errors, prefix: 'language', name: 'ar' });
    await signInFr(page, base, 'agent@demo.test', TEST_PASSWORD);
    await page.getByTestId('language-switch').getByText('ع', { exact: true }).click();
    await expect.poll(() => page.evaluate<string>('document.documentElement.dir')).toBe('rtl');
    const french: Record<string, string[]> = {};
    for (const [name, path] of SCREENS().filter(([n]) =>
      ['dashboard', 'dossiers', 'dossier', 'contacts', 'annonces', 'calendar'].includes(n),
    )) {
      const text = await visibleText(page, path);
      const found = FRENCH_UI.filter((w) => text.includes(w));
      if (found.length) french[name] = found;
      await screenshotTop(page, `language-ar-${name}.png`);
    }
    // The agent's screens no longer fall back to French words.
    expect(french).toEqual({});
    await page.goto(`${base}/dossiers/show/${ids.dossier}`);
    await page
      .getByTestId('timeline')
      .getByText(/أُنشئ الملف/)
      .waitFor();
    await expect.poll(() => page.evaluate<string>('getComputedStyle(document.body).direction')).toBe('rtl');
    await page.close();
  }, 180_000);
});
