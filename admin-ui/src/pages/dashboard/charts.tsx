import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatIsoDuration, formatNumber } from '../../components/format';

export interface StagePoint {
  label: string;
  reached: number;
  days: number | null;
}

/** Dossiers that reached each stage of the pipeline. */
export function FunnelChart({ data, color }: { data: StagePoint[]; color: string }) {
  const { t } = useTranslation('agent');
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={data} layout="vertical" margin={{ left: 24, right: 32 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={120} />
        <Tooltip formatter={(v) => formatNumber(Number(v))} />
        <Bar dataKey="reached" name={t('dashboard.reachedSeries')} fill={color} isAnimationActive={false}>
          <LabelList dataKey="reached" position="right" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Average days spent in each (non-terminal) stage. */
export function TimeInStageChart({ data, color, unit }: { data: StagePoint[]; color: string; unit: string }) {
  const { t } = useTranslation('agent');
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={data} margin={{ top: 16, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" interval={0} tick={{ fontSize: 12 }} />
        <YAxis unit={unit} />
        {/* "6,5 jours", not the data key: the duration in words of the UI language. */}
        <Tooltip formatter={(v) => formatIsoDuration(`P${String(v)}D`)} />
        <Bar dataKey="days" name={t('dashboard.daysSeries')} fill={color} isAnimationActive={false}>
          <LabelList dataKey="days" position="top" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
