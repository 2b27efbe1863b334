import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm } from '../../db/orm.js';
import { login, type TestApp } from '../helpers/app.js';
import { openBrowserStack, openTrackedPage, screenshotTop, signInFr } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/constants.js';
import { createDossier } from '../helpers/dossiers.js';
import { createProbeOrg } from '../helpers/probe-org.js';

let t: TestApp;
let browser: Browser;
let base: string;
const run = Date.now().toString(36);
// A city of its own, so filters and matching only see this run's listings.
const city = `Paris ${run}`;
const state: { dossierId?: string; best?: string; created?: string } = {};

let slug: string;
beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack());
  // An organisation of its own: other suites add listings, visits and settings to the shared demo one.
  const ownerOrm = await createOrm(inject('ownerUrl'), 2);
  slug = (await createProbeOrg(t.app, ownerOrm, 'e2e-annonces')).slug;
  await ownerOrm.close(true);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

// Refused on purpose: the create and criteria forms (422 field errors), deleting a listing in use (409).
const ignore = /^Failed to load resource: the server responded with a status of (422|409)/;
const openPage = (errors: string[], name: string) =>
  openTrackedPage(browser, { errors, prefix: 'annonces', name, ignore });
const signIn = (page: Page, role: string) =>
  signInFr(page, base, `${role}@${slug}.test`, TEST_PASSWORD, slug);
const shot = (page: Page, name: string) => screenshotTop(page, `annonces-${name}.png`);
const dropdown = (page: Page) => page.locator('.ant-select-dropdown:visible');

/** A future slot of its own (far from other suites' bookings for the same agent), local time. */
const slotDay = new Date(2033, Math.floor(Math.random() * 12), 1 + Math.floor(Math.random() * 27), 9, 0);
const pad = (n: number) => String(n).padStart(2, '0');
const typed = (d: Date) =>
  `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

async function setDate(page: Page, id: string, d: Date) {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(typed(d));
  await input.press('Enter');
}

describe('listings, matching and shortlist (real browser, real stack)', () => {
  it('an agent creates a listing, filters the cards, matches a dossier, shortlists, proposes and plans a visit', async () => {
    const errors: string[] = [];
    const agent = await login(t.app, `agent@${slug}.test`, slug);
    const post = async (body: Record<string, unknown>) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/annonces',
        headers: agent.headers,
        payload: {
          transaction: 'SALE',
          propertyType: 'APARTMENT',
          city,
          rooms: 4,
          bedrooms: 3,
          surface: 75,
          ...body,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    state.best = await post({ title: `T4 ascenseur ${run}`, priceCents: 28_000_000, features: ['ELEVATOR'] });
    await post({ title: `T4 au-dessus ${run}`, priceCents: 31_200_000 });
    await post({ title: `T3 deux chambres ${run}`, priceCents: 26_000_000, bedrooms: 2, rooms: 3 });
    const dossier = await createDossier(t.app, agent.headers, {
      title: `Achat T4 ${run}`,
      budgetMin: 200_000,
      budgetMax: 300_000,
      criteria: { cities: [city], bedroomsMin: 3, requiredFeatures: ['ELEVATOR'] },
    });
    state.dossierId = dossier.id;
    // A meeting already in the agent's agenda at the visit's slot: booking warns about the overlap.
    const busy = await t.app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      headers: agent.headers,
      payload: {
        kind: 'RDV',
        title: `Réunion ${run}`,
        startAt: slotDay.toISOString(),
        endAt: new Date(slotDay.getTime() + 3_600_000).toISOString(),
      },
    });
    expect(busy.statusCode, busy.body).toBe(201);

    const page = await openPage(errors, 'agent');
    await signIn(page, 'agent');

    // Create through the form: the price is required, then the server refuses more bedrooms than rooms.
    await page.getByRole('link', { name: 'Annonces' }).first().click();
    await page.getByTestId('annonce-filters').waitFor();
    await page.getByRole('button', { name: 'Créer' }).click();
    await page.getByLabel('Titre').fill(`Duplex lumineux ${run}`);
    await page.getByLabel('Ville').fill(city);
    await page.getByLabel('Pièces').fill('2');
    await page.getByLabel('Chambres').fill('3');
    await page.locator('#features').click();
    await dropdown(page).getByText('Balcon', { exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Champ obligatoire').first().waitFor();
    await shot(page, 'form-required');
    await page.getByLabel('Prix').fill('295000');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    // The server's reason (code MORE_THAN_ROOMS) in French, under the field.
    const bedroomsError = page.locator('#bedrooms_help');
    await bedroomsError.waitFor();
    expect(await bedroomsError.textContent()).toBe('Ne peut pas dépasser le nombre de pièces');
    await shot(page, 'form-server-error');
    await page.getByLabel('Pièces').fill('4');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const header = page.getByTestId('annonce-header');
    await header.waitFor();
    state.created = page.url().split('/').pop();
    const headerText = (await header.textContent()) ?? '';
    expect(headerText).toMatch(/295\s000\s€/);
    expect(headerText).toContain('Disponible');
    expect(headerText).toContain('Balcon');
    await page.getByTestId('annonce-transition-UNDER_OFFER').waitFor();
    await shot(page, 'show');

    // The cards, filtered by city and transaction, then by a maximum price (euros, sent as cents).
    await page.goto(`${base}/annonces`);
    const filters = page.getByTestId('annonce-filters');
    await filters.getByLabel('Ville').fill(city);
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    const cards = page.getByTestId('annonce-card');
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(4);
    await filters.getByLabel('Prix max').fill('285000');
    const filtered = page.waitForRequest((r) => r.url().includes('priceMax=28500000'));
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    await filtered;
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(2);
    expect(await page.getByTestId('annonce-total').textContent()).toBe('2 annonces');
    const best = cards.filter({ hasText: `T4 ascenseur ${run}` });
    expect(await best.textContent()).toMatch(/280\s000\s€.*75 m² · 4 pièces · 3 chambres/);
    expect(await best.textContent()).toContain('Ascenseur');
    await shot(page, 'list');

    // The dossier's "Recherche & biens" tab: criteria, run, ranked results with explanations.
    await page.goto(`${base}/dossiers/show/${dossier.id}`);
    await page.getByTestId('tab-matching').click();
    const criteria = page.getByTestId('criteria-form');
    await criteria.waitFor();
    expect(await criteria.locator('#budgetMax').inputValue()).toMatch(/300/);
    // A min budget above the max: the server refuses it (BELOW_BUDGET_MIN), said in French inline.
    await criteria.locator('#budgetMin').fill('400000');
    await page.getByTestId('criteria-save').click();
    const budgetError = criteria.locator('#budgetMax_help');
    await budgetError.waitFor();
    expect(await budgetError.textContent()).toBe('Doit être supérieur ou égal au budget min');
    await shot(page, 'criteria-server-error');
    await criteria.locator('#budgetMin').fill('200000');
    await page.getByTestId('criteria-save').click();
    await page.getByText('Critères enregistrés').first().waitFor();
    await page.getByTestId('matching-run').click();
    const items = page.getByTestId('match-item');
    await items.first().waitFor({ timeout: 15_000 });
    expect(await items.first().getAttribute('data-id')).toBe(state.best);
    expect(await items.first().getByTestId('match-score').getAttribute('data-score')).toBe('100');
    const statuses = await items
      .first()
      .locator('[data-status]')
      .evaluateAll((els) =>
        els.map((e) =>
          (e as unknown as { getAttribute(name: string): string | null }).getAttribute('data-status'),
        ),
      );
    expect(new Set(statuses)).toEqual(new Set(['MATCH']));
    const above = items.filter({ hasText: `T4 au-dessus ${run}` });
    expect(await above.locator('[data-criterion="budget"]').getAttribute('data-status')).toBe('PARTIAL');
    expect(await above.locator('[data-criterion="budget"]').textContent()).toMatch(
      /prix 312\s000\s€ : 4\s%\sau-dessus du budget max/,
    );
    expect(await above.locator('[data-criterion="requiredFeatures"]').getAttribute('data-status')).toBe(
      'MISS',
    );
    await shot(page, 'matching-results');

    // Shortlist the best one, propose it, plan a visit.
    await items.first().getByTestId('match-add').click();
    await items.first().getByTestId('match-shortlisted').waitFor();
    expect(await items.first().getByTestId('match-shortlisted').textContent()).toBe('Déjà dans la sélection');
    const column = (s: string) => page.getByTestId(`shortlist-column-${s}`);
    const entry = column('SHORTLISTED').getByTestId('shortlist-entry');
    await entry.waitFor();
    await entry.getByTestId('shortlist-move-PROPOSED').click();
    const proposed = column('PROPOSED').getByTestId('shortlist-entry');
    await proposed.waitFor();
    expect(await column('SHORTLISTED').getByTestId('shortlist-entry').count()).toBe(0);
    expect(await proposed.getByTestId('shortlist-move-VISITED').count()).toBe(1);
    expect(await proposed.getByTestId('shortlist-move-SELECTED').count()).toBe(1);
    await proposed.getByTestId('shortlist-visit').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Visite : T4 ascenseur').waitFor();
    await setDate(page, 'visit-start', slotDay);
    await shot(page, 'visit-form');
    await dialog.getByRole('button', { name: 'Planifier' }).click();
    const warnings = page.getByTestId('visit-warnings');
    await warnings.waitFor({ timeout: 15_000 });
    expect(await warnings.textContent()).toContain(`Réunion ${run}`);
    await shot(page, 'visit-warning');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    const res = await t.app.inject({
      url: `/api/v1/dossiers/${dossier.id}/shortlist`,
      headers: agent.headers,
    });
    expect(res.json<{ data: Array<{ status: string; annonceId: string }> }>().data).toEqual([
      expect.objectContaining({ status: 'PROPOSED', annonceId: state.best }),
    ]);
    const appts = await t.app.inject({
      url: `/api/v1/appointments?dossierId=${dossier.id}`,
      headers: agent.headers,
    });
    expect(appts.body).toContain(state.best!);
    await shot(page, 'matching-shortlist');

    // Deleting: refused for the listing now shortlisted and visited (withdraw it instead), done for the
    // one created by mistake.
    const remove = async (id: string) => {
      await page.goto(`${base}/annonces/show/${id}`);
      await page.getByTestId('annonce-delete').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'Supprimer' }).click();
    };
    await remove(state.best!);
    const refusal = page.getByTestId('annonce-delete-refused');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(
      /déjà utilisée : 1 sélection de dossier, 1 rendez-vous \(visite\)\..*Retirez-la plutôt/,
    );
    await shot(page, 'delete-refused');
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await refusal.waitFor({ state: 'detached' });
    await remove(state.created!);
    // The confirmation, or (if it was refused) what the page said instead.
    await page
      .getByText(/^Annonce \S+ supprimée$/)
      .waitFor()
      .catch(async (err: unknown) => {
        await shot(page, 'delete-failed');
        throw new Error(`no deletion confirmation: ${await page.locator('body').innerText()}`, {
          cause: err,
        });
      });
    await page.getByTestId('annonce-filters').waitFor();
    const gone = await t.app.inject({ url: `/api/v1/annonces/${state.created}`, headers: agent.headers });
    expect(gone.statusCode).toBe(404);
    expect(errors).toEqual([]);
  }, 120_000); // a whole working session: create, filter, match, shortlist, visit, delete

  it('a readonly user sees listings and the shortlist, but no edit or run control', async () => {
    const errors: string[] = [];
    const page = await openPage(errors, 'readonly');
    await signIn(page, 'readonly');
    await page.goto(
      `${base}/annonces?filters[0][field]=city&filters[0][operator]=eq&filters[0][value]=${encodeURIComponent(city)}`,
    );
    await page.getByTestId('annonce-card').first().waitFor();
    expect(await page.getByRole('button', { name: 'Créer' }).count()).toBe(0);
    await page.goto(`${base}/annonces/show/${state.best}`);
    await page.getByTestId('annonce-transitions').waitFor();
    await page.getByTestId('annonce-blocked-UNDER_OFFER').waitFor();
    expect(await page.locator('[data-testid^="annonce-transition-"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Modifier' }).count()).toBe(0);
    await shot(page, 'readonly-show');

    await page.goto(`${base}/dossiers/show/${state.dossierId}`);
    await page.getByTestId('tab-matching').click();
    const proposed = page.getByTestId('shortlist-column-PROPOSED').getByTestId('shortlist-entry');
    await proposed.waitFor();
    expect(await proposed.textContent()).toContain(`T4 ascenseur ${run}`);
    expect(await page.getByTestId('matching-run').count()).toBe(0);
    expect(await page.locator('[data-testid^="shortlist-move-"]').count()).toBe(0);
    expect(await page.getByTestId('shortlist-visit').count()).toBe(0);
    expect(await page.getByTestId('criteria-save').count()).toBe(0);
    await page.getByText('Vous pouvez consulter la sélection').waitFor();
    await shot(page, 'readonly-matching');
    expect(errors).toEqual([]);
  });

  it('a manager sees the matching weights and budget tolerance in the settings', async () => {
    const errors: string[] = [];
    const page = await openPage(errors, 'settings');
    await signIn(page, 'manager');
    await page.goto(`${base}/settings`);
    const card = page.getByTestId('matching-settings');
    await card.getByText('Matching des biens').waitFor();
    expect(await card.locator('#weight-budget').inputValue()).toBe('30');
    expect(await card.locator('#budgetTolerancePct').inputValue()).toBe('5');
    await card.getByText('Tolérance au-dessus du budget max').waitFor();
    await shot(page, 'settings');
    expect(errors).toEqual([]);
  });
});
