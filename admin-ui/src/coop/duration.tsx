import { parseSimple } from '../components/duration-input';
import i18n from '../i18n';

/** The coop rules' durations: the shared duration control (components/duration-input.tsx). */
export { DurationInput, parseSimple, toIso, UNITS, type Unit } from '../components/duration-input';

/** "5 jours", "1 mois"; an unusual duration stays in ISO form. */
export function formatDuration(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = parseSimple(iso);
  return d ? i18n.t(`coop:unit.${d.unit}`, { count: d.n }) : iso;
}
