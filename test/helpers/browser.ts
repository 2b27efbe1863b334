import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, onTestFailed } from 'vitest';
import { buildTestApp, type TestApp } from './app.js';

export const SCREENSHOT_DIR = path.resolve('screenshots');

/** Debian's Chromium driven by playwright-core (its own browser download cannot run here). */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Makes the test app listen on a free port and answers its base URL, for a browser to reach. */
async function listenForBrowser(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/**
 * A page that collects console and page errors into `errors` (minus lines matching `ignore`, for
 * failures a test provokes on purpose) and saves a full screenshot if the test fails.
 */
export async function openTrackedPage(
  browser: Browser,
  opts: {
    errors: string[];
    prefix: string;
    name: string;
    ignore?: RegExp;
    viewport?: { width: number; height: number };
    acceptDownloads?: boolean;
  },
): Promise<Page> {
  const page = await browser.newPage({
    viewport: opts.viewport ?? { width: 1680, height: 1050 },
    acceptDownloads: opts.acceptDownloads ?? false,
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !opts.ignore?.test(msg.text())) opts.errors.push(msg.text());
  });
  page.on('pageerror', (err) => {
    opts.errors.push(`pageerror: ${err.message}`);
    // With a development build of the UI (vite build --mode development) the stack names components.
    if (process.env.E2E_DEBUG) console.error(err.stack);
  });
  onTestFailed(async () => {
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, `${opts.prefix}-failed-${opts.name}.png`),
      fullPage: true,
    });
    console.error('console errors:', opts.errors, 'url:', page.url());
  });
  return page;
}

/**
 * Signs in through the French login form (the default language) and waits for the landing page: the
 * dashboard (`home`), or e.g. `my-coop` for a cooperative member.
 */
export async function signInFr(
  page: Page,
  base: string,
  email: string,
  password: string,
  org = 'demo',
  landing = 'home',
) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Organisation').fill(org);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByTestId(landing).waitFor();
}

/** A full-page screenshot from the top (the sticky header would otherwise land mid-page). */
export async function screenshotTop(page: Page, file: string) {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), fullPage: true });
}

/**
 * Clicks a button of the open antd dialog once its opening animation is over (a click during the zoom
 * was seen lost on a loaded machine), and once more if the dialog is still there, idle, after 10 s.
 */
export async function clickInDialog(page: Page, name: string) {
  const dialog = page.getByRole('dialog');
  await expect.poll(() => page.locator('.ant-zoom-appear, .ant-zoom-enter').count()).toBe(0);
  const button = dialog.getByRole('button', { name });
  await button.click();
  const closed = await dialog
    .waitFor({ state: 'detached', timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  if (!closed && (await button.count()) && !(await button.getAttribute('class'))?.includes('ant-btn-loading'))
    await button.click();
}

/** A browser file's stack: the real API (listening, for the browser to reach) and Chromium. */
export async function openBrowserStack(
  envOverrides: Record<string, string | undefined> = {},
): Promise<{ t: TestApp; browser: Browser; base: string }> {
  const t = await buildTestApp(envOverrides);
  const base = await listenForBrowser(t);
  return { t, browser: await launchBrowser(), base };
}
