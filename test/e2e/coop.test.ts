import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm } from '../../db/orm.js';
import { ensureUser } from '../../seed/demo-orgs.js';
import { login, type TestApp } from '../helpers/app.js';
import {
  clickInDialog,
  openBrowserStack,
  openTrackedPage,
  screenshotTop,
  signInFr,
} from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/constants.js';
import { pdfBytes, type Session } from '../helpers/coop.js';
import { createCoopScenario } from '../helpers/coop-scenario.js';
import { createProbeOrg } from '../helpers/probe-org.js';

let t: TestApp;
let browser: Browser;
let base: string;
let slug: string;
let admin: Session;
const run = randomUUID().slice(0, 6);
const groupName = `Coop Les Tilleuls ${run}`;
const ids: { group?: string } = {};

/** A receipt as a PNG image (so the proof preview shows a real picture), drawn by the browser itself. */
async function receiptPng(text: string): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 420, height: 220 } });
  await page.setContent(
    `<div style="font:16px sans-serif;padding:24px;border:2px solid #333;margin:12px">
       <b>Avis de virement</b><br>${text}<br>Montant : 150,00 €</div>`,
  );
  const png = await page.screenshot();
  await page.close();
  return png;
}

beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack({ DATA_DIR: `/tmp/atlas-e2e-coop-${run}` }));
  // An organisation of its own, with a cooperative member who signs in.
  const ownerOrm = await createOrm(inject('ownerUrl'), 2);
  const probe = await createProbeOrg(t.app, ownerOrm, 'e2e-coop');
  slug = probe.slug;
  await ensureUser(ownerOrm, probe.orgId, {
    email: `member@${slug}.test`,
    fullName: 'Membre Démo',
    password: TEST_PASSWORD,
    roles: ['COOP_MEMBER'],
  });
  await ownerOrm.close(true);
  admin = probe.sessions.admin;
  const member = await login(t.app, `member@${slug}.test`, slug);

  const scenario = await createCoopScenario(t.app, admin, {
    name: groupName,
    run,
    memberUserId: member.user.id,
    receiptPng,
  });
  ids.group = scenario.groupId;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const openPage = (errors: string[], name: string) =>
  openTrackedPage(browser, { errors, prefix: 'coop', name });
const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(300); // tab panes fade in
  await screenshotTop(page, `coop-${name}.png`);
};
const tab = async (page: Page, key: string) => {
  await page.getByTestId(`tab-${key}`).click();
};

describe('Coop Habitat screens (real browser, real stack)', () => {
  it('a responsible reviews proofs, verifies the ledger and runs an allocation with explanations', async () => {
    const errors: string[] = [];
    const page = await openPage(errors, 'responsible');
    await signInFr(page, base, `admin@${slug}.test`, TEST_PASSWORD, slug);

    await page.getByRole('link', { name: 'Coopératives' }).first().click();
    await page.getByTestId('coop-group-table').getByRole('link', { name: groupName }).waitFor();
    await shot(page, 'groups-list');
    await page.getByTestId('coop-group-table').getByRole('link', { name: groupName }).click();

    // Members by FIFO rank, with status and KYC.
    const names = page.getByTestId('member-table').getByTestId('member-name');
    await expect
      .poll(() => names.allTextContents())
      .toEqual(['Amina Benali', 'Brahim Tazi', 'Membre Démo', 'Driss Alaoui', 'Elias Fassi']);
    expect(await page.getByTestId('group-header').textContent()).toContain('Constitution');
    expect(await page.getByTestId('rules-summary').textContent()).toMatch(
      /5,00\s€ par 30 jours, au plus 3 fois/,
    );
    await shot(page, 'group-members');

    // The review queue: Amina's picture previewed and confirmed, Brahim's PDF rejected with a reason.
    await tab(page, 'contributions');
    const row = (name: string) => page.getByTestId('contribution-table').locator(`tr[data-member="${name}"]`);
    await row('Amina Benali').waitFor();
    await row('Brahim Tazi').waitFor();
    await row('Amina Benali').getByTestId('document-preview-button').click();
    await page.getByTestId('document-preview').locator('img').waitFor();
    await shot(page, 'proof-preview');
    await page.keyboard.press('Escape');
    await shot(page, 'contributions-review');
    await row('Amina Benali').getByTestId('contribution-confirm').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Confirmer le paiement de Amina Benali (150,00 €)').waitFor();
    await clickInDialog(page, 'Confirmer');
    await row('Amina Benali').waitFor({ state: 'detached' });
    await dialog.waitFor({ state: 'detached' }); // the confirmation's closing animation
    await row('Brahim Tazi').getByTestId('contribution-reject').click();
    await dialog.getByLabel('Motif').waitFor();
    await dialog.getByRole('button', { name: 'Rejeter' }).click();
    await dialog.getByText('Indiquez le motif').waitFor();
    await dialog.getByLabel('Motif').fill('Montant illisible');
    await dialog.getByRole('button', { name: 'Rejeter' }).click();
    await row('Brahim Tazi').waitFor({ state: 'detached' });
    await page.getByTestId('contribution-filter').getByText('Toutes').click();
    await expect.poll(() => row('Brahim Tazi').textContent()).toContain('Rejeté : Montant illisible');
    expect(await row('Brahim Tazi').textContent()).toContain('Justificatif rejeté');
    expect(await row('Amina Benali').textContent()).toContain('Payée');
    expect(await row('Driss Alaoui').textContent()).toContain('Dispensé : Situation familiale');
    await shot(page, 'contributions-all');

    // The ledger: entries, then the chain verified.
    await tab(page, 'ledger');
    await page.getByTestId('ledger-table').getByText('Paiement confirmé').first().waitFor();
    await page.getByTestId('ledger-verify').click();
    const verified = page.getByTestId('ledger-verify-result');
    await verified.waitFor();
    expect(await verified.getAttribute('data-valid')).toBe('true');
    expect(await verified.textContent()).toMatch(/Grand livre intègre : \d+ écritures vérifiées/);
    await shot(page, 'ledger');

    await tab(page, 'transparency');
    const transparency = page.getByTestId('transparency-table');
    await transparency.getByText('Elias Fassi').waitFor();
    expect(await page.getByTestId('transparency-totals').textContent()).toMatch(/Payé150,00\s€/);
    await shot(page, 'transparency');

    // The allocation: Amina (up to date) gets the only lot; everyone else is skipped, with the reason.
    await tab(page, 'projects');
    await page.getByTestId('lot-table').getByText('A1').waitFor();
    await shot(page, 'projects');
    await page.getByTestId('allocation-run').click();
    await dialog.getByRole('button', { name: 'Lancer' }).click();
    const card = page.getByTestId('allocation-run-card').first();
    await card.waitFor();
    const line = (name: string) => card.locator(`tr[data-member="${name}"]`);
    expect(await line('Amina Benali').textContent()).toContain('Lot A1');
    const reason = (name: string) => line(name).getByTestId('skip-reason').textContent();
    expect(await reason('Brahim Tazi')).toMatch(/Pas à jour de ses cotisations .*\(doit 150,00\s€\)/);
    expect(await reason('Membre Démo')).toMatch(/Pas à jour/);
    expect(await reason('Driss Alaoui')).toContain('Plus aucun lot disponible');
    expect(await reason('Elias Fassi')).toContain('Membre non actif (En attente KYC)');
    await shot(page, 'allocation-proposed');
    // Approved with its PV (the lot is assigned), then signed.
    await card
      .getByTestId('allocation-pv-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: 'pv-allocation.pdf', mimeType: 'application/pdf', buffer: pdfBytes() });
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 10_000 }).toBe('ASSIGNED');
    await card.getByTestId('allocation-sign').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Valider' }).click();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 10_000 }).toBe('SIGNED');
    expect(await card.textContent()).toContain('pv-allocation.pdf');
    await shot(page, 'allocation-signed');

    await tab(page, 'timeline');
    await page.getByTestId('group-timeline').getByText('Justificatif rejeté').first().waitFor();
    await page.screenshot({ path: `screenshots/coop-timeline.png` });
    await page.goto(`${base}/coop/groups/edit/${ids.group}`);
    await page.getByTestId('rules-editor').waitFor();
    expect(await page.locator('#penaltyAmount').inputValue()).toBe('5,00');
    await shot(page, 'group-edit');
    expect(errors).toEqual([]);
  });

  it('a member sees their schedule, uploads a proof, and sees their ledger and the transparency view only', async () => {
    const errors: string[] = [];
    const page = await openPage(errors, 'member');
    await signInFr(page, base, `member@${slug}.test`, TEST_PASSWORD, slug, 'my-coop');

    // The member's menu holds their cooperative only.
    const menu = (await page.locator('.ant-layout-sider .ant-menu-item').allTextContents()).map((s) =>
      s.trim(),
    );
    expect(menu).toContain('Ma coopérative');
    for (const admin of ['Coopératives', 'Tableau de bord', 'Dossiers', 'Contacts', 'Utilisateurs', 'Audit'])
      expect(menu).not.toContain(admin);
    expect(await page.getByTestId('my-rank').textContent()).toBe('3');

    const schedule = page.getByTestId('my-schedule');
    const first = schedule.locator('tr[data-seq="1"]');
    await first.waitFor();
    expect(await schedule.locator('tr[data-seq]').count()).toBe(3);
    expect(await first.getAttribute('data-status')).toBe('PENDING');
    expect(await first.textContent()).toMatch(/150,00\s€/);
    expect(await schedule.locator('tr[data-seq="2"]').textContent()).toContain('À venir');
    await shot(page, 'member-schedule');
    await schedule
      .getByTestId('proof-upload-1')
      .locator('input[type=file]')
      .setInputFiles({ name: 'mon-virement.pdf', mimeType: 'application/pdf', buffer: pdfBytes() });
    await expect.poll(() => first.getAttribute('data-status'), { timeout: 15_000 }).toBe('PROOF_SUBMITTED');
    expect(await first.textContent()).toContain('mon-virement.pdf');
    expect(await first.textContent()).toContain('Justificatif envoyé');
    await shot(page, 'member-proof-sent');

    await tab(page, 'myLedger');
    const ledger = page.getByTestId('ledger-table');
    await ledger.getByText('Appel de fonds').waitFor();
    expect(await ledger.textContent()).toMatch(/150,00\s€/);
    expect(await page.getByTestId('my-balance').textContent()).toMatch(/150,00\s€/);
    await shot(page, 'member-ledger');

    await tab(page, 'transparency');
    const rows = page.getByTestId('transparency-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(5);
    expect(await rows.nth(2).textContent()).toContain('vous');
    await shot(page, 'member-transparency');
    expect(errors).toEqual([]);
  });
});
