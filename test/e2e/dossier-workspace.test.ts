import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../helpers/app.js';
import { openBrowserStack, openTrackedPage, screenshotTop, signInFr } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/constants.js';
import { createDossier } from '../helpers/dossiers.js';

let t: TestApp;
let browser: Browser;
let base: string;
const run = Date.now().toString(36);
const state: { dossierId?: string; subject?: string; guarantor?: string } = {};

beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack());
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const openPage = (errors: string[], name: string) =>
  openTrackedPage(browser, { errors, prefix: 'dossier', name });
const signIn = (page: Page, email: string) => signInFr(page, base, email, TEST_PASSWORD);
const shot = (page: Page, name: string) => screenshotTop(page, `dossier-${name}.png`);

describe('dossier workspace: names, server-filtered timeline, parties, record audit', () => {
  it("an agent sees a colleague's name and filters the dossier timeline on the server", async () => {
    const errors: string[] = [];
    const manager = await login(t.app, 'manager@demo.test', 'demo');
    const agent = await login(t.app, 'agent@demo.test', 'demo');
    const contact = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: manager.headers,
      payload: {
        firstName: 'Lucie',
        lastName: `Bernard ${run}`,
        email: `dw-${run}@example.test`,
        assignedAgentId: agent.user.id,
      },
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const guarantor = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: manager.headers,
      payload: {
        firstName: 'Paul',
        lastName: `Garantie${run}`,
        email: `dw-g-${run}@example.test`,
        assignedAgentId: agent.user.id,
      },
    });
    expect(guarantor.statusCode, guarantor.body).toBe(201);
    state.guarantor = `Paul Garantie${run}`;
    const dossier = await createDossier(t.app, manager.headers, {
      title: `Achat duplex ${run}`,
      contactId: contact.json<{ id: string }>().id,
      assignedAgentId: agent.user.id,
    });
    state.dossierId = dossier.id;
    state.subject = `Appel du manager ${run}`;
    const call = await t.app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers: manager.headers,
      payload: { type: 'CALL', direction: 'OUT', subject: state.subject, dossierId: dossier.id },
    });
    expect(call.statusCode, call.body).toBe(201);

    const page = await openPage(errors, 'timeline');
    await signIn(page, 'agent@demo.test');
    // The first timeline page comes with the page's one workspace read; filters ask the timeline itself.
    const first = page.waitForRequest((r) => r.url().includes(`/dossiers/${dossier.id}/workspace`));
    await page.goto(`${base}/dossiers/show/${dossier.id}`);
    await first;
    const timeline = page.getByTestId('timeline');
    const item = timeline.getByTestId('timeline-item').filter({ hasText: state.subject });
    // The manager's call shows the manager's name, not a shortened id.
    await item.getByText('Manager Demo').waitFor();
    expect(await timeline.getByText(`#${manager.user.id.slice(0, 8)}`).count()).toBe(0);
    const kindsBefore = await timeline
      .getByTestId('timeline-item')
      .evaluateAll((els) => els.map((e) => (e as { dataset: { kind?: string } }).dataset.kind));
    expect(kindsBefore.some((k) => k !== 'ACTIVITY')).toBe(true);

    // Kind filter: the request carries kind=ACTIVITY and the list holds only activities.
    const filtered = page.waitForRequest(
      (r) => r.url().includes(`/dossiers/${dossier.id}/timeline`) && r.url().includes('kind=ACTIVITY'),
    );
    await timeline.locator('.ant-form-item').filter({ hasText: 'Nature' }).locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible').getByText('Activité', { exact: true }).click();
    await page.keyboard.press('Escape');
    expect((await filtered).url()).toMatch(/[?&]kind=ACTIVITY/);
    await expect
      .poll(() =>
        timeline
          .getByTestId('timeline-item')
          .evaluateAll((els) => els.map((e) => (e as { dataset: { kind?: string } }).dataset.kind)),
      )
      .toEqual(['ACTIVITY']);
    await item.waitFor();
    // The author filter lists colleagues too.
    await timeline.locator('.ant-form-item').filter({ hasText: 'Auteur' }).locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible').getByText('Manager Demo').waitFor();
    await page.keyboard.press('Escape');
    await shot(page, 'timeline-filtered');
    await page.close();
    expect(errors).toEqual([]);
  });

  it('an agent adds a party with a role from the dictionary, then removes it', async () => {
    const errors: string[] = [];
    const page = await openPage(errors, 'parties');
    await signIn(page, 'agent@demo.test');
    await page.goto(`${base}/dossiers/show/${state.dossierId}`);
    await page.getByRole('tab', { name: 'Parties' }).click();
    const card = page.getByTestId('dossier-parties');
    await card.getByText('Aucune partie').waitFor();
    await card.locator('#party-contact').click();
    await card.locator('#party-contact').fill(`Garantie${run}`);
    await page.locator('.ant-select-dropdown:visible').getByText(state.guarantor!).click();
    await card.locator('#party-role').click();
    await page.locator('.ant-select-dropdown:visible').getByText('Garant', { exact: true }).click();
    await card.getByRole('button', { name: 'Ajouter' }).click();
    const row = card.locator('tbody tr').filter({ hasText: state.guarantor! });
    await row.getByText('Garant', { exact: true }).waitFor();
    await shot(page, 'party-added');
    await row.getByTestId('party-remove').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await card.getByText('Aucune partie').waitFor();
    expect(await card.getByText(state.guarantor!).count()).toBe(0);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('a readonly user sees the dossier audit tab with names', async () => {
    const errors: string[] = [];
    const page = await openPage(errors, 'audit');
    await signIn(page, 'readonly@demo.test');
    await page.goto(`${base}/dossiers/show/${state.dossierId}`);
    await page.getByRole('tab', { name: 'Audit' }).click();
    const trail = page.getByTestId('audit-trail');
    await trail.getByText('Partie ajoutée').waitFor();
    await trail.getByText('Partie retirée').first().waitFor();
    expect(await trail.getByText('Agent Demo').count()).toBeGreaterThan(0);
    // No party controls for a readonly user.
    await page.getByRole('tab', { name: 'Parties' }).click();
    await page.getByTestId('dossier-parties').getByText('Aucune partie').waitFor();
    expect(await page.getByTestId('party-form').count()).toBe(0);
    await page.getByRole('tab', { name: 'Audit' }).click();
    await shot(page, 'readonly-audit');
    await page.close();
    expect(errors).toEqual([]);
  });
});
