import { CheckOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Space, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../components/format';
import { api, ok } from '../../api/client';
import { useCoopQuery, useRefreshCoop } from '../../coop/api';
import { formatCents } from '../../coop/money';
import { LotStatusTag } from '../../coop/tags';
import type { CoopGroup, CoopLot, CoopProject } from '../../coop/types';
import { errorMessage } from '../../providers/http';
import { LotModal, ProjectModal, RunAllocationModal } from './project-dialogs';

type Dialog = { kind: 'project' } | { kind: 'lot' | 'run'; project: CoopProject } | null;

function Lots({ project, onAdd }: { project: CoopProject; onAdd: () => void }) {
  const { t } = useTranslation('coop');
  const { notification } = App.useApp();
  const refresh = useRefreshCoop();
  const lots = useCoopQuery(['lots', project.id], () =>
    api.GET('/api/v1/coop/projects/{id}/lots', { params: { path: { id: project.id } } }),
  );
  const deliver = async (lot: CoopLot) => {
    try {
      await ok(
        api.PATCH('/api/v1/coop/lots/{id}', {
          params: { path: { id: lot.id } },
          body: { version: lot.version, status: 'DELIVERED' },
        }),
      );
      notification.success({ message: t('lot.delivered') });
    } catch (err) {
      notification.error({ message: t('lot.failed'), description: errorMessage(err) });
    }
    await refresh();
  };
  return (
    <Table<CoopLot>
      size="small"
      rowKey="id"
      loading={lots.isLoading}
      dataSource={lots.data?.data ?? []}
      pagination={false}
      data-testid="lot-table"
      locale={{ emptyText: t('lot.empty') }}
      title={() => (
        <Flex justify="flex-end">
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd}>
            {t('lot.add')}
          </Button>
        </Flex>
      )}
      columns={[
        { dataIndex: 'code', title: t('lot.code'), render: (c: string) => <strong>{c}</strong> },
        { dataIndex: 'type', title: t('lot.type') },
        {
          dataIndex: 'surfaceM2',
          title: t('lot.surface'),
          align: 'right',
          render: (v: number) => `${formatNumber(v, 1)} m²`,
        },
        { dataIndex: 'floor', title: t('lot.floor'), align: 'right', render: (v: number | null) => v ?? '—' },
        {
          dataIndex: 'referencePriceCents',
          title: t('lot.price'),
          align: 'right',
          render: (v: number | null) => formatCents(v),
        },
        { dataIndex: 'status', title: t('lot.status'), render: (s: string) => <LotStatusTag status={s} /> },
        {
          key: 'actions',
          render: (_: unknown, lot) =>
            lot.status === 'ASSIGNED' ? (
              <Popconfirm
                title={t('lot.deliver')}
                onConfirm={() => deliver(lot)}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
              >
                <Button size="small">{t('lot.deliver')}</Button>
              </Popconfirm>
            ) : null,
        },
      ]}
    />
  );
}

function Milestones({ project }: { project: CoopProject }) {
  const { t } = useTranslation('coop');
  const { notification } = App.useApp();
  const refresh = useRefreshCoop();
  const reach = async (code: string) => {
    const milestones = project.milestones.map((m) =>
      m.code === code ? { ...m, doneAt: new Date().toISOString() } : m,
    );
    try {
      await ok(
        api.PATCH('/api/v1/coop/projects/{id}', {
          params: { path: { id: project.id } },
          body: { version: project.version, milestones },
        }),
      );
    } catch (err) {
      notification.error({ message: t('plan.failed'), description: errorMessage(err) });
    }
    await refresh();
  };
  if (!project.milestones.length) return null;
  return (
    <Steps
      size="small"
      style={{ marginBottom: 16 }}
      current={project.milestones.filter((m) => m.doneAt).length}
      items={project.milestones.map((m) => ({
        title: m.label,
        status: m.doneAt ? 'finish' : 'wait',
        description: m.doneAt ? (
          t('project.doneAt', { date: formatDate(m.doneAt) })
        ) : (
          <Space direction="vertical" size={0}>
            {m.dueDate ? t('project.dueDate', { date: formatDate(m.dueDate) }) : null}
            <Popconfirm
              title={t('project.reach', { label: m.label })}
              onConfirm={() => reach(m.code)}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
            >
              <Button size="small" type="link" icon={<CheckOutlined />} style={{ padding: 0 }}>
                {t('project.markReached')}
              </Button>
            </Popconfirm>
          </Space>
        ),
      }))}
    />
  );
}

/** Projects with milestones and lots; the FIFO allocation of a project is launched from here. */
export function ProjectsTab({ group, onRan }: { group: CoopGroup; onRan: () => void }) {
  const { t } = useTranslation('coop');
  const projects = useCoopQuery(['projects', group.id], () =>
    api.GET('/api/v1/coop/groups/{id}/projects', { params: { path: { id: group.id } } }),
  );
  const [dialog, setDialog] = useState<Dialog>(null);
  const rows = projects.data?.data ?? [];
  return (
    <Flex vertical gap={16}>
      <Flex justify="flex-end">
        <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'project' })}>
          {t('project.add')}
        </Button>
      </Flex>
      {!projects.isLoading && !rows.length ? <Empty description={t('project.empty')} /> : null}
      {rows.map((p) => (
        <Card
          key={p.id}
          size="small"
          data-testid="project-card"
          title={
            <Space wrap>
              {p.name}
              <Tag color="geekblue">{t(`project.statuses.${p.statusCode}`, p.statusCode)}</Tag>
              {p.budgetTotalCents !== null ? (
                <Typography.Text type="secondary">
                  {t('project.budget')} : {formatCents(p.budgetTotalCents)}
                </Typography.Text>
              ) : null}
            </Space>
          }
          extra={
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              data-testid="allocation-run"
              onClick={() => setDialog({ kind: 'run', project: p })}
            >
              {t('project.runAllocation')}
            </Button>
          }
        >
          <Milestones project={p} />
          <Lots project={p} onAdd={() => setDialog({ kind: 'lot', project: p })} />
        </Card>
      ))}
      {dialog?.kind === 'project' ? (
        <ProjectModal groupId={group.id} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'lot' ? <LotModal project={dialog.project} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'run' ? (
        <RunAllocationModal
          project={dialog.project}
          usePreferences={group.rules.allocation.usePreferences}
          onClose={() => setDialog(null)}
          onRan={onRan}
        />
      ) : null}
    </Flex>
  );
}
