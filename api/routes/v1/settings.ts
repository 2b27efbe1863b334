import type { FastifyInstance } from 'fastify';
import { DEFAULT_REMINDER_OFFSETS } from '../../../db/appointments.js';
import { recordAudit } from '../../../db/audit.js';
import { parseIsoDuration } from '../../../definitions/duration.js';
import {
  DEFAULT_MATCHING_SETTINGS,
  matchingSettingsOf,
  type MatchingSettings,
} from '../../../definitions/matching.js';
import { problems, type FieldError } from '../../problem.js';
import { closed, errorResponses } from '../../schemas/shared.js';

interface Settings {
  appointmentReminderOffsets: string[];
  timeZone: string;
  matching: MatchingSettings;
}

const weightSchema = { type: 'number', minimum: 0, maximum: 1000 } as const;
const matchingSchema = {
  type: 'object',
  additionalProperties: false,
  description:
    'Property matching: weight of each soft criterion (relative; 0 = ignored) and how far above the max budget (percent) a listing may be. Defaults in definitions/matching.ts.',
  properties: {
    weights: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        Object.keys(DEFAULT_MATCHING_SETTINGS.weights).map((k) => [k, weightSchema]),
      ),
    },
    budgetTolerancePct: { type: 'number', minimum: 0, maximum: 50 },
  },
} as const;

const settingsSchema = closed({
  type: 'object',
  properties: {
    appointmentReminderOffsets: {
      type: 'array',
      items: { type: 'string' },
      description: 'ISO 8601 durations before an appointment when reminders go out (default PT24H, PT1H)',
    },
    timeZone: { type: 'string', description: 'IANA time zone of the agency (dates in reminders)' },
    matching: matchingSchema,
  },
} as const);

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Tenant settings the product reads at run time (appointment reminders, time zone). */
export default async function settingsRoutes(app: FastifyInstance) {
  const read = async (em: Parameters<Parameters<typeof app.orm.em.transactional>[0]>[0], orgId: string) => {
    const rows = await em.execute<{ settings: Partial<Settings> | null }[]>(
      'select settings from organization where id = ?',
      [orgId],
    );
    const s = rows[0]?.settings ?? {};
    return {
      appointmentReminderOffsets: s.appointmentReminderOffsets?.length
        ? s.appointmentReminderOffsets
        : DEFAULT_REMINDER_OFFSETS,
      timeZone: s.timeZone ?? 'Europe/Paris',
      matching: matchingSettingsOf(s.matching),
    };
  };

  app.get(
    '/settings',
    {
      config: { authOnly: true },
      schema: {
        tags: ['settings'],
        summary: "The organisation's settings",
        response: { 200: settingsSchema, ...errorResponses(401) },
      },
    },
    async (request) => request.tx((em) => read(em, request.tenant().orgId)),
  );

  app.put<{ Body: Partial<Omit<Settings, 'matching'>> & { matching?: Partial<MatchingSettings> } }>(
    '/settings',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags: ['settings'],
        summary: 'Change settings (audited); new appointments use the new reminder offsets',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            appointmentReminderOffsets: {
              type: 'array',
              items: { type: 'string', maxLength: 32 },
              minItems: 1,
              maxItems: 5,
            },
            timeZone: { type: 'string', maxLength: 64 },
            matching: matchingSchema,
          },
        },
        response: { 200: settingsSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const errors: FieldError[] = [];
      (request.body.appointmentReminderOffsets ?? []).forEach((o, i) => {
        try {
          if (parseIsoDuration(o) <= 0) throw new Error();
        } catch {
          errors.push({
            field: `appointmentReminderOffsets/${i}`,
            message: `"${o}" is not a positive ISO 8601 duration (PT24H, PT1H…)`,
          });
        }
      });
      if (request.body.timeZone && !validTimeZone(request.body.timeZone))
        errors.push({ field: 'timeZone', message: 'is not an IANA time zone (e.g. Europe/Paris)' });
      if (errors.length) throw problems.validation(errors);
      const ctx = request.tenant();
      return request.tx(async (em) => {
        const before = await read(em, ctx.orgId);
        const { matching, ...rest } = request.body;
        // Matching settings merge with what the organisation already overrides (weights one by one).
        const merged = matching
          ? {
              ...rest,
              matching: {
                ...before.matching,
                ...matching,
                weights: { ...before.matching.weights, ...matching.weights },
              },
            }
          : rest;
        await em.execute(`update organization set settings = settings || ?::jsonb where id = ?`, [
          JSON.stringify(merged),
          ctx.orgId,
        ]);
        const after = await read(em, ctx.orgId);
        await recordAudit(em, ctx, {
          entityType: 'Settings',
          entityId: ctx.orgId,
          action: 'UPDATE',
          before,
          after,
        });
        return after;
      });
    },
  );
}
