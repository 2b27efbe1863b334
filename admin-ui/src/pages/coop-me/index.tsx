import { Card, Descriptions, Empty, Select, Space, Spin, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useCoopQuery } from '../../coop/api';
import { LedgerTable } from '../../coop/ledger-table';
import { formatCents } from '../../coop/money';
import { RulesSummary } from '../../coop/rules-summary';
import { GroupStatusTag, MemberStatusTag } from '../../coop/tags';
import { TransparencyTable } from '../../coop/transparency';
import { membershipsOf } from '../../coop/types';
import { GroupDocuments } from '../coop-groups/documents';
import { MySchedule } from './schedule';

const TABS = ['schedule', 'myLedger', 'transparency', 'documents'] as const;

const useMyLedger = (groupId: string | undefined) =>
  useCoopQuery(groupId ? ['my-ledger', groupId] : null, () =>
    api.GET('/api/v1/coop/me/groups/{groupId}/ledger', { params: { path: { groupId: groupId ?? '' } } }),
  );

function MyLedger({ groupId }: { groupId: string }) {
  const ledger = useMyLedger(groupId);
  return <LedgerTable entries={ledger.data?.data ?? []} loading={ledger.isLoading} />;
}

/** A member's own cooperative: schedule with proof upload, own ledger, the group's transparency view. */
export default function MyCoop() {
  const { t } = useTranslation('coop');
  const me = useCoopQuery(['me'], () => api.GET('/api/v1/coop/me'));
  const [params, setParams] = useSearchParams();
  const memberships = membershipsOf(me.data?.data ?? []);
  const [chosen, setChosen] = useState<string | undefined>();
  const current = memberships.find((m) => m.group.id === chosen) ?? memberships[0];
  const ledger = useMyLedger(current?.group.id);
  const tab = TABS.find((k) => k === params.get('tab')) ?? 'schedule';

  if (me.isLoading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (!current)
    return (
      <Card title={t('me.title')} data-testid="my-coop">
        <Empty description={t('me.none')} />
      </Card>
    );
  const { group, member } = current;
  const balance = ledger.data?.data.at(-1)?.balanceAfter ?? 0;
  const body = (key: (typeof TABS)[number]) => {
    switch (key) {
      case 'schedule':
        return <MySchedule groupId={group.id} />;
      case 'myLedger':
        return <MyLedger groupId={group.id} />;
      case 'transparency':
        return <TransparencyTable groupId={group.id} ownMemberId={member.id} />;
      case 'documents':
        return <GroupDocuments groupId={group.id} canPublish={false} />;
    }
  };
  return (
    <Card
      data-testid="my-coop"
      title={
        <Space>
          {t('me.title')}
          {memberships.length > 1 ? (
            <Select
              value={group.id}
              onChange={setChosen}
              style={{ minWidth: 260 }}
              options={memberships.map((m) => ({ value: m.group.id, label: m.group.name }))}
            />
          ) : null}
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 5 }} data-testid="my-membership">
          <Descriptions.Item label={t('me.group')}>
            <Typography.Text strong>{group.name}</Typography.Text> · {group.city}
          </Descriptions.Item>
          <Descriptions.Item label={t('group.status')}>
            <GroupStatusTag code={group.statusCode} />
          </Descriptions.Item>
          <Descriptions.Item label={t('me.rank')}>
            <Typography.Text strong data-testid="my-rank">
              {member.fifoRank}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('me.status')}>
            <MemberStatusTag status={member.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('me.balance')}>
            <Typography.Text strong type={balance > 0 ? 'danger' : undefined} data-testid="my-balance">
              {formatCents(balance)}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <RulesSummary rules={group.rules} />
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          destroyInactiveTabPane
          items={TABS.map((k) => ({
            key: k,
            label: <span data-testid={`tab-${k}`}>{t(`tabs.${k}`)}</span>,
            children: body(k),
          }))}
        />
      </Space>
    </Card>
  );
}
