import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../helpers/app.js';
import { openBrowserStack, openTrackedPage, screenshotTop, signInFr } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/constants.js';

let t: TestApp;
let browser: Browser;
let base: string;
const run = Date.now().toString(36);
const ruleName = `Alerte prospect ${run}`;

beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack());
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The bad variable is refused on purpose with a 400 problem; Chromium logs it. */
const NETWORK_LOG = /^Failed to load resource: the server responded with a status of 400/;

const openPage = (errors: string[], name: string) =>
  openTrackedPage(browser, { errors, prefix: 'rules', name, ignore: NETWORK_LOG });
const signIn = (page: Page, email: string) => signInFr(page, base, email, TEST_PASSWORD);
const shot = (page: Page, name: string) => screenshotTop(page, `rules-${name}.png`);

describe('notification rules and the in-app bell (real browser, real stack)', () => {
  it('a manager creates a rule (after an inline error), and the agent’s bell shows it rendered', async () => {
    const errors: string[] = [];
    const page = await openPage(errors, 'manager');
    await signIn(page, 'manager@demo.test');
    await page.getByRole('link', { name: 'Notifications' }).click();
    await page.waitForURL(/\/notification-rules$/);
    await page.getByRole('button', { name: 'Nouvelle règle' }).click();
    const form = page.getByTestId('rule-form');
    await form.locator('#rule-name').fill(ruleName);
    await form.locator('#rule-fr-subject').fill('Nouveau prospect');
    // A variable NEW_LEAD does not offer: the server's field error shows under the French body.
    await form.locator('#rule-fr-body').fill('Budget {{contact.budget}}');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const bodyItem = form.locator('.ant-form-item').filter({ has: page.locator('#rule-fr-body') });
    await bodyItem.locator('.ant-form-item-explain-error').getByText('contact.budget').first().waitFor();
    await shot(page, 'inline-error');

    // Fix it with the variable chips (inserted at the caret) and preview it.
    await form.locator('#rule-fr-body').fill('Prospect : ');
    await form.locator('#rule-fr-body').focus();
    await page.keyboard.press('End');
    await form.getByTestId('var-contact.firstName').click();
    await form.locator('#rule-fr-body').press('End');
    await form.locator('#rule-fr-body').pressSequentially(' ');
    await form.getByTestId('var-contact.lastName').click();
    await expect
      .poll(() => form.locator('#rule-fr-body').inputValue())
      .toBe('Prospect : {{contact.firstName}} {{contact.lastName}}');
    await form.getByTestId('preview-fr').click();
    await form
      .getByTestId('rule-preview')
      .getByText('Prospect : ‹contact.firstName› ‹contact.lastName›')
      .waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const row = page.getByTestId('rules-table').locator('tbody tr').filter({ hasText: ruleName });
    await row.getByText('Nouveau prospect').waitFor();
    await row.getByText('Agent affecté').waitFor();
    await shot(page, 'list');

    // A contact assigned to the agent triggers NEW_LEAD.
    const manager = await login(t.app, 'manager@demo.test', 'demo');
    const agent = await login(t.app, 'agent@demo.test', 'demo');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: manager.headers,
      payload: {
        firstName: 'Hugo',
        lastName: `Lambert${run}`,
        email: `nr-${run}@example.test`,
        assignedAgentId: agent.user.id,
      },
    });
    expect(created.statusCode, created.body).toBe(201);

    const agentErrors: string[] = [];
    const agentPage = await openPage(agentErrors, 'agent');
    await signIn(agentPage, 'agent@demo.test');
    const count = agentPage.getByTestId('notification-count').locator('.ant-badge-count');
    await count.waitFor();
    expect(Number(await count.getAttribute('title'))).toBeGreaterThan(0);
    await agentPage.getByTestId('notification-bell').click();
    const item = agentPage.getByTestId('notification-item').filter({ hasText: `Lambert${run}` });
    await item.getByText(`Prospect : Hugo Lambert${run}`).waitFor();
    await item.getByText('Nouveau prospect').waitFor();
    await agentPage.waitForTimeout(400); // let the popover's zoom-in finish before the screenshot
    await shot(agentPage, 'bell');
    // Opening it marks it read and goes to the contact.
    await item.getByText(`Prospect : Hugo Lambert${run}`).click();
    await agentPage.waitForURL(/\/contacts\/show\//);
    await agentPage.getByTestId('notification-bell').click();
    await agentPage.getByTestId('notification-list').waitFor();
    expect(
      await agentPage
        .getByTestId('notification-item')
        .filter({ hasText: `Lambert${run}` })
        .count(),
    ).toBe(0);
    await agentPage.close();

    // The manager deactivates the rule (PUT with the version): later contacts no longer notify.
    await row.getByRole('switch').click();
    await expect.poll(() => row.getByRole('switch').getAttribute('aria-checked')).toBe('false');
    await row.locator('del').getByText(ruleName).waitFor();
    await page.close();
    expect(errors).toEqual([]);
    expect(agentErrors).toEqual([]);
  });
});
