/** Arabic (right-to-left), loaded when a user picks it (admin-ui/src/i18n/index.ts): not in the entry bundle. */
import { a11yAr } from './locales/a11y-ar.js';
import { agentAr } from './locales/agent-ar.js';
import { annoncesAr } from './locales/annonces-ar.js';
import { channelsAr } from './locales/channels-ar.js';
import { commonAr } from './locales/common-ar.js';
import { coopAr } from './locales/coop-ar.js';
import { engagementAr } from './locales/engagement-ar.js';
import { eventsAr } from './locales/events-ar.js';
import { fieldErrorsAr } from './locales/field-errors-ar.js';
import { labelsAr } from './locales/labels.js';
import { searchAr } from './locales/search-ar.js';
import { passwordAr } from './locales/password.js';
import { problemsAr } from './locales/problems-ar.js';
import { rulesAr } from './locales/rules-ar.js';
import { studioAr } from './locales/studio-ar.js';
import { tasksAr } from './locales/tasks-ar.js';
import { importsAr } from './locales/imports-ar.js';

export const arResources = {
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
  search: searchAr,
  tasks: tasksAr,
  imports: importsAr,
  password: passwordAr,
  fieldErrors: fieldErrorsAr,
};
