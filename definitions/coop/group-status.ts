/**
 * Cooperative groups run their status on the tenant-editable COOP_GROUP workflow definition
 * (templates/coop-group.json), evaluated with the engine's pure checkTransition. Transitions are
 * synchronous — one SQL transaction, no Temporal workflow per group (like property listings): a group
 * has nothing to wait for between statuses, and its long-running work (contribution cycles) has its
 * own workflows. A COOP_GROUP definition's timers are therefore not run.
 */
export const COOP_GROUP_CASE_TYPE = 'COOP_GROUP';
