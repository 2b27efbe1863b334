import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../helpers/app.js';
import { openBrowserStack, SCREENSHOT_DIR, screenshotTop, signInFr } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/constants.js';
import { createDossier } from '../helpers/dossiers.js';
import { mainScreens } from '../helpers/screens.js';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let t: TestApp;
let browser: Browser;
let base: string;
const ids: Record<string, string> = {};

/** The first id of a list answer of the API, as the admin sees it. */
async function firstId(url: string, headers: Record<string, string>): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url, headers });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<{ data: Array<{ id: string }> } | Array<{ id: string }>>();
  const rows = Array.isArray(body) ? body : body.data;
  expect(rows.length, url).toBeGreaterThan(0);
  return rows[0]!.id;
}

beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack());
  const admin = await login(t.app, 'admin@demo.test', 'demo');
  const agent = await login(t.app, 'agent@demo.test', 'demo');
  // Screens with content: a contact and a dossier of the agent (the suite's database has no demo dossiers).
  const run = Date.now().toString(36);
  const contact = await t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts',
    headers: admin.headers,
    payload: {
      firstName: 'Inès',
      lastName: `Access ${run}`,
      email: `a11y-${run}@example.test`,
      assignedAgentId: agent.user.id,
    },
  });
  expect(contact.statusCode, contact.body).toBe(201);
  ids.contact = contact.json<{ id: string }>().id;
  const dossier = await createDossier(t.app, admin.headers, {
    title: `Achat accessible ${run}`,
    contactId: ids.contact,
    assignedAgentId: agent.user.id,
    budgetMax: 350000,
  });
  ids.dossier = dossier.id;
  ids.definition = await firstId('/api/v1/workflow-definitions', admin.headers);
  const group = await t.app.inject({
    method: 'POST',
    url: '/api/v1/coop/groups',
    headers: admin.headers,
    payload: { name: `Coop accessible ${run}`, city: 'Rabat' },
  });
  expect(group.statusCode, group.body).toBe(201);
  ids.group = group.json<{ id: string }>().id;
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Waits until the lazy chunk and its API answers are in and no spinner is left. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300); // antd's enter animations (fades change the measured contrast)
}

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: number;
  targets: string[];
}

/** axe-core (from npm, injected into the page) over the whole document: its violations. */
async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  // A string, not a function: this file is compiled without the DOM library.
  return page.evaluate(`(async () => {
    const result = await window.axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  })()`);
}

// The audit and settings screens are walked at 390 px only (test/e2e/phone.test.ts).
const SCREENS = mainScreens(ids).filter((s) => !['audit', 'settings'].includes(s.name));

/** Moderate/minor in axe, but the screens keep them clean: one h1, no skipped level, no empty heading. */
const HEADINGS = ['heading-order', 'empty-heading', 'page-has-heading-one'];

describe('accessibility: axe-core on the main screens', () => {
  it('finds no critical or serious violation, nor a heading out of order, on the login page and the main screens', async () => {
    // bypassCSP: the API's Content-Security-Policy forbids the injected axe script (as it should).
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    const report: Record<string, AxeViolation[]> = {};
    await page.goto(`${base}/login`);
    await settle(page);
    report.login = await axe(page);
    await signInFr(page, base, 'admin@demo.test', TEST_PASSWORD);
    for (const screen of SCREENS) {
      await page.goto(`${base}${screen.path()}`);
      await settle(page);
      report[screen.name] = await axe(page);
    }
    await page.close();

    // Counts per page (nodes by impact) for the closing note; the details help fixing.
    const counts = Object.fromEntries(
      Object.entries(report).map(([name, violations]) => {
        const by: Record<string, number> = {};
        for (const v of violations) by[v.impact ?? 'none'] = (by[v.impact ?? 'none'] ?? 0) + v.nodes;
        return [name, by];
      }),
    );
    writeFileSync(path.join(SCREENSHOT_DIR, 'axe-report.json'), JSON.stringify({ counts, report }, null, 2));
    const blocking = Object.entries(report).flatMap(([name, violations]) =>
      violations
        .filter((v) => v.impact === 'critical' || v.impact === 'serious' || HEADINGS.includes(v.id))
        .map((v) => `${name}: ${v.id} (${v.impact}) ×${v.nodes} ${v.targets.join(' | ')}`),
    );
    expect(blocking).toEqual([]);
  });
});

/** At phone width the document must not be wider than the viewport (no horizontal scroll). */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate('Math.max(0, document.documentElement.scrollWidth - window.innerWidth)');
}

describe('phone: the agent screens at 390×844', () => {
  const PHONE_SCREENS = SCREENS.filter((s) =>
    ['dashboard', 'dossier-list', 'dossier-show', 'kanban'].includes(s.name),
  );

  it('show the dashboard, dossier list, dossier page and kanban without horizontal scroll', async () => {
    // Not isMobile: a mobile viewport zooms out to fit a too-wide page, which would hide the overflow.
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signInFr(page, base, 'agent@demo.test', TEST_PASSWORD);
    const overflow: Record<string, number> = {};
    for (const screen of PHONE_SCREENS) {
      await page.goto(`${base}${screen.path()}`);
      await settle(page);
      await screenshotTop(page, `phone-${screen.name}.png`);
      overflow[screen.name] = await horizontalOverflow(page);
      if (screen.name === 'dossier-show') {
        // The dossier's actions stay on screen: the first transition button fits the width.
        const qualify = page.getByTestId('transitions-panel').getByRole('button', { name: 'Qualifier' });
        const box = await qualify.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 390, 'Qualifier within 390 px').toBe(true);
      }
    }
    // The side menu is a drawer, opened from the header's labelled button.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.locator('.ant-drawer-open .ant-menu').getByText('Contacts').waitFor();
    expect(overflow).toEqual(Object.fromEntries(PHONE_SCREENS.map((s) => [s.name, 0])));
    await page.close();
  });
});

describe('read-only means read-only', () => {
  it('shows readonly@demo.test a "not allowed" page instead of the edit and create forms', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInFr(page, base, 'readonly@demo.test', TEST_PASSWORD);
    for (const url of [
      `/dossiers/edit/${ids.dossier}`,
      '/contacts/create',
      `/contacts/edit/${ids.contact}`,
    ]) {
      await page.goto(`${base}${url}`);
      await page.getByTestId('not-allowed').waitFor();
      expect(await page.getByText('Accès non autorisé').count(), url).toBe(1);
      // No live form: no field to type in, no save button.
      expect(await page.locator('form input, form textarea').count(), url).toBe(0);
      expect(await page.getByRole('button', { name: /Enregistrer/ }).count(), url).toBe(0);
    }
    await screenshotTop(page, 'readonly-not-allowed.png');
    // What the user may see still opens.
    await page.goto(`${base}/dossiers/show/${ids.dossier}`);
    await page.getByText(`Achat accessible`).first().waitFor();
    expect(await page.getByTestId('not-allowed').count()).toBe(0);
    await page.close();
  });
});

describe('kanban by keyboard', () => {
  it('moves a card one column per arrow from its handle (Space, →, Space)', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInFr(page, base, 'agent@demo.test', TEST_PASSWORD);
    await page.goto(`${base}/dossiers/kanban?caseType=ACHAT`);
    const reference = await page
      .getByTestId('kanban-column-NEW')
      .locator('[data-testid^="kanban-card-"]')
      .first()
      .getAttribute('data-testid');
    const handle = page.getByTestId(reference!.replace('kanban-card-', 'kanban-handle-'));
    await handle.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    const qualified = page.getByTestId('kanban-column-QUALIFIED');
    await expect.poll(() => qualified.getAttribute('data-drop-state'), { timeout: 10_000 }).toBe('allowed');
    await page.keyboard.press('Space');
    await qualified.getByTestId(reference!).waitFor({ timeout: 20_000 });
    await page.close();
  });
});
