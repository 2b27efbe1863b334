import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { ReasonLabel } from '../../components/dictionary';
import { formatDateTime } from '../../components/format';
import { StatusTag } from '../../components/status-tag';
import { UserName } from '../../components/users';
import { api, ok } from '../../api/client';
import type { HistoryRow } from './types';

/** Status history of a dossier, oldest first. */
export function StatusHistory({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation('agent');
  const history = useQuery({
    queryKey: ['dossier-history', dossierId],
    queryFn: () => ok(api.GET('/api/v1/dossiers/{id}/history', { params: { path: { id: dossierId } } })),
  });
  return (
    <Table<HistoryRow>
      size="small"
      loading={history.isLoading}
      dataSource={history.data?.data ?? []}
      rowKey={(r) => `${r.at}-${r.to}`}
      pagination={false}
      data-testid="status-history"
      columns={[
        { dataIndex: 'at', title: t('history.at'), render: (v: string) => formatDateTime(v) },
        { dataIndex: 'from', title: t('history.from'), render: (v: string | null) => <StatusTag code={v} /> },
        { dataIndex: 'to', title: t('history.to'), render: (v: string) => <StatusTag code={v} /> },
        {
          dataIndex: 'reasonCode',
          title: t('history.reason'),
          render: (v: string | null) => <ReasonLabel code={v} />,
        },
        { dataIndex: 'comment', title: t('history.comment'), render: (v: string | null) => v ?? '—' },
        {
          dataIndex: 'actor',
          title: t('history.actor'),
          render: (v: string | null, row) => (row.actorType === 'USER' ? <UserName id={v} /> : row.actorType),
        },
        { dataIndex: 'definitionVersion', title: t('history.version') },
      ]}
    />
  );
}
