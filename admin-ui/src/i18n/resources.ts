/**
 * French and English, in the entry bundle; Arabic loads on demand (resources-ar.ts). Every French key is
 * checked in en and ar by test/unit/locales.test.ts.
 */
import { a11yEn, a11yFr } from './locales/a11y.js';
import { agentEn, agentFr } from './locales/agent.js';
import { annoncesEn, annoncesFr } from './locales/annonces.js';
import { channelsEn, channelsFr } from './locales/channels.js';
import { commonEn, commonFr } from './locales/common.js';
import { coopFr } from './locales/coop.js';
import { coopEn } from './locales/coop-en.js';
import { engagementEn, engagementFr } from './locales/engagement.js';
import { eventsEn, eventsFr } from './locales/events.js';
import { fieldErrorsEn, fieldErrorsFr } from './locales/field-errors.js';
import { labelsEn, labelsFr } from './locales/labels.js';
import { passwordEn, passwordFr } from './locales/password.js';
import { problemsEn, problemsFr } from './locales/problems.js';
import { rulesEn, rulesFr } from './locales/rules.js';
import { searchEn, searchFr } from './locales/search.js';
import { studioEn, studioFr } from './locales/studio.js';
import { tasksEn, tasksFr } from './locales/tasks.js';
import { importsEn, importsFr } from './locales/imports.js';

export const resources = {
  fr: {
    common: commonFr,
    agent: agentFr,
    studio: studioFr,
    engagement: engagementFr,
    rules: rulesFr,
    annonces: annoncesFr,
    fieldErrors: fieldErrorsFr,
    coop: coopFr,
    password: passwordFr,
    channels: channelsFr,
    a11y: a11yFr,
    events: eventsFr,
    problems: problemsFr,
    labels: labelsFr,
    search: searchFr,
    tasks: tasksFr,
    imports: importsFr,
  },
  en: {
    common: commonEn,
    agent: agentEn,
    studio: studioEn,
    engagement: engagementEn,
    rules: rulesEn,
    annonces: annoncesEn,
    fieldErrors: fieldErrorsEn,
    coop: coopEn,
    password: passwordEn,
    channels: channelsEn,
    a11y: a11yEn,
    events: eventsEn,
    problems: problemsEn,
    labels: labelsEn,
    search: searchEn,
    tasks: tasksEn,
    imports: importsEn,
  },
};
