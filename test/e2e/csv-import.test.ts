import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../helpers/app.js';
import { openBrowserStack, openTrackedPage, screenshotTop, signInFr } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/constants.js';

/** Issue 19 item 5 in a real browser, in French: a CSV with a mapping, a duplicate and a bad row. */
let t: TestApp;
let browser: Browser;
let base: string;
const run = Date.now().toString(36);
/** A mobile number no other test uses (the suite shares one database): a phone match is a duplicate. */
const mobile = `6${String(Date.now()).slice(-8)}`;

beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack());
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const csv = [
  'Prénom;Nom;Courriel;Portable;Ville',
  `Élodie;Lefèvre;elodie.${run}@exemple.fr;0${mobile.slice(0, 1)} ${mobile.slice(1, 3)} ${mobile.slice(3, 5)} ${mobile.slice(5, 7)} ${mobile.slice(7)};Lyon`,
  `Hélène;Martin;helene.${run}@exemple.fr;;Paris`,
  `Elodie;Lefevre;ELODIE.${run}@exemple.fr;;Lyon`,
  `;Sans prénom;sans.prenom.${run}@exemple.fr;;Nantes`,
].join('\n');

describe('CSV import (real browser, French)', () => {
  it('maps the columns, checks, imports with progress and offers the error file', async () => {
    const errors: string[] = [];
    const page = await openTrackedPage(browser, {
      errors,
      prefix: 'csv-import',
      name: 'agent',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    await signInFr(page, base, 'agent@demo.test', TEST_PASSWORD);
    await page.getByRole('link', { name: 'Import' }).first().click();
    await page.getByTestId('import-page').waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor();
    // The header's words are recognised; "Portable" is the phone, "Ville" is left out.
    expect(await mapping.locator('tr', { hasText: 'Courriel' }).getByText('E-mail').count()).toBe(1);
    expect(await mapping.locator('tr', { hasText: 'Portable' }).getByText('Téléphone').count()).toBe(1);
    expect(await mapping.locator('tr', { hasText: 'Ville' }).getByText('Ignorer').count()).toBe(1);
    await screenshotTop(page, 'csv-import-mapping.png');

    await page.getByRole('button', { name: 'Vérifier' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const stat = (title: string) =>
      report.locator('.ant-statistic', { hasText: title }).locator('.ant-statistic-content');
    expect(await stat('À créer').innerText()).toBe('2');
    expect(await stat('Doublons ignorés').innerText()).toBe('1');
    expect(await stat('En erreur').innerText()).toBe('1');
    await report.getByText('Doublon de la ligne 2').waitFor();
    await report.getByText('Prénom : Champ obligatoire').waitFor();
    await screenshotTop(page, 'csv-import-report.png');

    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    const job = page.getByTestId('import-job');
    await job.getByText('Import terminé').waitFor({ timeout: 60_000 });
    await job.getByText('2 créés, 0 mis à jour, 1 ignorés, 1 en erreur').waitFor();
    const download = page.waitForEvent('download');
    await job.getByRole('button', { name: 'Télécharger les lignes en erreur' }).click();
    expect((await download).suggestedFilename()).toMatch(/^import-.*-errors\.csv$/);
    await screenshotTop(page, 'csv-import-done.png');

    const agent = await login(t.app, 'agent@demo.test', 'demo');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/contacts?q=${run}`,
      headers: agent.headers,
    });
    expect(res.json<{ total: number }>().total).toBe(2);
    await page.close();
    expect(errors).toEqual([]);
  }, 120_000);

  it('fits a 390 px phone', async () => {
    const errors: string[] = [];
    const page = await openTrackedPage(browser, {
      errors,
      prefix: 'csv-import',
      name: 'phone',
      viewport: { width: 390, height: 844 },
    });
    await signInFr(page, base, 'agent@demo.test', TEST_PASSWORD);
    await page.goto(`${base}/imports`);
    await page.locator('input[type=file]').setInputFiles({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByTestId('import-mapping').waitFor();
    await screenshotTop(page, 'csv-import-390.png');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.close();
    expect(errors).toEqual([]);
  });
});
