import { InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n';

/** The ISO 8601 durations the coop rules use, edited as "number + unit" (P5D, P1M, PT30S…). */
export const UNITS = ['S', 'MIN', 'H', 'D', 'W', 'M', 'Y'] as const;
export type Unit = (typeof UNITS)[number];

const TIME: Partial<Record<Unit, string>> = { S: 'S', MIN: 'M', H: 'H' };

export function toIso(n: number, unit: Unit): string {
  return TIME[unit] ? `PT${n}${TIME[unit]}` : `P${n}${unit}`;
}

/** "P5D" → {n: 5, unit: 'D'}; null for a duration of several parts (shown as is). */
export function parseSimple(iso: string | null | undefined): { n: number; unit: Unit } | null {
  const m = iso ? /^P(?:(\d+)([YMWD])|T(\d+)([HMS]))$/.exec(iso) : null;
  if (!m) return null;
  if (m[1]) return { n: Number(m[1]), unit: m[2] as Unit };
  const time = { H: 'H', M: 'MIN', S: 'S' } as const;
  return { n: Number(m[3]), unit: time[m[4] as 'H' | 'M' | 'S'] };
}

/** "5 jours", "1 mois"; an unusual duration stays in ISO form. */
export function formatDuration(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = parseSimple(iso);
  return d ? i18n.t(`coop:unit.${d.unit}`, { count: d.n }) : iso;
}

/** A duration form control: value and onChange carry the ISO text (what the API stores). */
export function DurationInput({
  id,
  value,
  onChange,
  units = ['D', 'W', 'M', 'Y'],
  disabled,
}: {
  id?: string;
  value?: string | null;
  onChange?: (iso: string | null) => void;
  units?: readonly Unit[];
  disabled?: boolean;
}) {
  const { t } = useTranslation('coop');
  const parsed = parseSimple(value) ?? { n: null, unit: units[0] ?? 'D' };
  // Durations the tests use (seconds) stay editable when a group already has them.
  const shown = units.includes(parsed.unit) ? units : [parsed.unit, ...units];
  return (
    <Space.Compact style={{ width: '100%' }}>
      <InputNumber
        id={id}
        min={1}
        max={100000}
        precision={0}
        value={parsed.n}
        disabled={disabled}
        style={{ width: '55%' }}
        onChange={(n) => onChange?.(typeof n === 'number' ? toIso(n, parsed.unit) : null)}
      />
      <Select
        aria-label={t('rules.every')}
        value={parsed.unit}
        disabled={disabled}
        style={{ width: '45%' }}
        options={shown.map((u) => ({ value: u, label: t(`unitName.${u}`) }))}
        onChange={(u: Unit) => onChange?.(toIso(parsed.n ?? 1, u))}
      />
    </Space.Compact>
  );
}
