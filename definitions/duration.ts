import { DefinitionError, DefinitionErrorCode } from './definition-error.js';

const MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

// PnYnMnWnDTnHnMnS; only seconds may carry decimals (comma or dot, as ISO 8601 allows).
const ISO_DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/**
 * ISO 8601 duration → milliseconds, for durable timers. Calendar units are fixed so the result never
 * depends on the current date (workflow determinism): Y = 365 days, M = 30 days, W = 7 days, D = 24 h.
 * Throws DefinitionError INVALID_DURATION for anything else (empty, "P", "PT", "P1DT", negative, "p3d").
 */
export function parseIsoDuration(text: string): number {
  const match = typeof text === 'string' ? ISO_DURATION.exec(text) : null;
  const invalid = () =>
    new DefinitionError(
      DefinitionErrorCode.INVALID_DURATION,
      `"${String(text)}" is not a valid duration; write it like P3D (3 days), PT2H (2 hours) or P1DT30M`,
    );
  if (!match || text.endsWith('T')) throw invalid();
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  if ([years, months, weeks, days, hours, minutes, seconds].every((part) => part === undefined))
    throw invalid();
  const n = (part: string | undefined) => (part === undefined ? 0 : Number(part.replace(',', '.')));
  const ms =
    (n(years) * 365 + n(months) * 30 + n(weeks) * 7 + n(days)) * MS.day +
    n(hours) * MS.hour +
    n(minutes) * MS.minute +
    n(seconds) * MS.second;
  if (!Number.isSafeInteger(Math.round(ms))) throw invalid();
  return Math.round(ms);
}
