/** Every namespace of every language; the completeness of en and ar is checked by test/unit/locales.test.ts. */
import { a11yAr, a11yEn, a11yFr } from './locales/a11y.js';
import { agentEn, agentFr } from './locales/agent.js';
import { agentAr } from './locales/agent-ar.js';
import { annoncesEn, annoncesFr } from './locales/annonces.js';
import { annoncesAr } from './locales/annonces-ar.js';
import { channelsAr, channelsEn, channelsFr } from './locales/channels.js';
import { commonEn, commonFr } from './locales/common.js';
import { commonAr } from './locales/common-ar.js';
import { coopFr } from './locales/coop.js';
import { coopEn } from './locales/coop-en.js';
import { coopAr } from './locales/coop-ar.js';
import { engagementEn, engagementFr } from './locales/engagement.js';
import { engagementAr } from './locales/engagement-ar.js';
import { eventsAr, eventsEn, eventsFr } from './locales/events.js';
import { fieldErrorsAr, fieldErrorsEn, fieldErrorsFr } from './locales/field-errors.js';
import { labelsAr, labelsEn, labelsFr } from './locales/labels.js';
import { passwordAr, passwordEn, passwordFr } from './locales/password.js';
import { problemsAr, problemsEn, problemsFr } from './locales/problems.js';
import { rulesEn, rulesFr } from './locales/rules.js';
import { rulesAr } from './locales/rules-ar.js';
import { studioEn, studioFr } from './locales/studio.js';
import { studioAr } from './locales/studio-ar.js';

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
  },
  // Arabic (right-to-left).
  ar: {
    coop: coopAr,
    studio: studioAr,
    agent: agentAr,
    annonces: annoncesAr,
    engagement: engagementAr,
    rules: rulesAr,
    common: commonAr,
    channels: channelsAr,
    a11y: a11yAr,
    events: eventsAr,
    problems: problemsAr,
    labels: labelsAr,
    password: passwordAr,
    fieldErrors: fieldErrorsAr,
  },
};
