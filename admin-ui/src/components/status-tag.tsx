import { Tag } from 'antd';
import { useDictionary } from './dictionary';

/** A CASE_STATUS code as a coloured tag: won green, lost red, hot orange, other open statuses blue. */
export function StatusTag({ code }: { code: string | null | undefined }) {
  const { label, byCode } = useDictionary('CASE_STATUS');
  if (!code) return <>—</>;
  const meta = byCode.get(code)?.metadata ?? {};
  const color =
    meta.outcome === 'WON'
      ? 'green'
      : meta.outcome === 'LOST'
        ? 'red'
        : meta.open === false
          ? 'default'
          : meta.hot
            ? 'orange'
            : 'blue';
  return (
    <Tag color={color} data-status={code}>
      {label(code)}
    </Tag>
  );
}
