import type { Reply } from '../../api/client';
import { Card, Col, Row, Skeleton, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { ReasonLabel, useDictionary } from '../../components/dictionary';
import { StatusTag } from '../../components/status-tag';

type Funnel = Reply<'/api/v1/reports/funnel', 'get'>;
export type SourceRow = Funnel['sources'][number];
export type CloseReasonRow = Funnel['closeReasons'][number];

/** Source attribution and win/loss reasons of the funnel's period. */
export function FunnelTables({
  sources,
  reasons,
  loading,
}: {
  sources: SourceRow[];
  reasons: CloseReasonRow[];
  /** While the funnel loads: skeleton rows, not the tables' "no data". */
  loading: boolean;
}) {
  const { t } = useTranslation('agent');
  const sourceDict = useDictionary('LEAD_SOURCE');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('dashboard.sources')}>
          <Table<SourceRow>
            size="small"
            rowKey={(r) => r.source ?? '—'}
            pagination={false}
            locale={loading ? { emptyText: <Skeleton active title={false} /> } : undefined}
            data-testid="source-attribution"
            dataSource={sources}
            columns={[
              {
                dataIndex: 'source',
                title: t('dossier.source'),
                render: (v: string | null) => (v ? sourceDict.label(v) : t('dashboard.noSource')),
              },
              { dataIndex: 'leads', title: t('dashboard.leads') },
              { dataIndex: 'wins', title: t('dashboard.wins') },
              {
                dataIndex: 'winRate',
                title: t('dashboard.winRate'),
                render: (v: number) => `${Math.round(v * 100)} %`,
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('dashboard.closeReasons')}>
          <Table<CloseReasonRow>
            size="small"
            rowKey={(r) => `${r.statusCode}-${r.reasonCode ?? ''}`}
            pagination={false}
            locale={loading ? { emptyText: <Skeleton active title={false} /> } : undefined}
            dataSource={reasons}
            columns={[
              {
                dataIndex: 'statusCode',
                title: t('dossier.status'),
                render: (v: string) => <StatusTag code={v} />,
              },
              {
                dataIndex: 'reasonCode',
                title: t('history.reason'),
                render: (v: string | null) => <ReasonLabel code={v} />,
              },
              { dataIndex: 'count', title: t('dashboard.count') },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
