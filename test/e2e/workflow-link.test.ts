import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../helpers/app.js';
import { openBrowserStack, openTrackedPage, signInFr } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/constants.js';
import { createDossier } from '../helpers/dossiers.js';

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

describe("a dossier's link to its workflow in the Temporal UI", () => {
  it('is there for an admin (OPS_WORKFLOWS_VIEW), pointing at the workflow, and not for an agent', async () => {
    const admin = await login(t.app, 'admin@demo.test', 'demo');
    const dossier = await createDossier(t.app, admin.headers, { title: `Ops ${Date.now().toString(36)}` });
    const expected = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/dossiers/${dossier.id}/workflow`,
        headers: admin.headers,
      })
    ).json<{ url: string; workflowId: string }>();
    expect(expected.url).toContain(`/workflows/${expected.workflowId}`);

    const errors: string[] = [];
    const page = await openTrackedPage(browser, { errors, prefix: 'workflow-link', name: 'admin' });
    await signInFr(page, base, 'admin@demo.test', TEST_PASSWORD);
    await page.goto(`${base}/dossiers/show/${dossier.id}`);
    const link = page.getByTestId('workflow-link');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(expected.url);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.textContent()).toContain('Workflow (Temporal)');

    const agentPage = await openTrackedPage(browser, { errors, prefix: 'workflow-link', name: 'agent' });
    await signInFr(agentPage, base, 'agent@demo.test', TEST_PASSWORD);
    const asked = { workflow: false };
    agentPage.on('request', (r) => {
      if (r.url().includes(`/dossiers/${dossier.id}/workflow`)) asked.workflow = true;
    });
    await agentPage.goto(`${base}/dossiers/show/${dossier.id}`);
    await agentPage.getByTestId('dossier-header').waitFor();
    expect(await agentPage.getByTestId('workflow-link').count()).toBe(0);
    // The UI does not even ask: the permission gates the call, the API (403) gates the answer.
    expect(asked.workflow).toBe(false);
    expect(errors).toEqual([]);
  });
});
