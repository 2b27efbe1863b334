import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../helpers/app.js';
import { openBrowserStack, openTrackedPage, screenshotTop, signInFr } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/constants.js';
import { createDossier } from '../helpers/dossiers.js';

/**
 * Issue 19's follow-up loop, in French, in a real browser on the real stack: a call logged with
 * "rappeler" plans a task; it is in Mes tâches; at its time the bell rings once; it can be moved and
 * completed from Mes tâches. Screenshots at 1440 and 390 px.
 */
let t: TestApp;
let browser: Browser;
let base: string;
const run = Date.now().toString(36);

beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack());
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** antd's DatePicker takes a typed value and Enter, in the format it shows. */
async function pickDateTime(page: Page, inputId: string, when: Date) {
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())} ${pad(when.getHours())}:${pad(when.getMinutes())}:${pad(when.getSeconds())}`;
  const input = page.locator(`#${inputId}`);
  await input.click();
  await input.fill(text);
  await input.press('Enter');
}

describe('follow-ups (real browser, French)', () => {
  it('a call with a next action becomes a task in Mes tâches, rings at its time, and is moved then completed', async () => {
    const errors: string[] = [];
    const agent = await login(t.app, 'agent@demo.test', 'demo');
    const dossier = await createDossier(t.app, agent.headers, { title: `Suivi vendeur ${run}` });
    const page = await openTrackedPage(browser, {
      errors,
      prefix: 'follow-ups',
      name: 'agent',
      viewport: { width: 1440, height: 900 },
    });
    await signInFr(page, base, 'agent@demo.test', TEST_PASSWORD);

    // Log the call and plan "rappeler" a little later, for oneself.
    await page.goto(`${base}/dossiers/show/${dossier.id}`);
    const form = page.getByTestId('activity-form');
    await form.getByLabel('Objet').fill(`Appel vendeur ${run}`);
    await form.getByText('Planifier une prochaine action').click();
    await form.getByTestId('next-action').getByLabel('Prochaine action').fill(`Rappeler le vendeur ${run}`);
    const due = new Date(Date.now() + 45_000);
    await pickDateTime(page, 'activity_nextDueAt', due);
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('timeline').getByText(`Appel vendeur ${run}`).waitFor();

    // Mes tâches: due today, with its dossier.
    await page.getByRole('link', { name: 'Mes tâches' }).first().click();
    await page.waitForURL(/\/tasks$/);
    await page.getByRole('tab', { name: /Aujourd’hui/ }).click();
    const table = page.getByTestId('task-table');
    const row = table.locator('tr', { hasText: `Rappeler le vendeur ${run}` });
    await row.waitFor();
    expect(await row.getByRole('link', { name: dossier.reference }).count()).toBe(1);
    await screenshotTop(page, 'follow-ups-tasks-1440.png');

    // At its time the bell says so, in French, once.
    const reminder = `À faire maintenant : Rappeler le vendeur ${run}`;
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('notification-bell').click();
          const found = await page.getByTestId('notification-list').getByText(reminder).count();
          await page.keyboard.press('Escape');
          return found;
        },
        { timeout: 120_000, interval: 5_000 },
      )
      .toBe(1);
    await page.getByTestId('notification-bell').click();
    await screenshotTop(page, 'follow-ups-bell.png');
    // Opening it leads to Mes tâches, where it is now overdue.
    await page.getByTestId('notification-list').getByText(reminder).click();
    await page.waitForURL(/\/tasks$/);
    await page.getByRole('tab', { name: /En retard/ }).click();
    await row.waitFor();

    // Move it to tomorrow: it leaves "En retard" for "À venir".
    await row.getByRole('button', { name: 'Replanifier' }).click();
    const dialog = page.getByRole('dialog');
    const tomorrow = new Date(Date.now() + 86_400_000);
    tomorrow.setHours(9, 0, 0, 0);
    await pickDateTime(page, 'reschedule-task_dueAt', tomorrow);
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Tâche replanifiée').waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: /À venir/ }).click();
    await row.waitFor();

    // And complete it.
    await row.getByRole('button', { name: 'Terminer' }).click();
    await page.getByText('Tâche terminée').waitFor();
    await row.waitFor({ state: 'detached' });
    await page.close();
    expect(errors).toEqual([]);
  }, 240_000);

  it('fits a 390 px phone', async () => {
    const errors: string[] = [];
    const page = await openTrackedPage(browser, {
      errors,
      prefix: 'follow-ups',
      name: 'phone',
      viewport: { width: 390, height: 844 },
    });
    await signInFr(page, base, 'manager@demo.test', TEST_PASSWORD);
    await page.goto(`${base}/tasks`);
    await page.getByTestId('task-table').waitFor();
    await page.getByText('Toute l’équipe').click();
    await page.getByRole('heading', { name: 'Tâches de l’équipe' }).waitFor();
    await screenshotTop(page, 'follow-ups-tasks-390.png');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.close();
    expect(errors).toEqual([]);
  });
});
