import { CreateButton, List, ShowButton, useTable } from '@refinedev/antd';
import { Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../components/format';
import { GroupStatusTag } from '../../coop/tags';
import type { CoopGroup } from '../../coop/types';
import { pageTitle } from '../../components/page-title';
import { tableSkeleton } from '../../components/loading';

/** The organisation's cooperative groups (responsibles). */
export default function GroupList() {
  const { t } = useTranslation('coop');
  const { tableProps } = useTable<CoopGroup>({
    resource: 'coop/groups',
    pagination: { mode: 'off' },
    syncWithLocation: false,
  });
  return (
    <List title={pageTitle(t('group.list'))} headerButtons={<CreateButton />}>
      <Table<CoopGroup>
        {...tableProps}
        rowKey="id"
        data-testid="coop-group-table"
        {...tableSkeleton(tableProps, t('group.empty'))}
        pagination={false}
      >
        <Table.Column<CoopGroup>
          dataIndex="name"
          title={t('group.name')}
          render={(name: string, g) => <Link to={`/coop/groups/show/${g.id}`}>{name}</Link>}
        />
        <Table.Column<CoopGroup> dataIndex="city" title={t('group.city')} />
        <Table.Column<CoopGroup>
          dataIndex="statusCode"
          title={t('group.status')}
          render={(code: string) => <GroupStatusTag code={code} />}
        />
        <Table.Column<CoopGroup>
          dataIndex="createdAt"
          title={t('group.createdAt')}
          render={(v: string) => formatDate(v)}
        />
        <Table.Column<CoopGroup>
          key="actions"
          width={80}
          render={(_: unknown, g) => (
            <Space>
              <ShowButton hideText size="small" recordItemId={g.id} />
            </Space>
          )}
        />
      </Table>
    </List>
  );
}
