import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../helpers/app.js';
import { openBrowserStack, openTrackedPage, screenshotTop } from '../helpers/browser.js';

let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack());
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('password change in the admin UI', () => {
  it('after an admin reset, sign-in leads to the change form, which refuses a weak password in French', async () => {
    const admin = await login(t.app, 'admin@demo.test', 'demo');
    const email = `reset-${randomUUID().slice(0, 8)}@demo.test`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email, fullName: 'Rémi Reset', password: 'Premier-mot-de-passe-7', roles: ['AGENT'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${created.json<{ id: string }>().id}/password-reset`,
      headers: admin.headers,
      payload: { temporaryPassword: 'Temporaire-pour-Remi' },
    });
    expect(reset.statusCode, reset.body).toBe(200);

    // A refused weak password answers 400 on purpose.
    const errors: string[] = [];
    const page = await openTrackedPage(browser, {
      errors,
      prefix: 'password',
      name: 'forced',
      ignore: /status of 400/,
    });
    await page.goto(`${base}/login`);
    await page.getByLabel('Organisation').fill('demo');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('Temporaire-pour-Remi');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/change-password/);
    await page.getByTestId('password-forced').waitFor();
    // Any other page leads back here until the password is changed.
    await page.goto(`${base}/contacts`);
    await page.waitForURL(/\/change-password/);

    await page.getByLabel('Mot de passe actuel').fill('Temporaire-pour-Remi');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('motdepasse123');
    await page.getByLabel('Confirmer le nouveau mot de passe').fill('motdepasse123');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await page.getByText('Trop facile à deviner', { exact: false }).waitFor();
    await screenshotTop(page, 'password-change-refused.png');

    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Brume-sur-la-Garonne');
    await page.getByLabel('Confirmer le nouveau mot de passe').fill('Brume-sur-la-Garonne');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await page.getByTestId('home').waitFor();

    // From the user menu, the same form, without the forced notice.
    await page.getByTestId('current-user').click();
    await page.getByText('Changer mon mot de passe').click();
    await page.waitForURL(/\/change-password/);
    await page.getByLabel('Mot de passe actuel').waitFor();
    expect(await page.getByTestId('password-forced').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();

    await login(t.app, email, 'demo', 'Brume-sur-la-Garonne');
  });
});
