// Bundle entry for the worker: every workflow type the product runs is exported from here.
export { dossierLifecycle } from './dossier-lifecycle.js';
export { followUpReminders } from './follow-up-reminders.js';
export { taskReminder } from './task-reminder.js';
export { contactImport } from './contact-import.js';
export { workerProbe } from './worker-probe.js';
export { nightlyRescore, rescoreOrganization } from './scoring-rescore.js';
export { messageDelivery, outboxSweep } from './message-delivery.js';
export { appointmentReminders } from './appointment-reminders.js';
export { contributionCycle } from './contribution-cycle.js';
