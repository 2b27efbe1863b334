import { EditButton, ListButton, Show } from '@refinedev/antd';
import { useShow } from '@refinedev/core';
import { Descriptions, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { RulesSummary } from '../../coop/rules-summary';
import { GroupStatusTag } from '../../coop/tags';
import { TransparencyTable } from '../../coop/transparency';
import type { CoopGroup } from '../../coop/types';
import { AllocationsTab } from './allocations';
import { ContributionsTab } from './contributions';
import { DocumentsTab } from './documents';
import { GroupStatusCard } from './group-status';
import { LedgerTab } from './ledger';
import { MembersTab } from './members';
import { PlansTab } from './plans';
import { ProjectsTab } from './projects';
import { GroupTimeline } from './timeline';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

const TABS = [
  'members',
  'contributions',
  'plans',
  'ledger',
  'transparency',
  'projects',
  'allocations',
  'documents',
  'timeline',
] as const;

/** One group for its responsibles: status, rules and every coop screen as a tab (the tab is in the URL). */
export default function GroupShow() {
  const { t } = useTranslation('coop');
  const { result: group, query } = useShow<CoopGroup>({ resource: 'coop/groups' });
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((k) => k === params.get('tab')) ?? 'members';

  const body = (g: CoopGroup, key: (typeof TABS)[number]) => {
    switch (key) {
      case 'members':
        return <MembersTab groupId={g.id} />;
      case 'contributions':
        return <ContributionsTab groupId={g.id} />;
      case 'plans':
        return <PlansTab group={g} />;
      case 'ledger':
        return <LedgerTab groupId={g.id} />;
      case 'transparency':
        return <TransparencyTable groupId={g.id} />;
      case 'projects':
        return <ProjectsTab group={g} onRan={() => setParams({ tab: 'allocations' })} />;
      case 'allocations':
        return <AllocationsTab groupId={g.id} />;
      case 'documents':
        return <DocumentsTab groupId={g.id} />;
      case 'timeline':
        return <GroupTimeline groupId={g.id} />;
    }
  };

  return (
    <Show
      goBack={backIcon}
      isLoading={query.isLoading}
      title={pageTitle(group?.name ?? t('group.list'))}
      headerButtons={() => (
        <Space>
          <ListButton />
          <EditButton />
        </Space>
      )}
    >
      {group ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} data-testid="group-header">
            <Descriptions.Item label={t('group.status')}>
              <GroupStatusTag code={group.statusCode} />
            </Descriptions.Item>
            <Descriptions.Item label={t('group.city')}>{group.city}</Descriptions.Item>
            <Descriptions.Item label={t('group.description')}>{group.description ?? '—'}</Descriptions.Item>
          </Descriptions>
          <RulesSummary rules={group.rules} />
          <GroupStatusCard group={group} />
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams({ tab: k }, { replace: true })}
            destroyInactiveTabPane
            items={TABS.map((k) => ({
              key: k,
              label: <span data-testid={`tab-${k}`}>{t(`tabs.${k}`)}</span>,
              children: body(group, k),
            }))}
          />
        </Space>
      ) : (
        <Typography.Text type="secondary">{query.isError ? t('group.notFound') : ''}</Typography.Text>
      )}
    </Show>
  );
}
