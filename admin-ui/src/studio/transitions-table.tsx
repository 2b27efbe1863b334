import { SafetyOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { localized, type Lang, type PinnedProblems, type TransitionDef } from './definition-model';
import { ProblemList } from './problem-list';

interface Props {
  transitions: TransitionDef[];
  pinned: PinnedProblems;
  editable: boolean;
  onEdit: (index: number) => void;
  onRemove: (index: number) => void;
}

/** The transitions of a draft, with their guard (message and JsonLogic) and pinned problems. */
export function TransitionsTable({ transitions, pinned, editable, onEdit, onRemove }: Props) {
  const { t, i18n } = useTranslation('studio');
  const lang: Lang = i18n.language.startsWith('en') ? 'en' : 'fr';
  const rows = transitions.map((tr, index) => ({ ...tr, index }));
  return (
    <Table
      rowKey="index"
      size="small"
      pagination={false}
      dataSource={rows}
      onRow={(r) =>
        ({
          'data-testid': `transition-row-${r.from}-${r.to}`,
          style: pinned.transitions.has(r.index) ? { background: '#fff1f0' } : undefined,
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('editor.transition'),
          key: 'ends',
          render: (_, tr) => (
            <div>
              <Typography.Text code>{tr.from}</Typography.Text> →{' '}
              <Typography.Text code>{tr.to}</Typography.Text>
              <div style={{ fontSize: 12 }}>{localized(tr.label, lang)}</div>
              <ProblemList
                problems={pinned.transitions.get(tr.index)}
                testId={`transition-problems-${tr.from}-${tr.to}`}
              />
            </div>
          ),
        },
        {
          title: t('editor.guard'),
          key: 'guard',
          render: (_, tr) =>
            tr.guard ? (
              <Tooltip
                title={
                  <pre style={{ margin: 0, fontSize: 11 }}>{JSON.stringify(tr.guard.rule, null, 1)}</pre>
                }
              >
                <Tag color="purple" icon={<SafetyOutlined />}>
                  {localized(tr.guard.message, lang)}
                </Tag>
              </Tooltip>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            ),
        },
        {
          title: t('editor.permission'),
          key: 'permission',
          render: (_, tr) => (
            <Space size={2} wrap>
              {tr.permission && <Tag>{tr.permission}</Tag>}
              {tr.roles?.map((r) => (
                <Tag key={r} color="blue">
                  {r}
                </Tag>
              ))}
              {tr.requiredFields?.map((f) => (
                <Tag key={f} color="cyan">
                  {f}
                </Tag>
              ))}
            </Space>
          ),
        },
        ...(editable
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                width: 170,
                render: (_: unknown, tr: (typeof rows)[number]) => (
                  <Space>
                    <Button size="small" onClick={() => onEdit(tr.index)}>
                      {t('common.edit')}
                    </Button>
                    <Popconfirm
                      title={t('editor.confirmRemoveTransition', { from: tr.from, to: tr.to })}
                      okText={t('common.yes')}
                      cancelText={t('common.no')}
                      onConfirm={() => onRemove(tr.index)}
                    >
                      <Button size="small" danger>
                        {t('common.remove')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
