import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../components/format';
import { api } from '../../api/client';
import { useCoopQuery } from '../../coop/api';
import { formatDuration } from '../../coop/duration';
import { formatBasisPoints, formatCents } from '../../coop/money';
import { plansOf, type CoopGroup, type CoopPlan, type PlanVersion, type Schedule } from '../../coop/types';
import i18n from '../../i18n';
import { PlanVersionModal } from './plan-form';

const t = (key: string, opts?: Record<string, unknown>) => i18n.t(`coop:${key}`, opts);

/** "12 mensualités de 150,00 €, le 5 du mois à partir de 01/2026". */
export function scheduleText(s: Schedule): string {
  if (s.kind === 'MONTHLY')
    return t('plan.monthly', {
      count: s.count,
      amount: formatCents(s.amount),
      day: s.dayOfMonth,
      month: s.firstMonth ? `${s.firstMonth.slice(5)}/${s.firstMonth.slice(0, 4)}` : '—',
    });
  if (s.kind === 'INTERVAL')
    return t('plan.interval', {
      count: s.count,
      amount: formatCents(s.amount),
      every: formatDuration(s.every),
      start: formatDate(s.start),
    });
  const items = s.items ?? [];
  return t('plan.explicit', {
    count: items.length,
    total: formatCents(items.reduce((a, i) => a + i.amount, 0)),
  });
}

function FormulaText({ f }: { f: PlanVersion['formula'] }) {
  const p = f.penalty;
  const penalty = !p
    ? t('rules.none')
    : p.kind === 'FIXED'
      ? formatCents(p.amount)
      : formatBasisPoints(p.rateBp);
  return (
    <Space size={4} wrap>
      <Tag>{t('plan.penaltyShort', { value: p ? `${penalty} / ${formatDuration(p.every)}` : penalty })}</Tag>
      <Tag>
        {t('plan.indexationShort', {
          value: f.indexation
            ? `${formatBasisPoints(f.indexation.rateBp)} / ${formatDuration(f.indexation.every)}`
            : t('rules.none'),
        })}
      </Tag>
      <Tag>{t('plan.graceShort', { value: formatDuration(f.grace) })}</Tag>
    </Space>
  );
}

/** Contribution plans with every version (the past is never rewritten), new plan, new version. */
export function PlansTab({ group }: { group: CoopGroup }) {
  const { t: tr } = useTranslation('coop');
  const plans = useCoopQuery(['plans', group.id], () =>
    api.GET('/api/v1/coop/groups/{id}/plans', { params: { path: { id: group.id } } }),
  );
  const [open, setOpen] = useState<{ plan?: CoopPlan } | null>(null);
  const rows = plansOf(plans.data?.data ?? []);
  return (
    <Flex vertical gap={16}>
      <Flex justify="flex-end">
        <Button icon={<PlusOutlined />} onClick={() => setOpen({})}>
          {tr('plan.newPlan')}
        </Button>
      </Flex>
      {!plans.isLoading && !rows.length ? <Empty description={tr('plan.empty')} /> : null}
      {rows.map((plan) => (
        <Card
          key={plan.id}
          size="small"
          data-testid="plan-card"
          title={
            <Space>
              {plan.name}
              <Tag color="blue">{tr('plan.current', { version: plan.currentVersion })}</Tag>
            </Space>
          }
          extra={
            <Button size="small" onClick={() => setOpen({ plan })}>
              {tr('plan.newVersion')}
            </Button>
          }
        >
          <Table<PlanVersion>
            size="small"
            rowKey="version"
            pagination={false}
            dataSource={[...plan.versions].sort((a, b) => b.version - a.version)}
            columns={[
              { dataIndex: 'version', title: tr('plan.version'), width: 80, render: (v: number) => `v${v}` },
              {
                dataIndex: 'effectiveFrom',
                title: tr('plan.effectiveFrom'),
                render: (v: string) => formatDateTime(v),
              },
              { dataIndex: 'schedule', title: tr('plan.schedule'), render: (s: Schedule) => scheduleText(s) },
              {
                dataIndex: 'formula',
                title: tr('plan.formula'),
                render: (f: PlanVersion['formula']) => <FormulaText f={f} />,
              },
              {
                dataIndex: 'reason',
                title: tr('plan.reason'),
                render: (r: string | null) => r ?? <Typography.Text type="secondary">—</Typography.Text>,
              },
            ]}
          />
        </Card>
      ))}
      {open ? <PlanVersionModal groupId={group.id} plan={open.plan} onClose={() => setOpen(null)} /> : null}
    </Flex>
  );
}
