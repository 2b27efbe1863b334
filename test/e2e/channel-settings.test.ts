import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm, type Orm } from '../../db/orm.js';
import { type TestApp } from '../helpers/app.js';
import { openBrowserStack, openTrackedPage, screenshotTop, signInFr } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/constants.js';
import { createProbeOrg, type ProbeOrg } from '../helpers/probe-org.js';

let t: TestApp;
let ownerOrm: Orm;
let browser: Browser;
let base: string;
let org: ProbeOrg;

beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack());
  ownerOrm = await createOrm(inject('ownerUrl'), 2);
  // An organisation of its own: its number starts unset, whatever other files do to demo's.
  org = await createProbeOrg(t.app, ownerOrm, 'wa-ui');
});
afterAll(async () => {
  await browser?.close();
  await ownerOrm?.close(true);
  await t?.close();
});

/** The empty first save is refused by the form itself; nothing reaches the console. */
describe('the organisation’s WhatsApp number (real browser, real stack)', () => {
  it('an admin sets it once; the secrets are never shown again; an agent does not see it', async () => {
    const errors: string[] = [];
    const page = await openTrackedPage(browser, { errors, prefix: 'channels', name: 'admin' });
    await signInFr(page, base, `admin@${org.slug}.test`, TEST_PASSWORD, org.slug);
    await page.goto(`${base}/settings`);
    const card = page.getByTestId('whatsapp-settings');
    await card.getByText('Non configuré').waitFor();
    await card.getByText(`/webhooks/whatsapp/${org.slug}`).waitFor();
    await card.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => card.getByText('Champ obligatoire').count()).toBe(4);

    const phoneNumberId = String(Date.now()).slice(-12);
    await card.getByLabel('Identifiant du numéro (phone number id)').fill(phoneNumberId);
    await card.getByLabel('Secret de l’application (signature des webhooks)').fill('ui-app-secret-123');
    await card.getByLabel('Jeton d’accès (envoi)').fill('ui-access-token-123');
    await card.getByLabel('Jeton de vérification du webhook').fill('ui-verify-token-123');
    await card.getByRole('button', { name: 'Enregistrer' }).click();
    await card.getByText('Configuré', { exact: true }).waitFor();
    const secret = card.getByLabel('Jeton d’accès (envoi)');
    expect(await secret.inputValue()).toBe('');
    expect(await secret.getAttribute('placeholder')).toBe('Enregistré — laisser vide pour le garder');
    expect(await page.content()).not.toContain('ui-access-token-123');
    const view = await t.app.inject({
      url: '/api/v1/settings/channels/whatsapp',
      headers: org.sessions.admin.headers,
    });
    expect(view.json()).toMatchObject({ configured: true, phoneNumberId, accessTokenSet: true });
    await screenshotTop(page, 'channels-whatsapp-admin.png');
    expect(errors).toEqual([]);

    const agentPage = await openTrackedPage(browser, { errors, prefix: 'channels', name: 'agent' });
    await signInFr(agentPage, base, `agent@${org.slug}.test`, TEST_PASSWORD, org.slug);
    await agentPage.goto(`${base}/settings`);
    await agentPage.getByTestId('settings-page').waitFor();
    expect(await agentPage.getByTestId('whatsapp-settings').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
