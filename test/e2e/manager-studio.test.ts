import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../helpers/app.js';
import { openBrowserStack, SCREENSHOT_DIR } from '../helpers/browser.js';
import { publishTestDefinition } from '../helpers/definitions.js';
import { createDossier } from '../helpers/dossiers.js';
import type { WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';
import { TEST_PASSWORD } from '../helpers/constants.js';

/**
 * The manager studio in a real browser over the real stack: a manager changes a pipeline (state, guarded
 * transition, validation pinned to the state, simulation, publish) and an agent gets the new transition on
 * the next dossier without any restart; a read-only user sees no edit control; another organisation sees
 * none of it.
 */

let t: TestApp;
let browser: Browser;
let base: string;
let caseType: string;
let demoOrgId: string;
const sourceCode = `STUDIO_${Date.now().toString(36).toUpperCase()}`;
const GUARD_FR = 'Budget d’au moins 100 000 € requis';
const consoleErrors: string[] = [];

beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack());
  const manager = await login(t.app, 'manager@demo.test', 'demo');
  demoOrgId = manager.user.orgId;
  // v1 of a fresh case type, so this file changes nothing the other suites rely on.
  caseType = await publishTestDefinition(t.orm, demoOrgId, {
    name: { fr: 'Pipeline du studio', en: 'Studio pipeline' },
    states: [
      { code: 'NEW', initial: true, timers: [{ action: 'remindAgent', after: 'P3D' }] },
      { code: 'QUALIFIED' },
      { code: 'WON', terminal: true, reasonType: 'WON' },
      { code: 'LOST', terminal: true, reasonType: 'LOSS' },
    ],
    transitions: [
      { from: 'NEW', to: 'QUALIFIED', permission: 'CRM_DEALS_STAGE_CHANGE', label: { fr: 'Qualifier' } },
      { from: 'QUALIFIED', to: 'WON', permission: 'CRM_DEALS_STAGE_CHANGE' },
      { from: 'NEW', to: 'LOST', permission: 'CRM_DEALS_STAGE_CHANGE' },
      { from: 'QUALIFIED', to: 'LOST', permission: 'CRM_DEALS_STAGE_CHANGE' },
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Signs in through the API and hands the session to the page the way providers/session.ts stores it. */
async function openAs(email: string, org: string, pathname: string): Promise<Page> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: TEST_PASSWORD, org },
  });
  expect(res.statusCode).toBe(200);
  const { accessToken, user } = res.json<{ accessToken: string; user: unknown }>();
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`${email} ${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`${email} ${page.url()}: ${err.message}`));
  const session = {
    'atlas.accessToken': accessToken,
    'atlas.user': JSON.stringify(user),
    'atlas.lang': 'fr',
  };
  await page.addInitScript(
    `for (const [k, v] of Object.entries(${JSON.stringify(session)})) localStorage.setItem(k, v);`,
  );
  await page.goto(`${base}${pathname}`);
  return page;
}

/** data-testid of the dictionary rows, in order. */
const rowIds = async (page: Page) =>
  Promise.all(
    (await page.locator('tr[data-testid^="dict-row-"]').all()).map((r) => r.getAttribute('data-testid')),
  );

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOT_DIR, `studio-${name}.png`), fullPage: true });

async function pick(page: Page, selector: string, text: string) {
  await page.locator(selector).click();
  await page.keyboard.type(text);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active')
    .last()
    .waitFor();
  await page.keyboard.press('Enter');
}

describe('manager studio (real browser, real stack)', () => {
  let draftId = '';
  let publishedId = '';

  it('a manager adds a state and a guarded transition, sees the problem pinned, fixes it, simulates and publishes', async () => {
    const manager = await login(t.app, 'manager@demo.test', 'demo');
    const rich = await createDossier(t.app, manager.headers, {
      caseType,
      title: 'Studio — gros budget',
      budgetMax: 250000,
    });
    expect(rich.definitionVersion).toBe(1);

    const page = await openAs('manager@demo.test', 'demo', '/workflow-definitions');
    const row = page.getByTestId(`definition-row-${caseType}-1`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Pipeline du studio');
    await shot(page, 'definitions-list');
    await row.getByRole('button', { name: 'Nouveau brouillon' }).click();
    await page.waitForURL(/\/workflow-definitions\/edit\//);
    draftId = page.url().split('/').pop() ?? '';
    await page.getByTestId('pipeline-graph').locator('.react-flow__node').first().waitFor();
    expect(await page.getByTestId('pipeline-graph').locator('.react-flow__node').count()).toBe(4);

    // A new state, reachable from nowhere and leading nowhere yet.
    await page.getByRole('button', { name: 'Ajouter un état' }).click();
    await pick(page, '#state_code', 'VALUATION');
    // Its reminder timer: a number and a unit, shown in words, checked inline, stored as ISO 8601.
    const stateDialog = page.getByRole('dialog');
    await stateDialog.getByRole('button', { name: 'Ajouter un minuteur' }).click();
    const words = stateDialog.getByTestId('duration-words');
    expect(await words.textContent()).toMatch(/^3\sjours$/); // Intl puts a no-break space
    const after = page.locator('#state_timers_0_after');
    await after.fill('');
    await stateDialog.getByText('Saisissez une durée : un nombre entier supérieur à zéro.').waitFor();
    const unit = stateDialog.locator('.ant-select[aria-label="Unité"]');
    const unitShown = () => unit.locator('.ant-select-selection-item').textContent();
    // A click during the dropdown's opening animation can miss: pick again until it shows.
    for (let i = 0; i < 3 && (await unitShown()) !== 'heures'; i++) {
      await unit.click();
      const option = page.locator(
        '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="heures"]',
      );
      await option.waitFor();
      await page.waitForTimeout(300);
      await option.click();
    }
    expect(await unitShown()).toBe('heures');
    await after.fill('24');
    await expect.poll(() => words.textContent()).toMatch(/^24\sheures$/);
    await shot(page, 'timer-duration');
    await page.getByTestId('state-form-ok').click();
    await page.getByTestId('state-row-VALUATION').waitFor();
    expect(await page.getByTestId('state-row-VALUATION').textContent()).toMatch(/24\sheures/);
    await page.getByRole('button', { name: 'Valider' }).click();
    const pinned = page.getByTestId('state-problems-VALUATION');
    await pinned.waitFor();
    // The API's codes and params, phrased in French on the state's row (not the API's English).
    expect(await pinned.textContent()).toContain(
      'L’état VALUATION ne peut pas être atteint depuis l’état initial NEW',
    );
    expect(await pinned.textContent()).toContain(
      'L’état VALUATION n’est pas final mais aucune transition n’en sort',
    );
    expect(await pinned.textContent()).not.toMatch(/cannot be reached|no transition leaves it/);
    expect(await page.locator('.react-flow__node.state-invalid').count()).toBe(1);
    await shot(page, 'draft-invalid');

    // The fix: a guarded transition into it (guard written as JSON, then shown by the visual builder) and one out.
    await page.getByRole('tab', { name: /Transitions/ }).click();
    await page.getByRole('button', { name: 'Ajouter une transition' }).click();
    const dialog = page.getByRole('dialog');
    await pick(page, '#transition_from', 'NEW');
    await pick(page, '#transition_to', 'VALUATION');
    await dialog.getByLabel('Libellé (français)').fill('Faire estimer');
    await dialog.getByLabel('Libellé (anglais)').fill('Get a valuation');
    await page.getByTestId('guard-switch').click();
    await dialog.getByText('JSON', { exact: true }).click();
    await page.locator('#guard-raw').fill('{">=": [{"var": "dossier.budgetMax"}, 100000]}');
    await page.locator('#guard-message-fr').fill(GUARD_FR);
    await page.locator('#guard-message-en').fill('A budget of at least 100,000 € is required');
    await dialog.getByText('Éditeur visuel', { exact: true }).click();
    await dialog.locator('.query-builder .rule').first().waitFor();
    await shot(page, 'guard-editor');
    expect(await dialog.locator('.query-builder .rule--value input').first().inputValue()).toMatch(
      /^100[\s ,.]?000$/,
    );
    await page.getByTestId('transition-form-ok').click();
    await page.getByTestId('transition-row-NEW-VALUATION').waitFor();

    await page.getByRole('button', { name: 'Ajouter une transition' }).click();
    await pick(page, '#transition_from', 'VALUATION');
    await pick(page, '#transition_to', 'QUALIFIED');
    await page.getByTestId('transition-form-ok').click();
    await page.getByTestId('transition-row-VALUATION-QUALIFIED').waitFor();

    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('La définition est valide.').waitFor();
    expect(await page.getByTestId('state-problems-VALUATION').count()).toBe(0);
    expect(await page.getByTestId('pipeline-graph').textContent()).toContain(GUARD_FR);
    await shot(page, 'draft-valid');

    // Simulation against the real dossier: the guard passes on its 250 000 budget.
    await page.getByRole('tab', { name: 'Simulation' }).click();
    await pick(page, '#sim-dossier', rich.reference);
    await page.getByRole('button', { name: 'Simuler' }).click();
    const result = page.getByTestId('simulation-result');
    await result.waitFor();
    const valuationRow = result.locator('tr', { hasText: 'VALUATION' });
    expect(await valuationRow.textContent()).toContain('Oui');
    expect(await result.textContent()).toContain('Dossiers ouverts');
    await shot(page, 'simulation');

    await page.getByRole('button', { name: 'Publier' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Publier' }).click();
    await page.waitForURL(/\/workflow-definitions\/show\//);
    publishedId = page.url().split('/').pop() ?? '';
    expect(publishedId).toBe(draftId);
    const stored = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workflow-definitions/${publishedId}`,
      headers: manager.headers,
    });
    const valuation = (stored.json() as { definition: WorkflowDefinitionBody }).definition.states.find(
      (s) => s.code === 'VALUATION',
    );
    expect(valuation?.timers).toEqual([expect.objectContaining({ action: 'remindAgent', after: 'PT24H' })]);
    await page.getByText('Version 2 publiée', { exact: false }).waitFor();
    await page.getByTestId('pipeline-graph').locator('.react-flow__node').nth(4).waitFor();

    // Diff and a dry run of the migration of the dossier still on v1.
    await page.getByRole('tab', { name: 'Différences' }).click();
    const diff = page.getByTestId('diff-view');
    await diff.getByText('VALUATION', { exact: true }).waitFor();
    expect(await diff.textContent()).toContain('NEW → VALUATION');
    await page.getByRole('tab', { name: 'Migration des dossiers' }).click();
    await page.getByRole('button', { name: 'Essai à blanc' }).click();
    const migration = page.getByTestId('migration-panel');
    await migration.locator('tr', { hasText: rich.reference }).waitFor();
    expect(await migration.locator('tr', { hasText: rich.reference }).textContent()).toContain('Migrable');
    await shot(page, 'published');
    await page.close();
  });

  it('an agent sees the new transition on a new dossier at once, with the guard deciding', async () => {
    expect(publishedId).not.toBe('');
    const agent = await login(t.app, 'agent@demo.test', 'demo');
    const big = await createDossier(t.app, agent.headers, {
      caseType,
      title: 'Nouveau, gros budget',
      budgetMax: 150000,
    });
    expect(big.definitionVersion).toBe(2);
    const allowed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${big.id}/transitions`,
      headers: agent.headers,
    });
    const options = allowed.json<{
      data: { to: string; label: string; allowed: boolean; reason?: string }[];
    }>().data;
    expect(options.find((o) => o.to === 'VALUATION')).toMatchObject({
      allowed: true,
      label: 'Faire estimer',
    });

    const small = await createDossier(t.app, agent.headers, {
      caseType,
      title: 'Nouveau, petit budget',
      budgetMax: 1000,
    });
    const blocked = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${small.id}/transitions`,
      headers: agent.headers,
    });
    const valuation = blocked
      .json<{ data: { to: string; allowed: boolean; reason?: string }[] }>()
      .data.find((o) => o.to === 'VALUATION');
    expect(valuation).toMatchObject({ allowed: false, reason: GUARD_FR });

    // And in the agent's browser when the dossier page exists (built by the agent workspace).
    const page = await openAs('agent@demo.test', 'demo', `/dossiers/show/${big.id}`);
    await page.waitForLoadState('networkidle');
    const text = (await page.locator('body').textContent()) ?? '';
    if (text.includes(big.reference)) {
      await page.getByText('Faire estimer').first().waitFor();
      await shot(page, 'agent-dossier');
    }
    await page.close();
  });

  it('a manager manages dictionary entries: labels fr/en/ar (Arabic right-to-left), order, deactivation', async () => {
    const page = await openAs('manager@demo.test', 'demo', '/dictionaries?type=LEAD_SOURCE');
    await page.getByTestId('dict-row-SELOGER').waitFor();
    await page.getByRole('button', { name: 'Ajouter une entrée' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Code').fill(sourceCode);
    await dialog.getByLabel('Libellé (français)').fill('Salon de l’immobilier');
    await dialog.getByLabel('Libellé (anglais)').fill('Property fair');
    await dialog.getByLabel('Libellé (arabe)').fill('معرض العقارات');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    const row = page.getByTestId(`dict-row-${sourceCode}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Salon de l’immobilier');
    expect(await row.locator('[dir="rtl"]').textContent()).toBe('معرض العقارات');
    expect(await row.textContent()).toContain('Organisation');

    // Keyboard drag: the new (last) entry goes one place up.
    const codesBefore = await rowIds(page);
    await page.getByTestId(`drag-${sourceCode}`).focus();
    // dnd-kit measures the rows after the pick-up: give it a frame or two between keys.
    for (const key of ['Space', 'ArrowUp', 'Space']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(250);
    }
    await page.getByText('Ordre enregistré').waitFor();
    const codesAfter = await rowIds(page);
    expect(codesAfter.indexOf(`dict-row-${sourceCode}`)).toBe(
      codesBefore.indexOf(`dict-row-${sourceCode}`) - 1,
    );

    await row.getByRole('button', { name: 'Désactiver' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Oui' }).click();
    await row.getByText('Inactif').waitFor();
    await shot(page, 'dictionaries');
    await page.close();
  });

  it('a read-only user sees the pipelines but no edit control', async () => {
    const page = await openAs('readonly@demo.test', 'demo', '/workflow-definitions');
    const row = page.getByTestId(`definition-row-${caseType}-2`);
    await row.waitFor();
    expect(await page.getByRole('button', { name: /Nouveau brouillon|Modifier|Créer/ }).count()).toBe(0);
    const menu = (await page.locator('.ant-layout-sider').textContent()) ?? '';
    expect(menu).toContain('Pipelines');
    for (const hidden of ['Utilisateurs', 'Rôles', 'Audit', 'Dictionnaires'])
      expect(menu).not.toContain(hidden);
    await shot(page, 'readonly-list');

    await row.getByRole('button', { name: 'Ouvrir' }).click();
    await page.getByTestId('pipeline-graph').locator('.react-flow__node').first().waitFor();
    expect(
      await page.getByRole('button', { name: /Nouveau brouillon|Retirer|Modifier|Ajouter/ }).count(),
    ).toBe(0);
    expect(await page.getByRole('tab', { name: 'Migration des dossiers' }).count()).toBe(0);

    await page.goto(`${base}/dictionaries?type=LEAD_SOURCE`);
    await page.getByTestId('dict-row-SELOGER').waitFor();
    expect(await page.getByRole('button', { name: /Ajouter|Désactiver|Modifier/ }).count()).toBe(0);
    expect(await page.locator('[data-testid^="drag-"]').count()).toBe(0);
    await shot(page, 'readonly-dictionaries');
    await page.close();
  });

  it('a manager of the other organisation sees none of the first one’s pipelines or entries', async () => {
    const page = await openAs('manager@rival.test', 'rival', '/workflow-definitions');
    await page.locator('tr[data-testid^="definition-row-"]').first().waitFor();
    const list = (await page.locator('.ant-table').textContent()) ?? '';
    expect(list).not.toContain(caseType);
    expect(await page.locator(`[data-testid^="definition-row-${caseType}"]`).count()).toBe(0);
    const api = await login(t.app, 'manager@rival.test', 'rival');
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workflow-definitions/${publishedId}`,
      headers: api.headers,
    });
    expect(read.statusCode).toBe(404);

    await page.goto(`${base}/dictionaries?type=LEAD_SOURCE`);
    await page.getByTestId('dict-row-SELOGER').waitFor();
    expect(await page.getByTestId(`dict-row-${sourceCode}`).count()).toBe(0);
    await shot(page, 'rival-dictionaries');
    await page.close();
  });

  it('an admin manages users (deactivation shows the reassignment), the role matrix and the audit trail', async () => {
    const page = await openAs('admin@demo.test', 'demo', '/users/create');
    const email = `studio-${Date.now().toString(36)}@demo.test`;
    await page.getByLabel('Nom complet').fill('Agent Studio');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Mot de passe initial').fill('studio-pass-1');
    await page.getByRole('button', { name: /Enregistrer|Save/ }).click();
    await page.waitForURL(/\/users(\?|$)/);
    const userRow = page.locator('tr', { hasText: email });
    await userRow.waitFor();
    await userRow.getByRole('button', { name: 'Désactiver' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Désactiver' }).click();
    const result = page.getByTestId('deactivation-result');
    await result.or(page.getByRole('dialog').locator('.ant-alert-error')).waitFor();
    await shot(page, 'user-deactivated');
    expect(await page.getByRole('dialog').textContent()).toContain('Réassigné à');
    expect(await result.textContent()).toContain('Agent Studio est désactivé.');
    expect(await result.textContent()).toContain('Réassigné à');
    await shot(page, 'user-deactivated');
    await page.getByRole('dialog').getByRole('button', { name: 'Fermer' }).click();
    await userRow.getByText('Désactivé').waitFor();

    await page.goto(`${base}/roles`);
    const box = page.getByLabel('READONLY CRM_ACTIVITIES_CREATE');
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    expect(await page.getByLabel('ADMIN USER_ADMIN').isDisabled()).toBe(true);
    await shot(page, 'roles');

    await page.goto(`${base}/audit`);
    await page.locator('.ant-table-row').first().waitFor();
    // Actors by name (the id on hover), actions and entity types in French; the user filter by name.
    expect(await page.getByTestId('audit-actor').first().textContent()).toBe('Admin Demo');
    const rowsText = await page.locator('.ant-table-tbody').textContent();
    expect(rowsText).toContain('Désactivation');
    expect(rowsText).not.toMatch(/\b(CREATE|UPDATE|DEACTIVATE|REASSIGN|WorkflowDefinition)\b/);
    await pick(page, '[data-testid="audit-actor-filter"]', 'Admin Demo');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.waitForURL(/actorId/);
    await expect
      .poll(async () => [...new Set(await page.getByTestId('audit-actor').allTextContents())], {
        timeout: 10_000,
      })
      .toEqual(['Admin Demo']);
    await page.getByRole('button', { name: 'Vérifier la chaîne' }).click();
    const verification = page.getByTestId('audit-verification');
    await verification.waitFor();
    expect(await verification.textContent()).toMatch(/Chaîne intacte : \d+ événement/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
    await shot(page, 'audit');
    await page.close();
  });

  it('raised no console error in any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
