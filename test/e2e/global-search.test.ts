/**
 * One search box (issue 19, item 2) in a real browser, in French: Ctrl+K opens it anywhere, a name
 * typed without its accents lists the contact, the arrows and Enter open the contact's page; a phone
 * number typed the French way finds the same contact; the dialog passes axe and fits a 390 px phone.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../helpers/app.js';
import {
  openBrowserStack,
  openTrackedPage,
  SCREENSHOT_DIR,
  screenshotTop,
  signInFr,
} from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/constants.js';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let t: TestApp;
let browser: Browser;
let base: string;
const run = randomUUID()
  .replace(/[^a-f]/g, '')
  .slice(0, 6)
  .padEnd(6, 'q');
const eight = String(randomInt(10_000_000, 99_999_999));
const national = `06 ${eight.replace(/(\d\d)(?=\d)/g, '$1 ')}`;
let contactId: string;

beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack());
  const agent = await login(t.app, 'agent@demo.test', 'demo');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts',
    headers: agent.headers,
    payload: {
      firstName: `Élodie${run}`,
      lastName: 'Lefèvre',
      email: `elodie.${run}@example.test`,
      phone: `+336${eight}`,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  contactId = res.json<{ id: string }>().id;
  // A dossier of hers: a second group in the answer, after the contact.
  const dossier = await t.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: agent.headers,
    payload: { caseType: 'ACHAT', title: `Achat Élodie${run}`, contactId },
  });
  expect(dossier.statusCode, dossier.body).toBe(201);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** axe-core's critical and serious violations on the page as it is. */
async function axeSerious(page: Page): Promise<Array<{ id: string; targets: string[] }>> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(`(async () => {
    const result = await window.axe.run(document);
    return result.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => ({ id: v.id, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  })()`);
}

async function openWithShortcut(page: Page, keys = 'Control+k') {
  await page.keyboard.press(keys);
  const input = page.getByRole('combobox', { name: /Rechercher un contact/ });
  await input.waitFor();
  await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('role')")).toBe('combobox');
  return input;
}

describe('global search (Ctrl+K) in the header', () => {
  it('finds Élodie typed without accents and opens her page with the arrows and Enter (1440 px)', async () => {
    const errors: string[] = [];
    const page = await openTrackedPage(browser, {
      errors,
      prefix: 'global-search',
      name: 'desktop',
      viewport: { width: 1440, height: 900 },
    });
    await signInFr(page, base, 'agent@demo.test', TEST_PASSWORD);
    await page.getByTestId('global-search-open').waitFor();
    const input = await openWithShortcut(page);
    await input.pressSequentially(`elodie${run}`, { delay: 20 });
    const listbox = page.getByRole('listbox', { name: 'Résultats' });
    await listbox.waitFor();
    await expect.poll(() => listbox.getByRole('group').count()).toBe(2);
    await page
      .getByRole('group', { name: /Contacts/ })
      .getByRole('option')
      .first()
      .waitFor();
    expect(await page.getByRole('option').first().textContent()).toContain(`Élodie${run} Lefèvre`);
    expect(
      await page
        .getByRole('group', { name: /Dossiers/ })
        .getByRole('option')
        .count(),
    ).toBe(1);
    await screenshotTop(page, 'global-search-1440.png');

    await input.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe(
      await page.getByRole('option').first().getAttribute('id'),
    );
    expect(await page.getByRole('option', { selected: true }).textContent()).toContain(`Élodie${run}`);
    await input.press('Enter');
    await page.waitForURL(`**/contacts/show/${contactId}`);
    await page.getByTestId('contact-header').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds the same contact by a phone number typed the French way, with no axe violation, at 390 px', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    await signInFr(page, base, 'agent@demo.test', TEST_PASSWORD);
    // On a phone the button is an icon with an accessible name.
    const open = page.getByRole('button', { name: 'Rechercher' });
    await open.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'global-search-390-header.png') });
    await open.click();
    const input = page.getByRole('combobox', { name: /Rechercher un contact/ });
    await input.waitFor();
    await input.fill(national);
    const option = page.getByRole('group', { name: /Contacts/ }).getByRole('option');
    await expect.poll(() => option.count()).toBe(1);
    expect(await option.textContent()).toContain(`Élodie${run}`);
    // The dialog fits the screen: no horizontal scroll.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const box = await page.getByRole('dialog').boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await screenshotTop(page, 'global-search-390.png');
    expect(await axeSerious(page)).toEqual([]);

    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    // Cmd+K too (macOS).
    await (await openWithShortcut(page, 'Meta+k')).pressSequentially(`zzzz${run}`);
    await page.getByRole('status').filter({ hasText: 'Aucun résultat' }).waitFor();
    await page.close();
  });
});
