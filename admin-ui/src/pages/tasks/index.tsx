import { App, Badge, Button, Card, Flex, Segmented, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format';
import { pageTitle } from '../../components/page-title';
import { hasPermission } from '../../providers/access-control';
import { errorMessage } from '../../providers/http';
import {
  BUCKETS,
  completeTask,
  useRefreshTasks,
  useTaskCounts,
  useTasks,
  type Task,
  type TaskBucket,
} from './api';
import { RescheduleDialog } from './reschedule-dialog';

const PAGE_SIZE = 20;

/** "Mes tâches": open tasks and next actions, overdue / today / upcoming, mine or the team's. */
export default function TasksPage() {
  const { t } = useTranslation('tasks');
  const { notification } = App.useApp();
  const [bucket, setBucket] = useState<TaskBucket>('overdue');
  const [assignee, setAssignee] = useState<'me' | 'all'>('me');
  const [page, setPage] = useState(1);
  const [moving, setMoving] = useState<Task | null>(null);
  const counts = useTaskCounts(assignee);
  const tasks = useTasks(bucket, assignee, page, PAGE_SIZE);
  const refresh = useRefreshTasks();
  const canAct = hasPermission('CRM_ACTIVITIES_CREATE');

  const complete = async (task: Task) => {
    try {
      await completeTask(task.id);
      notification.success({ message: t('completed') });
    } catch (err) {
      notification.error({ message: t('complete'), description: errorMessage(err) });
    }
    await refresh();
  };

  const columns = [
    {
      key: 'dueAt',
      title: t('columns.dueAt'),
      render: (_: unknown, task: Task) => (
        <Typography.Text type={task.overdue ? 'danger' : undefined}>
          {formatDateTime(task.dueAt)}
        </Typography.Text>
      ),
    },
    {
      key: 'subject',
      title: t('columns.subject'),
      render: (_: unknown, task: Task) => task.subject ?? t('untitled'),
    },
    {
      key: 'dossier',
      title: t('columns.dossier'),
      render: (_: unknown, task: Task) =>
        task.dossierId ? <Link to={`/dossiers/show/${task.dossierId}`}>{task.dossierReference}</Link> : '—',
    },
    {
      key: 'contact',
      title: t('columns.contact'),
      render: (_: unknown, task: Task) =>
        task.contactId ? <Link to={`/contacts/show/${task.contactId}`}>{task.contactName ?? '—'}</Link> : '—',
    },
    ...(assignee === 'all'
      ? [
          {
            key: 'assignee',
            title: t('columns.assignee'),
            render: (_: unknown, task: Task) => task.assigneeName,
          },
        ]
      : []),
    ...(canAct
      ? [
          {
            key: 'actions',
            title: t('columns.actions'),
            render: (_: unknown, task: Task) => (
              <Space wrap>
                <Button size="small" onClick={() => void complete(task)}>
                  {t('complete')}
                </Button>
                <Button size="small" onClick={() => setMoving(task)}>
                  {t('reschedule')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} style={{ padding: 'clamp(8px, 2vw, 24px)', minWidth: 0 }}>
      <Flex wrap gap={12} align="center" justify="space-between">
        {pageTitle(assignee === 'me' ? t('title') : t('teamTitle'))}
        <Segmented
          aria-label={t('scope.label')}
          value={assignee}
          onChange={(v) => {
            setAssignee(v as 'me' | 'all');
            setPage(1);
          }}
          options={[
            { value: 'me', label: t('scope.me') },
            { value: 'all', label: t('scope.all') },
          ]}
        />
      </Flex>
      <Card size="small" styles={{ body: { minWidth: 0 } }}>
        <Tabs
          activeKey={bucket}
          onChange={(k) => {
            setBucket(k as TaskBucket);
            setPage(1);
          }}
          items={BUCKETS.map((b) => ({
            key: b,
            label: (
              <Space size={6}>
                {t(`buckets.${b}`)}
                <Badge
                  count={counts.data?.[b] ?? 0}
                  showZero
                  color={b === 'overdue' ? '#b42318' : '#4b5563'}
                  data-testid={`task-count-${b}`}
                />
              </Space>
            ),
          }))}
        />
        <Table<Task>
          data-testid="task-table"
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          loading={tasks.isLoading}
          columns={columns}
          dataSource={tasks.data?.data ?? []}
          locale={{ emptyText: tasks.isLoading ? ' ' : t(`empty.${bucket}`) }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: tasks.data?.total ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
          }}
        />
      </Card>
      {moving ? <RescheduleDialog task={moving} onClose={() => setMoving(null)} /> : null}
    </Flex>
  );
}
