import { Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useCoopQuery } from './api';
import { formatCents } from './money';
import { MemberStatusTag } from './tags';
import type { Transparency } from './types';

type Row = Transparency['members'][number];

/** Every member by FIFO rank with called / paid / waived / penalties / balance / late, and the group's totals. */
export function TransparencyTable({ groupId, ownMemberId }: { groupId: string; ownMemberId?: string }) {
  const { t } = useTranslation('coop');
  const view = useCoopQuery(['transparency', groupId], () =>
    api.GET('/api/v1/coop/groups/{id}/transparency', { params: { path: { id: groupId } } }),
  );
  const totals = view.data?.totals;
  const money = (v: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatCents(v)}</span>;
  const stat = (key: 'called' | 'paid' | 'balance' | 'late', color?: string) => (
    <Col xs={12} md={6}>
      <Card size="small">
        <Statistic
          title={t(`transparency.${key}`)}
          value={totals ? formatCents(totals[key]) : '—'}
          valueStyle={{ color, fontSize: 20 }}
        />
      </Card>
    </Col>
  );
  return (
    <div data-testid="transparency">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('transparency.totals')}
      </Typography.Title>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="transparency-totals">
        {stat('called')}
        {stat('paid', '#389e0d')}
        {stat('balance')}
        {stat('late', totals?.late ? '#cf1322' : undefined)}
      </Row>
      <Table<Row>
        size="small"
        rowKey="memberId"
        loading={view.isLoading}
        dataSource={view.data?.members ?? []}
        pagination={false}
        data-testid="transparency-table"
        scroll={{ x: 1000 }}
        rowClassName={(r) => (r.memberId === ownMemberId ? 'ant-table-row-selected' : '')}
        columns={[
          { dataIndex: 'fifoRank', title: t('transparency.rank'), width: 70 },
          {
            dataIndex: 'displayName',
            title: t('transparency.member'),
            render: (n: string, r) => (
              <span>
                {n} {r.memberId === ownMemberId ? <Tag color="blue">{t('transparency.you')}</Tag> : null}
              </span>
            ),
          },
          {
            dataIndex: 'status',
            title: t('transparency.status'),
            render: (s: string) => <MemberStatusTag status={s} />,
          },
          { dataIndex: 'called', title: t('transparency.called'), align: 'right', render: money },
          { dataIndex: 'paid', title: t('transparency.paid'), align: 'right', render: money },
          { dataIndex: 'waived', title: t('transparency.waived'), align: 'right', render: money },
          { dataIndex: 'penalties', title: t('transparency.penalties'), align: 'right', render: money },
          { dataIndex: 'balance', title: t('transparency.balance'), align: 'right', render: money },
          {
            dataIndex: 'late',
            title: t('transparency.late'),
            align: 'right',
            render: (v: number, r) =>
              r.lateLines ? (
                <Typography.Text type="danger">
                  {formatCents(v)} · {t('transparency.lateLines', { count: r.lateLines })}
                </Typography.Text>
              ) : (
                money(v)
              ),
          },
        ]}
        summary={() =>
          totals ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                <strong>{t('transparency.totals')}</strong>
              </Table.Summary.Cell>
              {(['called', 'paid', 'waived', 'penalties', 'balance', 'late'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 3} align="right">
                  <strong>{formatCents(totals[k])}</strong>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
    </div>
  );
}
