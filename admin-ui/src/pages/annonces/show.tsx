import { EditButton, ListButton, Show } from '@refinedev/antd';
import { useShow } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Space, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuditTrail } from '../../components/audit-diff';
import { DictLabel } from '../../components/dictionary';
import { formatDateTime, formatMoney, formatNumber } from '../../components/format';
import { UserName } from '../../components/users';
import { useAllowed } from '../../providers/access-control';
import { api, ok } from '../../api/client';
import { AnnonceDeleteButton } from './delete-button';
import { AnnonceStatusTag, FeatureChips, Price } from './parts';
import { AnnonceTransitions } from './transitions';
import { toEuros, type Annonce, type AnnonceHistoryRow } from './types';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

function History({ annonceId }: { annonceId: string }) {
  const { t } = useTranslation('annonces');
  const history = useQuery({
    queryKey: ['annonce-history', annonceId],
    queryFn: () => ok(api.GET('/api/v1/annonces/{id}/history', { params: { path: { id: annonceId } } })),
  });
  return (
    <Table<AnnonceHistoryRow>
      size="small"
      loading={history.isLoading}
      dataSource={history.data?.data ?? []}
      rowKey={(r) => `${r.at}-${r.to}`}
      pagination={false}
      data-testid="annonce-history"
      columns={[
        { dataIndex: 'at', title: t('history.at'), render: (v: string) => formatDateTime(v) },
        {
          dataIndex: 'from',
          title: t('history.from'),
          render: (v: string | null) => <AnnonceStatusTag code={v} />,
        },
        { dataIndex: 'to', title: t('history.to'), render: (v: string) => <AnnonceStatusTag code={v} /> },
        { dataIndex: 'comment', title: t('history.comment'), render: (v: string | null) => v ?? '—' },
        {
          dataIndex: 'actorId',
          title: t('history.actor'),
          render: (v: string | null) => <UserName id={v} />,
        },
      ]}
    />
  );
}

/** A listing: details, allowed and blocked status moves, status history and audit. */
export default function AnnonceShow() {
  const { t } = useTranslation('annonces');
  const { result: a, query } = useShow<Annonce>({ resource: 'annonces' });
  const canMove = useAllowed('annonces', 'transition');
  const canDelete = useAllowed('annonces', 'delete');
  const dash = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

  return (
    <Show
      goBack={backIcon}
      isLoading={query.isLoading}
      title={pageTitle(a ? `${a.reference} · ${a.title}` : t('show.title'))}
      headerButtons={() => (
        <Space>
          <ListButton />
          <EditButton />
          {a && canDelete ? <AnnonceDeleteButton annonce={a} /> : null}
        </Space>
      )}
    >
      {a ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 4 }} data-testid="annonce-header">
            <Descriptions.Item label={t('field.status')}>
              <AnnonceStatusTag code={a.statusCode} />
            </Descriptions.Item>
            <Descriptions.Item label={t('field.transaction')}>
              {t(`transaction.${a.transaction}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.propertyType')}>
              <DictLabel dictType="PROPERTY_TYPE" code={a.propertyType} />
            </Descriptions.Item>
            <Descriptions.Item label={a.transaction === 'RENT' ? t('field.rent') : t('field.price')}>
              <Price annonce={a} />
            </Descriptions.Item>
            <Descriptions.Item label={t('field.charges')}>
              {a.chargesCents === null ? '—' : formatMoney(toEuros(a.chargesCents))}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.surface')}>
              {a.surface === null ? '—' : `${formatNumber(a.surface, 1)} m²`}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.rooms')}>{dash(a.rooms)}</Descriptions.Item>
            <Descriptions.Item label={t('field.bedrooms')}>{dash(a.bedrooms)}</Descriptions.Item>
            <Descriptions.Item label={t('field.floor')}>{dash(a.floor)}</Descriptions.Item>
            <Descriptions.Item label={t('field.energyClass')}>{dash(a.energyClass)}</Descriptions.Item>
            <Descriptions.Item label={t('field.city')}>
              {[a.postalCode, a.city].filter(Boolean).join(' ')}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.zone')}>
              <DictLabel dictType="ZONE" code={a.zoneCode} />
            </Descriptions.Item>
            <Descriptions.Item label={t('field.address')}>{dash(a.address)}</Descriptions.Item>
            <Descriptions.Item label={t('field.agent')}>
              <UserName id={a.assignedAgentId} />
            </Descriptions.Item>
            <Descriptions.Item label={t('field.statusChangedAt')}>
              {formatDateTime(a.statusChangedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.features')} span={4}>
              {a.features.length ? <FeatureChips codes={a.features} /> : '—'}
            </Descriptions.Item>
            {a.description ? (
              <Descriptions.Item label={t('field.description')} span={4}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {a.description}
                </Typography.Paragraph>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <AnnonceTransitions annonce={a} canMove={canMove} />
          <Tabs
            items={[
              { key: 'history', label: t('show.history'), children: <History annonceId={a.id} /> },
              {
                key: 'audit',
                label: t('show.audit'),
                children: <AuditTrail resource="annonces" entityId={a.id} />,
              },
            ]}
          />
        </Space>
      ) : (
        <Typography.Text type="secondary">{query.isError ? t('show.notFound') : ''}</Typography.Text>
      )}
    </Show>
  );
}
