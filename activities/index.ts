import type { Orm } from '../db/orm.js';
import { NO_CHANNELS, type ChannelSource } from './channels/index.js';
import { createDossierActivities, DOSSIER_NON_RETRYABLE } from './dossier-activities.js';
import { createFollowUpActivities, FOLLOW_UP_NON_RETRYABLE } from './follow-up-activities.js';
import { createAppointmentActivities } from './appointment-activities.js';
import { createImportActivities } from './import-activities.js';
import { COOP_NON_RETRYABLE, createCoopActivities } from './coop-activities.js';
import { createMessageActivities, MESSAGE_NON_RETRYABLE } from './message-activities.js';
import { createScoringActivities, SCORING_NON_RETRYABLE } from './scoring-activities.js';

export interface ActivityDeps {
  orm: Orm;
  /** Outbound channels (SMTP, SMS API, each organisation's WhatsApp number); tests point them at stand-ins. */
  channels?: ChannelSource;
}

/**
 * All I/O the workflows need, built from injected dependencies so tests can pass stand-ins for
 * external channels. Business errors are named classes listed as non-retryable in the worker.
 */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDossierActivities(deps),
    ...createFollowUpActivities(deps),
    ...createScoringActivities(deps),
    ...createImportActivities(deps),
    ...createMessageActivities({ orm: deps.orm, channels: deps.channels ?? NO_CHANNELS }),
    ...createAppointmentActivities({ orm: deps.orm, channels: deps.channels ?? NO_CHANNELS }),
    ...createCoopActivities({ orm: deps.orm, channels: deps.channels ?? NO_CHANNELS }),
    /** Used by ops and tests to prove a worker is polling with a live database connection. */
    async pingDatabase(): Promise<string> {
      const rows = await deps.orm.em.fork().execute<{ now: string }[]>('select now()::text as now');
      return rows[0]?.now ?? '';
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;

/** Error types that retrying cannot fix. */
export const NON_RETRYABLE_ERRORS: string[] = [
  ...DOSSIER_NON_RETRYABLE,
  ...FOLLOW_UP_NON_RETRYABLE,
  ...SCORING_NON_RETRYABLE,
  ...MESSAGE_NON_RETRYABLE,
  ...COOP_NON_RETRYABLE,
];
