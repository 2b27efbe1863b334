import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp } from '../helpers/app.js';
import { openBrowserStack, SCREENSHOT_DIR } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/constants.js';

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

async function signIn(page: Page, org: string, email: string, password: string) {
  await page.goto(`${base}/`);
  await page.waitForURL(/\/login/);
  await page.fill('#org', org);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

describe('admin UI shell (served by the API, real browser)', () => {
  it('signs in against the API and shows the organisation and the user', async () => {
    const page = await browser.newPage();
    await signIn(page, 'demo', 'manager@demo.test', TEST_PASSWORD);
    await page.getByTestId('home').waitFor();
    expect(await page.getByTestId('current-org').textContent()).toBe('Demo Immobilier');
    expect(await page.getByTestId('current-user').textContent()).toBe('Manager Demo');
    expect(await page.getByTestId('current-roles').textContent()).toContain('Responsable');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'admin-home.png'), fullPage: true });

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/login/);
    expect(await page.evaluate("localStorage.getItem('atlas.accessToken')")).toBeNull();
    await page.close();
  });

  it('shows the server’s reason when the password is wrong', async () => {
    const page = await browser.newPage();
    await signIn(page, 'demo', 'agent@demo.test', 'not-the-password');
    await page.getByText('Organisation, e-mail ou mot de passe incorrect.').waitFor();
    expect(page.url()).toContain('/login');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'admin-login-error.png') });
    await page.close();
  });

  it('sends an expired session back to the login page', async () => {
    const page = await browser.newPage();
    await signIn(page, 'rival', 'agent@rival.test', TEST_PASSWORD);
    await page.getByTestId('home').waitFor();
    const expired = t.app.jwt.sign({ sub: 'x', org: 'y', orgSlug: 'rival' }, { expiresIn: -60 });
    await page.evaluate(`localStorage.setItem('atlas.accessToken', ${JSON.stringify(expired)})`);
    await page.reload();
    await page.waitForURL(/\/login/);
    await page.close();
  });

  it('serves client-side routes with the app and keeps API 404s as problems', async () => {
    const deep = await fetch(`${base}/some/client/route`, { headers: { accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    const api = await fetch(`${base}/api/v1/unknown`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });
});
