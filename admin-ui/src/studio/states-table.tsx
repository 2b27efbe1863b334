import { ClockCircleOutlined, FlagOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDuration } from '../components/format';
import { localized, type Lang, type PinnedProblems, type StateDef } from './definition-model';
import { ProblemList } from './problem-list';

interface Props {
  states: StateDef[];
  pinned: PinnedProblems;
  labels: Record<string, string>;
  editable: boolean;
  selected?: number;
  onEdit: (index: number) => void;
  onRemove: (index: number) => void;
}

/** The states of a draft; each row carries the validation problems pinned to it. */
export function StatesTable({ states, pinned, labels, editable, selected, onEdit, onRemove }: Props) {
  const { t, i18n } = useTranslation('studio');
  const lang: Lang = i18n.language.startsWith('en') ? 'en' : 'fr';
  const rows = states.map((s, index) => ({ ...s, index }));
  return (
    <Table
      rowKey="index"
      size="small"
      pagination={false}
      dataSource={rows}
      rowClassName={(r) =>
        pinned.states.has(r.index) ? 'row-invalid' : r.index === selected ? 'ant-table-row-selected' : ''
      }
      onRow={(r) =>
        ({
          'data-testid': `state-row-${r.code}`,
          style: pinned.states.has(r.index) ? { background: '#fff1f0' } : undefined,
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('editor.stateCode'),
          key: 'code',
          render: (_, s) => (
            <div>
              <Space size={4}>
                <Typography.Text code>{s.code}</Typography.Text>
                <span>{localized(s.label, lang, labels[s.code] ?? '')}</span>
              </Space>
              <ProblemList problems={pinned.states.get(s.index)} testId={`state-problems-${s.code}`} />
            </div>
          ),
        },
        {
          title: t('editor.kind'),
          key: 'kind',
          render: (_, s) => (
            <Space size={2} wrap>
              {s.initial && (
                <Tag color="green" icon={<PlayCircleOutlined />}>
                  {t('graph.initial')}
                </Tag>
              )}
              {s.terminal && <Tag icon={<FlagOutlined />}>{t('graph.terminal')}</Tag>}
              {s.reasonType && s.reasonType !== 'NONE' && (
                <Tag color="gold">{t(`editor.reason.${s.reasonType}`)}</Tag>
              )}
            </Space>
          ),
        },
        {
          title: t('editor.timers'),
          key: 'timers',
          render: (_, s) =>
            (s.timers ?? []).map((timer, i) => (
              <Tag key={i} color="orange" icon={<ClockCircleOutlined />}>
                {t(`editor.timerActions.${timer.action}`)} · {formatIsoDuration(timer.after)}
                {timer.action === 'autoTransition' ? ` → ${timer.to}` : ''}
              </Tag>
            )),
        },
        ...(editable
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                width: 170,
                render: (_: unknown, s: (typeof rows)[number]) => (
                  <Space>
                    <Button
                      size="small"
                      onClick={() => onEdit(s.index)}
                      aria-label={t('editor.editState', { code: s.code })}
                    >
                      {t('common.edit')}
                    </Button>
                    <Popconfirm
                      title={t('editor.confirmRemoveState', { code: s.code })}
                      okText={t('common.yes')}
                      cancelText={t('common.no')}
                      onConfirm={() => onRemove(s.index)}
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
