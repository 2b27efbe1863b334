import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../helpers/app.js';
import { openBrowserStack, SCREENSHOT_DIR, signInFr } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/constants.js';
import { createDossier } from '../helpers/dossiers.js';

let t: TestApp;
let browser: Browser;
let base: string;
/** A signed-in session (localStorage) to open in fresh contexts: a cold HTTP cache each time. */
let session: Awaited<ReturnType<BrowserContext['storageState']>>;

beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack());
  const context = await browser.newContext();
  await signInFr(await context.newPage(), base, 'manager@demo.test', TEST_PASSWORD);
  session = await context.storageState();
  await context.close();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

interface Load {
  page: Page;
  context: BrowserContext;
  apiCalls: string[];
  js: { url: string; encoding: string | undefined; bytes: number }[];
  pending: Promise<void>[];
}

/** Opens `url` in a fresh context, recording the API calls and the JS as transferred. */
async function openCold(url: string, before?: (page: Page) => Promise<void>, ready = 'home'): Promise<Load> {
  const context = await browser.newContext({ storageState: session, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const load: Load = { page, context, apiCalls: [], js: [], pending: [] };
  page.on('response', (res: Response) => {
    const u = new URL(res.url());
    if (u.pathname.startsWith('/api/'))
      load.apiCalls.push(`${res.request().method()} ${u.pathname}${u.search}`);
    if (u.pathname.endsWith('.js')) {
      const encoding = res.headers()['content-encoding'];
      load.pending.push(
        res
          .request()
          .sizes()
          .then((s) => void load.js.push({ url: u.pathname, encoding, bytes: s.responseBodySize })),
      );
    }
  });
  await before?.(page);
  await page.goto(`${base}${url}`);
  await page.getByTestId(ready).waitFor();
  return load;
}

/** Every placeholder gone (all answers in), then no request for half a second. */
async function settle(load: Load): Promise<Load> {
  await load.page.locator('.ant-skeleton, .ant-spin-spinning').first().waitFor({ state: 'detached' });
  await load.page.waitForLoadState('networkidle');
  await Promise.all(load.pending);
  return load;
}

describe('dashboard cold load (perceived speed, issue 17)', () => {
  it('loads in at most 4 API calls, every script brotli-compressed; the report is in screenshots/', async () => {
    const load = await settle(await openCold('/dashboard'));
    await load.page.getByTestId('funnel-chart').or(load.page.locator('.ant-empty')).first().waitFor();
    const jsBytes = load.js.reduce((sum, f) => sum + f.bytes, 0);
    const report = { apiCalls: load.apiCalls, jsFiles: load.js.length, jsBytesOnTheWire: jsBytes };
    writeFileSync(path.join(SCREENSHOT_DIR, 'ui-perf-dashboard.json'), JSON.stringify(report, null, 2));
    console.log('dashboard cold load', JSON.stringify(report));
    expect(load.apiCalls.filter((c) => c.includes('/dictionaries'))).toHaveLength(1);
    expect(load.apiCalls.length, load.apiCalls.join('\n')).toBeLessThanOrEqual(4);
    expect(load.js.every((f) => f.encoding === 'br')).toBe(true);
    await load.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'ui-perf-dashboard.png'), fullPage: true });
    await load.context.close();
  });

  it('shows skeletons, never "Rien en retard", while the dashboard is loading', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const load = await openCold('/dashboard', async (page) => {
      for (const pattern of ['**/api/v1/dashboard', '**/api/v1/reports/funnel*']) {
        await page.route(pattern, async (route) => {
          await held;
          await route.continue();
        });
      }
    });
    // The page is up with its answers held back: loading placeholders, no empty-state text.
    await load.page.locator('.ant-skeleton').first().waitFor();
    await load.page.screenshot({
      path: path.join(SCREENSHOT_DIR, 'ui-perf-dashboard-loading.png'),
      fullPage: true,
    });
    expect(await load.page.getByText('Rien en retard').count()).toBe(0);
    expect(await load.page.locator('.ant-empty').count()).toBe(0);
    release();
    // Answered: the placeholders give way to the actions (or to the empty state, now true).
    await load.page.getByTestId('next-actions').waitFor();
    await load.page.locator('[data-testid="home"] .ant-skeleton').first().waitFor({ state: 'detached' });
    await load.context.close();
  });

  it('the dossier list (Refine List and table, lazily built) shows skeleton rows, not "no dossier", while loading', async () => {
    const errors: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const load = await openCold(
      '/dossiers',
      async (page) => {
        page.on('pageerror', (err) => errors.push(err.message));
        await page.route(
          (url) => url.pathname === '/api/v1/dossiers',
          async (route) => {
            await held;
            await route.continue();
          },
        );
      },
      'dossier-table',
    );
    await load.page.locator('[data-testid="dossier-table"] .ant-skeleton').waitFor();
    await load.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'ui-perf-dossiers-loading.png') });
    expect(await load.page.getByText('Aucun dossier ne correspond').count()).toBe(0);
    release();
    await load.page.locator('[data-testid="dossier-table"] .ant-skeleton').waitFor({ state: 'detached' });
    await settle(load);
    expect(load.apiCalls.filter((c) => c.includes('/dictionaries')).length).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
    await load.context.close();
  });
});

describe('dossier page cold load (perceived speed, issue 17)', () => {
  it('renders in at most 4 API calls; calls and settled time are in screenshots/ui-perf-dossier.json', async () => {
    const manager = await login(t.app, 'manager@demo.test', 'demo');
    const contact = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: manager.headers,
      payload: { firstName: 'Inès', lastName: 'Perf', email: `perf-${Date.now()}@example.test` },
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const dossier = await createDossier(t.app, manager.headers, {
      title: 'Achat appartement T4 Lyon 7e avec terrasse',
      contactId: contact.json<{ id: string }>().id,
    });
    const started = Date.now();
    const load = await settle(await openCold(`/dossiers/show/${dossier.id}`, undefined, 'dossier-header'));
    await load.page.getByTestId('timeline-item').first().waitFor();
    const settledMs = Date.now() - started;
    const report = { apiCalls: load.apiCalls, settledMs, jsFiles: load.js.length };
    writeFileSync(path.join(SCREENSHOT_DIR, 'ui-perf-dossier.json'), JSON.stringify(report, null, 2));
    console.log('dossier page cold load', JSON.stringify(report));
    await load.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'ui-perf-dossier.png'), fullPage: true });
    expect(load.apiCalls.length, load.apiCalls.join('\n')).toBeLessThanOrEqual(4);
    await load.context.close();
  });
});
