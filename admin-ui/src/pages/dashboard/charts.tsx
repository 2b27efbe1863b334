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

export interface StagePoint {
  label: string;
  reached: number;
  days: number | null;
}

/** Dossiers that reached each stage of the pipeline. */
export function FunnelChart({ data, color }: { data: StagePoint[]; color: string }) {
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={data} layout="vertical" margin={{ left: 24, right: 32 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={120} />
        <Tooltip />
        <Bar dataKey="reached" fill={color} isAnimationActive={false}>
          <LabelList dataKey="reached" position="right" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Average days spent in each (non-terminal) stage. */
export function TimeInStageChart({ data, color, unit }: { data: StagePoint[]; color: string; unit: string }) {
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={data} margin={{ top: 16, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" interval={0} tick={{ fontSize: 12 }} />
        <YAxis unit={unit} />
        <Tooltip />
        <Bar dataKey="days" fill={color} isAnimationActive={false}>
          <LabelList dataKey="days" position="top" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
