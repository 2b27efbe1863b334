/**
 * Every main screen at 390×844 (issue 17, "Phone"): no horizontal scroll, the page title and the card
 * headings readable (not cut by an ellipsis nor pushed past the edge), the first action on screen, and
 * a screenshot at 390 and at 1440 px of each in screenshots/ (phone-*.png, desktop-*.png).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../helpers/app.js';
import { openBrowserStack, screenshotTop, signInFr } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/constants.js';
import { createDossier } from '../helpers/dossiers.js';
import { mainScreens } from '../helpers/screens.js';

let t: TestApp;
let browser: Browser;
let base: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack());
  const admin = await login(t.app, 'admin@demo.test', 'demo');
  const run = Date.now().toString(36);
  const contact = await t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts',
    headers: admin.headers,
    payload: { firstName: 'Inès', lastName: `Téléphone ${run}`, email: `phone-${run}@example.test` },
  });
  expect(contact.statusCode, contact.body).toBe(201);
  ids.contact = contact.json<{ id: string }>().id;
  // A long title: the header must wrap it, not cut it at the right edge.
  const dossier = await createDossier(t.app, admin.headers, {
    title: `Achat appartement familial quatre pièces avec terrasse ${run}`,
    contactId: ids.contact,
    budgetMax: 350000,
  });
  ids.dossier = dossier.id;
  const definitions = await t.app.inject({
    method: 'GET',
    url: '/api/v1/workflow-definitions',
    headers: admin.headers,
  });
  ids.definition = definitions.json<{ data: { id: string }[] }>().data[0]?.id ?? '';
  const group = await t.app.inject({
    method: 'POST',
    url: '/api/v1/coop/groups',
    headers: admin.headers,
    payload: { name: `Coop téléphone ${run}`, city: 'Rabat' },
  });
  expect(group.statusCode, group.body).toBe(201);
  ids.group = group.json<{ id: string }>().id;
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const SCREENS = mainScreens(ids);

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
}

/**
 * What does not fit at this width: the document's horizontal overflow, and every title, card heading
 * or filter control that is cut (ellipsis) or reaches past the viewport. A string: compiled without DOM.
 */
function misfits(page: Page): Promise<{ overflow: number; cut: string[] }> {
  return page.evaluate(`(() => {
    const width = window.innerWidth;
    const cut = [];
    const name = (el) => (el.textContent || el.className || el.tagName).toString().trim().slice(0, 40);
    for (const el of document.querySelectorAll('h1, .ant-card-head-title, .ant-picker-range, .ant-page-header-heading-title')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0) continue;
      if (el.scrollWidth > el.clientWidth + 1) cut.push('cut: ' + name(el));
      else if (box.right > width + 1 || box.left < -1) cut.push('past the edge: ' + name(el));
    }
    return { overflow: Math.max(0, document.documentElement.scrollWidth - width), cut };
  })()`);
}

describe('phone: every main screen at 390×844', () => {
  it('has no horizontal scroll and no cut title, heading or filter; the dossier actions are on screen', async () => {
    // Not isMobile: a mobile viewport zooms out to fit a too-wide page, which would hide the overflow.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const desktop = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const found: Record<string, { overflow: number; cut: string[] }> = {};
    await phone.goto(`${base}/login`);
    await settle(phone);
    await screenshotTop(phone, 'phone-login.png');
    found.login = await misfits(phone);
    await signInFr(phone, base, 'admin@demo.test', TEST_PASSWORD);
    await signInFr(desktop, base, 'admin@demo.test', TEST_PASSWORD);
    for (const screen of SCREENS) {
      await phone.goto(`${base}${screen.path()}`);
      await settle(phone);
      await screenshotTop(phone, `phone-${screen.name}.png`);
      found[screen.name] = await misfits(phone);
      if (screen.name === 'dossier-show') {
        const move = phone.getByTestId('transitions-panel').getByRole('button').first();
        const box = await move.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 390, 'first move within 390 px').toBe(true);
      }
      await desktop.goto(`${base}${screen.path()}`);
      await settle(desktop);
      await screenshotTop(desktop, `desktop-${screen.name}.png`);
    }
    expect(found).toEqual(
      Object.fromEntries(['login', ...SCREENS.map((s) => s.name)].map((n) => [n, { overflow: 0, cut: [] }])),
    );
    await phone.close();
    await desktop.close();
  }, 400_000);
});
