import { Card, Empty, Form, List, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { studioApi, type DefinitionDiff, type DefinitionVersion } from './api';

function describe(item: Record<string, unknown>): string {
  if (typeof item.code === 'string') return item.code;
  if (typeof item.from === 'string' && typeof item.to === 'string') return `${item.from} → ${item.to}`;
  return JSON.stringify(item);
}

/** What changed between another version and this one (states and transitions added, removed, changed). */
export function DiffView({
  current,
  versions,
}: {
  current: DefinitionVersion;
  versions: DefinitionVersion[];
}) {
  const { t } = useTranslation('studio');
  const others = versions.filter((v) => v.id !== current.id);
  const [base, setBase] = useState<string | undefined>(others.find((v) => v.version < current.version)?.id);
  const [diff, setDiff] = useState<DefinitionDiff>();
  useEffect(() => {
    if (!base && others[0]) setBase(others.find((v) => v.version < current.version)?.id ?? others[0].id);
  }, [base, others, current.version]);
  useEffect(() => {
    if (!base) return;
    let live = true;
    studioApi
      .diff(base, current.id)
      .then((d) => live && setDiff(d))
      .catch(() => live && setDiff(undefined));
    return () => {
      live = false;
    };
  }, [base, current.id]);

  if (!others.length) return <Empty description={t('diff.single')} />;
  const sections: { key: string; color: string; items: string[] }[] = diff
    ? [
        { key: 'statesAdded', color: 'green', items: diff.statesAdded.map(describe) },
        { key: 'statesRemoved', color: 'red', items: diff.statesRemoved.map(describe) },
        {
          key: 'statesChanged',
          color: 'orange',
          items: diff.statesChanged.map((c) => `${c.code}: ${Object.keys(c.changes).join(', ')}`),
        },
        { key: 'transitionsAdded', color: 'green', items: diff.transitionsAdded.map(describe) },
        { key: 'transitionsRemoved', color: 'red', items: diff.transitionsRemoved.map(describe) },
        {
          key: 'transitionsChanged',
          color: 'orange',
          items: diff.transitionsChanged.map(
            (c) => `${c.from} → ${c.to}: ${Object.keys(c.changes).join(', ')}`,
          ),
        },
      ]
    : [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="diff-view">
      <Form layout="inline">
        <Form.Item label={t('diff.compareWith')} htmlFor="diff-base">
          <Select
            id="diff-base"
            style={{ width: 220 }}
            value={base}
            onChange={setBase}
            options={others.map((v) => ({
              value: v.id,
              label: `v${v.version} (${t(`definitions.statuses.${v.status}`)})`,
            }))}
          />
        </Form.Item>
      </Form>
      {diff && (
        <Typography.Text type="secondary">
          {t('diff.summary', { from: diff.from.version, to: diff.to.version })}
        </Typography.Text>
      )}
      {sections.map((s) => (
        <Card key={s.key} size="small" title={t(`diff.${s.key}`)}>
          {s.items.length ? (
            <List
              size="small"
              dataSource={s.items}
              renderItem={(i) => (
                <List.Item>
                  <Tag color={s.color}>{i}</Tag>
                </List.Item>
              )}
            />
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          )}
        </Card>
      ))}
    </Space>
  );
}
