import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { login, type TestApp } from '../helpers/app.js';
import { openBrowserStack, openTrackedPage, screenshotTop, signInFr } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/constants.js';
import { createDossier } from '../helpers/dossiers.js';
import type { Received } from '../helpers/stand-ins.js';

let t: TestApp;
let browser: Browser;
let base: string;
const run = Date.now().toString(36);
const state: {
  contactId?: string;
  dossierId?: string;
  email?: string;
  subject?: string;
  visitId?: string;
  callId?: string;
  day?: string;
} = {};

beforeAll(async () => {
  ({ t, browser, base } = await openBrowserStack());
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/**
 * Chromium logs every HTTP error response as a console error. The steps below provoke some on purpose
 * (the consent 422, a stale 409, the other organisation's 404/403) and assert the screen instead.
 */
const NETWORK_LOG = /^Failed to load resource: the server responded with a status of (422|409|404|403)/;

const openPage = (errors: string[], name: string) =>
  openTrackedPage(browser, {
    errors,
    prefix: 'engagement',
    name,
    ignore: NETWORK_LOG,
    acceptDownloads: true,
  });
const signIn = (page: Page, org: string, email: string) => signInFr(page, base, email, TEST_PASSWORD, org);
const shot = (page: Page, name: string) => screenshotTop(page, `engagement-${name}.png`);

async function received(): Promise<Received> {
  const res = await fetch(`${inject('standInUrl')}/__stand-in/received`);
  return (await res.json()) as Received;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The calendar's slot id for a local date and time (the browser runs in this process's time zone). */
const slot = (d: Date, hh: number, mm = 0) =>
  `slot-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hh)}:${pad(mm)}`;
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const at = (d: Date, hh: number, mm = 0) => new Date(d.getFullYear(), d.getMonth(), d.getDate(), hh, mm);

/** Tuesday and Wednesday of next week: in the future, inside one calendar week. */
function nextWeek() {
  const now = new Date();
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7) + 7);
  const tuesday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 1);
  const wednesday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 2);
  return { monday, tuesday, wednesday };
}

async function apptStart(headers: Record<string, string>, id: string) {
  const res = await t.app.inject({ url: `/api/v1/appointments/${id}`, headers });
  return res.json<{ startAt: string; version: number; status: string }>();
}

/** Drags a calendar appointment (by its lower part, away from the title link) onto a slot. */
async function dragTo(page: Page, id: string, target: string) {
  // On a loaded machine the pointer sequence can end before dnd-kit saw the drag start: nothing is sent.
  // Only then is the gesture made again (a drag that was sent is never repeated).
  for (let attempt = 1; ; attempt++) {
    const sent = page
      .waitForRequest((r) => r.method() === 'POST' && r.url().includes(`/appointments/${id}/reschedule`), {
        timeout: 8_000,
      })
      .then(
        () => true,
        () => false,
      );
    await dragGesture(page, id, target);
    if ((await sent) || attempt === 2) return;
  }
}

async function dragGesture(page: Page, id: string, target: string) {
  const block = page.getByTestId(`appt-${id}`);
  await expect.poll(() => block.getAttribute('data-draggable'), { timeout: 10_000 }).toBe('true');
  const box = await block.boundingBox();
  const to = await page.getByTestId(target).boundingBox();
  if (!box || !to) throw new Error('not on screen');
  const x = box.x + box.width / 2;
  const y = box.y + box.height - 6;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 10, y + 10, { steps: 4 });
  // Aim at the middle of the slot and let the last move land before releasing: under load a release
  // right after a move at the slot's edge could be read over the neighbouring slot.
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
  await page.waitForTimeout(150);
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2);
  await page.waitForTimeout(150);
  await page.mouse.up();
}

describe('engagement: consent, messages, appointments (real browser, real stack)', () => {
  it('an agent records consent, is refused without it, sends an email and sees it delivered', async () => {
    const errors: string[] = [];
    const agent = await login(t.app, 'agent@demo.test', 'demo');
    state.email = `eng-${run}@example.test`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: agent.headers,
      payload: { firstName: 'Inès', lastName: `Moreau ${run}`, email: state.email, phone: '+33612345678' },
    });
    expect(created.statusCode, created.body).toBe(201);
    state.contactId = created.json<{ id: string }>().id;
    const dossier = await createDossier(t.app, agent.headers, {
      title: `Achat maison ${run}`,
      contactId: state.contactId,
    });
    state.dossierId = dossier.id;

    const page = await openPage(errors, 'consent');
    await signIn(page, 'demo', 'agent@demo.test');
    await page.goto(`${base}/contacts/show/${state.contactId}`);
    const card = page.getByTestId('consent-card');
    // No consent on any channel yet: the badges say so, the composer refuses with the reason.
    for (const channel of ['EMAIL', 'SMS', 'WHATSAPP', 'PHONE'])
      expect(await card.getByTestId(`consent-${channel}`).getAttribute('data-status')).toBe('NONE');
    expect(await card.getByTestId('consent-EMAIL').textContent()).toContain('Non recueilli');
    const composer = page.getByTestId('composer');
    const consentLine = composer.getByTestId('composer-consent');
    await consentLine.waitFor();
    expect(await consentLine.textContent()).toContain(
      'Envoi impossible : le contact n’a jamais donné son consentement pour E-mail.',
    );
    const send = composer.getByRole('button', { name: 'Envoyer' });
    expect(await send.isDisabled()).toBe(true);
    await shot(page, 'no-consent');

    // Opt-in on EMAIL with its source and proof, through the editor.
    await card.getByRole('button', { name: 'Enregistrer un choix' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Source').fill('FORM');
    await dialog.getByLabel('Preuve').fill(`formulaire-signe-${run}`);
    await dialog.getByLabel('Commentaire').fill('Signé en agence');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect
      .poll(() => card.getByTestId('consent-EMAIL').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('OPT_IN');
    const badge = await card.getByTestId('consent-EMAIL').textContent();
    expect(badge).toContain('Accepté');
    const agentName = (agent.user as unknown as { fullName: string }).fullName;
    expect(agentName).toBeTruthy();
    expect(badge).toContain(`par ${agentName}`);
    await card.getByRole('button', { name: 'Historique' }).click();
    const history = card.getByTestId('consent-history');
    await history.getByText(`formulaire-signe-${run}`).waitFor();
    expect(await history.textContent()).toContain('Formulaire');
    await shot(page, 'consent-recorded');

    // The composer now allows EMAIL and says whose consent it is.
    await expect.poll(() => consentLine.getAttribute('data-ok')).toBe('true');
    expect(await consentLine.textContent()).toContain('Consentement E-mail accepté');
    state.subject = `Votre visite ${run}`;
    await composer.getByLabel('Sujet de l’e-mail').fill(state.subject);
    await composer.getByLabel('Message').fill('Bonjour, voici les disponibilités pour la visite.');
    await send.click();
    const timeline = page.getByTestId('timeline');
    const item = timeline.getByTestId('timeline-item').filter({ hasText: state.subject }).first();
    await item.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => item.getByTestId('delivery-status').getAttribute('data-delivery'), { timeout: 30_000 })
      .toMatch(/^(SENT|DELIVERED)$/);
    expect(await item.getByTestId('delivery-status').textContent()).toMatch(/Envoyé|Distribué/);
    // Once final, the timeline reloads and shows the delivery event in French.
    await timeline
      .getByText(/Statut d’envoi .*: Envoyé/)
      .first()
      .waitFor({ timeout: 15_000 });
    await timeline
      .getByText(/Consentement .*: Accepté/)
      .first()
      .waitFor();
    await expect
      .poll(async () => (await received()).emails.filter((e) => e.subject === state.subject).length, {
        timeout: 15_000,
      })
      .toBe(1);
    expect((await received()).emails.find((e) => e.subject === state.subject)?.to).toEqual([state.email]);
    await shot(page, 'email-sent');

    // On the dossier page: the contact's badges, and the server's refusal shown inline when the
    // contact opted out after the page was loaded.
    const put = (channel: string, status: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/contacts/${state.contactId}/consents/${channel}`,
        headers: agent.headers,
        payload: { status, source: 'PHONE_CALL' },
      });
    expect((await put('SMS', 'OPT_IN')).statusCode).toBe(200);
    await page.goto(`${base}/dossiers/show/${state.dossierId}`);
    const dossierCard = page.getByTestId('consent-card');
    await expect
      .poll(() => dossierCard.getByTestId('consent-SMS').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('OPT_IN');
    expect(await dossierCard.getByTestId('consent-EMAIL').getAttribute('data-status')).toBe('OPT_IN');
    expect((await put('SMS', 'OPT_OUT')).statusCode).toBe(200);
    const dComposer = page.getByTestId('composer');
    await dComposer.getByText('SMS', { exact: true }).click();
    await dComposer.getByLabel('Message').fill('Rappel de votre rendez-vous');
    await dComposer.getByRole('button', { name: 'Envoyer' }).click();
    const refusal = dComposer.getByTestId('composer-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('le contact a refusé SMS');
    // The consents were reloaded: the send button is now disabled with the reason.
    await expect
      .poll(() => dossierCard.getByTestId('consent-SMS').getAttribute('data-status'))
      .toBe('OPT_OUT');
    expect(await dComposer.getByRole('button', { name: 'Envoyer' }).isDisabled()).toBe(true);
    await shot(page, 'dossier-refusal');

    // A choice for this dossier only: the person agrees to SMS about this sale despite the general
    // opt-out; the badge says it is the dossier's choice and the composer allows SMS here.
    await dossierCard.getByRole('button', { name: 'Enregistrer un choix' }).click();
    const dDialog = page.getByRole('dialog');
    expect(await dDialog.getByLabel('Ce dossier uniquement').isChecked()).toBe(true);
    await dDialog.locator('.ant-select').first().click(); // the channel (antd hides its input)
    await page.locator('.ant-select-item-option[title="SMS"]').click();
    await dDialog.getByLabel('Source').fill('FORM');
    await dDialog.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect
      .poll(() => dossierCard.getByTestId('consent-SMS').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('OPT_IN');
    await dossierCard.getByTestId('consent-SMS-dossier').waitFor();
    await expect.poll(() => dComposer.getByRole('button', { name: 'Envoyer' }).isDisabled()).toBe(false);
    await shot(page, 'dossier-consent-override');
    // Back to the general choice: SMS is refused again.
    await dossierCard.getByTestId('consent-SMS-clear').click();
    await expect
      .poll(() => dossierCard.getByTestId('consent-SMS').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('OPT_OUT');
    expect(await dossierCard.getByTestId('consent-SMS-dossier').count()).toBe(0);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('an agent books from the calendar, is warned of an overlap, and drags to reschedule', async () => {
    const errors: string[] = [];
    const agent = await login(t.app, 'agent@demo.test', 'demo');
    const { monday, tuesday, wednesday } = nextWeek();
    state.day = ymd(monday);
    const page = await openPage(errors, 'calendar');
    await signIn(page, 'demo', 'agent@demo.test');
    await page.goto(`${base}/appointments?view=week&date=${state.day}`);
    await page.getByTestId('appointment-calendar').waitFor();

    // Click a free slot: the form opens with its start and end.
    await page.getByTestId(slot(tuesday, 10)).click();
    await page.waitForURL(/\/appointments\/create/);
    await page.getByText('Visite', { exact: true }).click();
    await page.getByLabel('Titre').fill(`Visite maison ${run}`);
    await page.getByLabel('Lieu').fill('12 rue des Lilas, Lyon');
    await shot(page, 'appointment-create');
    await page.getByRole('button', { name: 'Réserver' }).click();
    await page.waitForURL(/\/appointments\/show\//);
    state.visitId = page.url().split('/').pop();
    await page.getByTestId('appointment-header').locator('[data-status="SCHEDULED"]').waitFor();
    expect(await page.getByTestId('appointment-warnings').count()).toBe(0);
    const visit = await apptStart(agent.headers, state.visitId!);
    expect(Date.parse(visit.startAt)).toBe(at(tuesday, 10).getTime());

    // An overlapping booking (10:30–11:30) is saved with the AGENT_BUSY warning.
    await page.goto(
      `${base}/appointments/create?startAt=${encodeURIComponent(at(tuesday, 10, 30).toISOString())}&endAt=${encodeURIComponent(at(tuesday, 11, 30).toISOString())}&contactId=${state.contactId}`,
    );
    await page.getByLabel('Titre').fill(`Appel vendeur ${run}`);
    await page.getByRole('button', { name: 'Réserver' }).click();
    await page.waitForURL(/\/appointments\/show\//);
    state.callId = page.url().split('/').pop();
    const warning = page.getByTestId('appointment-warnings');
    await warning.waitFor();
    expect(await warning.locator('[data-code="AGENT_BUSY"]').textContent()).toContain(`Visite maison ${run}`);
    await page.getByTestId('appointment-header').getByText(`Moreau ${run}`).waitFor();
    await shot(page, 'appointment-busy');

    // Both are on the calendar; drag the visit to Wednesday 14:00.
    await page.goto(`${base}/appointments?view=week&date=${state.day}`);
    await page.getByTestId(`appt-${state.visitId}`).waitFor();
    await page.getByTestId(`appt-${state.callId}`).waitFor();
    await shot(page, 'calendar-week');
    await dragTo(page, state.visitId!, slot(wednesday, 14));
    await expect
      .poll(async () => Date.parse((await apptStart(agent.headers, state.visitId!)).startAt), {
        timeout: 15_000,
      })
      .toBe(at(wednesday, 14).getTime());
    const moved = page.getByTestId(`day-${ymd(wednesday)}`).getByTestId(`appt-${state.visitId}`);
    await moved.waitFor();
    expect(Date.parse((await moved.getAttribute('data-start'))!)).toBe(at(wednesday, 14).getTime());
    expect(await page.getByTestId('calendar-warnings').count()).toBe(0);

    // Dragging the call onto the visit's new time warns that the agent is busy.
    await dragTo(page, state.callId!, slot(wednesday, 14, 30));
    const busy = page.getByTestId('calendar-warnings');
    await busy.waitFor({ timeout: 15_000 });
    expect(await busy.textContent()).toContain(`Visite maison ${run}`);
    expect(Date.parse((await apptStart(agent.headers, state.callId!)).startAt)).toBe(
      at(wednesday, 14, 30).getTime(),
    );
    await shot(page, 'calendar-busy');

    // Someone else confirms the call meanwhile: the next drag (stale version) is refused with 409.
    const call = await apptStart(agent.headers, state.callId!);
    // The calendar must hold that version before the confirm, or a late refetch would make the drag fresh.
    await expect
      .poll(() => page.getByTestId(`appt-${state.callId}`).getAttribute('data-version'), { timeout: 15_000 })
      .toBe(String(call.version));
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${state.callId}/confirm`,
      headers: agent.headers,
      payload: { version: call.version },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    await dragTo(page, state.callId!, slot(tuesday, 16));
    const stale = page.getByTestId('calendar-error');
    await stale.waitFor({ timeout: 15_000 });
    expect(await stale.textContent()).toContain('l’agenda est rechargé');
    expect(Date.parse((await apptStart(agent.headers, state.callId!)).startAt)).toBe(
      at(wednesday, 14, 30).getTime(),
    );
    await shot(page, 'calendar-stale');

    // Day view, then the show page's actions follow the status.
    await page.goto(`${base}/appointments?view=day&date=${ymd(wednesday)}`);
    await page.getByTestId(`appt-${state.visitId}`).waitFor();
    expect(await page.getByTestId(`appt-${state.callId}`).count()).toBe(1);
    await shot(page, 'calendar-day');
    await page.goto(`${base}/appointments/show/${state.visitId}`);
    const actions = page.getByTestId('appointment-actions');
    await actions.getByRole('button', { name: 'Confirmer' }).click();
    await page.getByTestId('appointment-header').locator('[data-status="CONFIRMED"]').waitFor();
    expect(await actions.getByRole('button', { name: 'Confirmer' }).count()).toBe(0);
    await actions.getByRole('button', { name: 'Marquer effectué' }).waitFor();

    // An appointment in the next 48 hours still to confirm is a next best action linking to it.
    const soon = new Date(Date.now() + 3 * 3600_000);
    const booked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      headers: agent.headers,
      payload: {
        kind: 'RDV',
        title: `À confirmer ${run}`,
        startAt: soon.toISOString(),
        endAt: new Date(soon.getTime() + 1800_000).toISOString(),
        contactId: state.contactId,
      },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const soonId = booked.json<{ id: string }>().id;
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    const action = page.getByTestId('next-actions').getByRole('link', { name: `À confirmer ${run}` });
    await action.waitFor();
    expect(await action.getAttribute('href')).toBe(`/appointments/show/${soonId}`);
    expect(await page.getByTestId('next-actions').textContent()).toContain('À confirmer');
    await action.click();
    await page.getByTestId('appointment-header').locator('[data-status="SCHEDULED"]').waitFor();
    await page.close();
    expect(errors).toEqual([]);
  });

  it('a manager sets the reminder offsets and exports a contact’s personal data', async () => {
    const errors: string[] = [];
    const page = await openPage(errors, 'manager');
    await signIn(page, 'demo', 'manager@demo.test');
    await page.goto(`${base}/settings`);
    // Offsets are a number and a unit, shown in words (ISO 8601 only underneath).
    const first = page.getByLabel('Délai 1', { exact: true });
    await first.waitFor();
    expect(await first.inputValue()).toBe('24');
    expect(await page.getByTestId('duration-words').first().textContent()).toMatch(/^24\sheures$/);
    await first.fill('');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Saisissez une durée : un nombre entier supérieur à zéro.').waitFor();
    await first.fill('48');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Paramètres enregistrés').waitFor();
    const manager = await login(t.app, 'manager@demo.test', 'demo');
    const settings = await t.app.inject({ url: '/api/v1/settings', headers: manager.headers });
    expect(settings.json<{ appointmentReminderOffsets: string[] }>().appointmentReminderOffsets).toEqual([
      'PT48H',
      'PT1H',
    ]);
    await shot(page, 'settings');
    // Put the defaults back for the other suites.
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/settings',
      headers: manager.headers,
      payload: { appointmentReminderOffsets: ['PT24H', 'PT1H'] },
    });

    await page.goto(`${base}/contacts/show/${state.contactId}`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter les données personnelles' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`contact-${state.contactId}.json`);
    // Erasure asks for the contact's email before the button can be pressed.
    await page.getByRole('button', { name: 'Effacer (RGPD)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Irréversible').waitFor();
    expect(await dialog.getByRole('button', { name: 'Effacer définitivement' }).isDisabled()).toBe(true);
    await dialog.getByLabel(/Saisissez l’e-mail du contact/).fill('quelqu.un@example.test');
    expect(await dialog.getByRole('button', { name: 'Effacer définitivement' }).isDisabled()).toBe(true);
    await dialog.getByLabel(/Saisissez l’e-mail du contact/).fill(state.email!);
    expect(await dialog.getByRole('button', { name: 'Effacer définitivement' }).isDisabled()).toBe(false);
    await shot(page, 'erase-dialog');
    await dialog.getByRole('button', { name: 'Annuler' }).click();

    // Another contact is erased for good: its page then shows the replaced fields.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: manager.headers,
      payload: { firstName: 'Paul', lastName: `Effacé ${run}`, email: `erase-${run}@example.test` },
    });
    expect(other.statusCode, other.body).toBe(201);
    const otherId = other.json<{ id: string }>().id;
    await page.goto(`${base}/contacts/show/${otherId}`);
    await page.getByTestId('contact-header').getByText(`erase-${run}@example.test`).waitFor();
    await page.getByRole('button', { name: 'Effacer (RGPD)' }).click();
    const eraseDialog = page.getByRole('dialog');
    await eraseDialog.getByLabel('Motif de la demande').fill('Demande du contact par courrier');
    await eraseDialog.getByLabel(/Saisissez l’e-mail du contact/).fill(`erase-${run}@example.test`);
    await eraseDialog.getByRole('button', { name: 'Effacer définitivement' }).click();
    await page.getByTestId('contact-header').getByText(`erased-${otherId}@erased.invalid`).waitFor();
    expect(await page.getByText(`Effacé ${run}`).count()).toBe(0);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('a readonly user sees consents and the calendar but no composer, editor or dragging', async () => {
    const errors: string[] = [];
    const page = await openPage(errors, 'readonly');
    await signIn(page, 'demo', 'readonly@demo.test');
    await page.goto(`${base}/contacts/show/${state.contactId}`);
    const card = page.getByTestId('consent-card');
    await expect
      .poll(() => card.getByTestId('consent-EMAIL').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('OPT_IN');
    await page.getByTestId('timeline').getByText(state.subject!).first().waitFor();
    // Appointment events read in French and link to the appointment.
    const confirmedEvent = page
      .getByTestId('timeline')
      .getByRole('link', { name: new RegExp(`^Appel vendeur ${run} — Confirmé, `) });
    await confirmedEvent.waitFor();
    expect(await confirmedEvent.getAttribute('href')).toBe(`/appointments/show/${state.callId}`);
    expect(await page.getByTestId('composer').count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Enregistrer un choix' }).count()).toBe(0);
    for (const name of ['Exporter les données personnelles', 'Effacer (RGPD)'])
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    await shot(page, 'readonly-contact');

    await page.goto(`${base}/appointments?view=week&date=${state.day}`);
    const block = page.getByTestId(`appt-${state.visitId}`);
    await block.waitFor();
    expect(await block.getAttribute('data-draggable')).toBe('false');
    expect(await page.getByRole('button', { name: 'Nouveau rendez-vous' }).count()).toBe(0);
    await page.getByText('Lecture seule : les rendez-vous ne se déplacent pas.').waitFor();
    await page.goto(`${base}/appointments/show/${state.callId}`);
    await page.getByTestId('appointment-header').locator('[data-status="CONFIRMED"]').waitFor();
    for (const name of ['Confirmer', 'Marquer effectué', 'Marquer absent', 'Annuler le rendez-vous'])
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    await shot(page, 'readonly-appointment');
    await page.close();
    expect(errors).toEqual([]);
  });

  it('the other organisation sees none of it', async () => {
    const errors: string[] = [];
    const page = await openPage(errors, 'rival');
    await signIn(page, 'rival', 'agent@rival.test');
    await page.goto(`${base}/appointments/show/${state.visitId}`);
    await page.getByText('Rendez-vous introuvable').waitFor();
    expect(await page.getByText(`Visite maison ${run}`).count()).toBe(0);
    await page.goto(`${base}/appointments?view=week&date=${state.day}&agent=all`);
    await page.getByTestId('appointment-calendar').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId(`appt-${state.visitId}`).count()).toBe(0);
    expect(await page.getByText(run).count()).toBe(0);
    const rival = await login(t.app, 'agent@rival.test', 'rival');
    const consents = await t.app.inject({
      url: `/api/v1/contacts/${state.contactId}/consents`,
      headers: rival.headers,
    });
    expect(consents.statusCode).toBe(404);
    await shot(page, 'rival');
    await page.close();
    expect(errors).toEqual([]);
  });
});
