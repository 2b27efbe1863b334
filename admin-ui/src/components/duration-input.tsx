import type { Rule } from 'antd/es/form';
import { InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseIsoDuration } from '../../../definitions/duration.js';
import i18n from '../i18n';
import { formatIsoDuration } from './format';

/**
 * ISO 8601 durations (what the API stores: P3D, PT24H, P1M…) edited as "number + unit" and shown in
 * words of the UI language ("24 heures"): nobody types ISO by hand.
 */
export const UNITS = ['S', 'MIN', 'H', 'D', 'W', 'M', 'Y'] as const;
export type Unit = (typeof UNITS)[number];

const TIME: Partial<Record<Unit, string>> = { S: 'S', MIN: 'M', H: 'H' };
/** Each unit in milliseconds, as the timers count them (definitions/duration.ts: M = 30 days, Y = 365). */
const UNIT_MS: Record<Unit, number> = {
  S: 1_000,
  MIN: 60_000,
  H: 3_600_000,
  D: 86_400_000,
  W: 7 * 86_400_000,
  M: 30 * 86_400_000,
  Y: 365 * 86_400_000,
};

export function toIso(n: number, unit: Unit): string {
  return TIME[unit] ? `PT${n}${TIME[unit]}` : `P${n}${unit}`;
}

/** "P5D" → {n: 5, unit: 'D'}; null for a duration of several parts. */
export function parseSimple(iso: string | null | undefined): { n: number; unit: Unit } | null {
  const m = iso ? /^P(?:(\d+)([YMWD])|T(\d+)([HMS]))$/.exec(iso) : null;
  if (!m) return null;
  if (m[1]) return { n: Number(m[1]), unit: m[2] as Unit };
  const time = { H: 'H', M: 'MIN', S: 'S' } as const;
  return { n: Number(m[3]), unit: time[m[4] as 'H' | 'M' | 'S'] };
}

/** The duration's milliseconds, or null when it is not a valid ISO 8601 duration. */
export function durationMs(iso: string | null | undefined): number | null {
  if (!iso) return null;
  try {
    return parseIsoDuration(iso);
  } catch {
    return null;
  }
}

/**
 * A duration as one whole number of one of `units`: "P5D" stays 5 days, "P1DT12H" becomes 36 hours
 * (the largest unit that divides it); null when none does or it is not a duration.
 */
export function asAmount(iso: string | null | undefined, units: readonly Unit[]) {
  const simple = parseSimple(iso);
  if (simple && units.includes(simple.unit)) return simple;
  const ms = durationMs(iso);
  if (!ms) return simple;
  const fit = [...units].sort((a, b) => UNIT_MS[b] - UNIT_MS[a]).find((u) => ms % UNIT_MS[u] === 0);
  return fit ? { n: ms / UNIT_MS[fit], unit: fit } : simple;
}

/** A form rule: a positive whole duration is required, phrased in the UI language. */
export function durationRule(): Rule {
  return {
    validator: (_rule, value: unknown) =>
      typeof value === 'string' && (durationMs(value) ?? 0) > 0
        ? Promise.resolve()
        : Promise.reject(new Error(i18n.t('common:duration.invalid'))),
  };
}

/**
 * A duration form control: value and onChange carry the ISO text. `phrase` shows the value in words
 * under the control ("24 heures").
 */
export function DurationInput({
  id,
  value,
  onChange,
  units = ['D', 'W', 'M', 'Y'],
  disabled,
  phrase,
  'aria-label': ariaLabel,
}: {
  id?: string;
  value?: string | null;
  onChange?: (iso: string | null) => void;
  units?: readonly Unit[];
  disabled?: boolean;
  phrase?: boolean;
  'aria-label'?: string;
}) {
  const { t } = useTranslation('common');
  const amount = asAmount(value, units);
  // The unit chosen stays when the number is cleared and typed again.
  const [chosen, setChosen] = useState<Unit>(amount?.unit ?? units[0] ?? 'D');
  const parsed = amount ?? { n: null, unit: chosen };
  // Durations the tests use (seconds) stay editable when a record already has them.
  const shown = units.includes(parsed.unit) ? units : [parsed.unit, ...units];
  const words = value && durationMs(value) ? formatIsoDuration(value) : '';
  return (
    <>
      <Space.Compact style={{ width: '100%' }}>
        <InputNumber
          id={id}
          aria-label={ariaLabel}
          min={1}
          max={100000}
          precision={0}
          value={parsed.n}
          disabled={disabled}
          style={{ width: '42%' }}
          onChange={(n) => onChange?.(typeof n === 'number' ? toIso(n, parsed.unit) : null)}
        />
        <Select
          aria-label={t('duration.unit')}
          value={parsed.unit}
          disabled={disabled}
          style={{ width: '58%' }}
          options={shown.map((u) => ({ value: u, label: t(`duration.unitName.${u}`) }))}
          onChange={(u: Unit) => {
            setChosen(u);
            if (parsed.n !== null) onChange?.(toIso(parsed.n, u));
          }}
        />
      </Space.Compact>
      {phrase && words && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="duration-words">
          {words}
        </Typography.Text>
      )}
    </>
  );
}
