import { AppstoreOutlined } from '@ant-design/icons';
import { EditButton, List, ShowButton, useTable } from '@refinedev/antd';
import type { CrudFilter } from '@refinedev/core';
import { Button, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DictLabel } from '../../components/dictionary';
import { formatDate, formatMoney } from '../../components/format';
import { StatusTag } from '../../components/status-tag';
import { UserName } from '../../components/users';
import { DossierFilters, filtersFromForm, type DossierFilterValues } from './filters';
import type { Dossier } from './types';
import { pageTitle } from '../../components/page-title';
import { tableSkeleton } from '../../components/loading';

/** Dossiers: search, filters (kept in the URL by Refine's syncWithLocation), sort and pagination. */
export default function DossierList() {
  const { t } = useTranslation('agent');
  const { tableProps, searchFormProps, filters } = useTable<Dossier, never, DossierFilterValues>({
    resource: 'dossiers',
    sorters: { initial: [{ field: 'createdAt', order: 'desc' }] },
    pagination: { pageSize: 20 },
    onSearch: (values): CrudFilter[] => filtersFromForm(values),
  });

  return (
    <List
      title={pageTitle(t('dossiers.title'))}
      headerButtons={({ defaultButtons }) => (
        <Space>
          <Link to="/dossiers/kanban">
            <Button icon={<AppstoreOutlined />}>{t('dossiers.kanban')}</Button>
          </Link>
          {defaultButtons}
        </Space>
      )}
    >
      <DossierFilters formProps={searchFormProps} filters={filters} />
      <Table<Dossier>
        {...tableProps}
        rowKey="id"
        data-testid="dossier-table"
        scroll={{ x: 900 }}
        {...tableSkeleton(tableProps, t('dossiers.empty'))}
      >
        <Table.Column<Dossier> dataIndex="reference" title={t('dossier.reference')} sorter />
        <Table.Column<Dossier>
          dataIndex="title"
          title={t('dossier.title')}
          sorter
          render={(value: string, row) => <Link to={`/dossiers/show/${row.id}`}>{value}</Link>}
        />
        <Table.Column<Dossier>
          dataIndex="caseType"
          title={t('dossier.caseType')}
          render={(code: string) => <DictLabel dictType="CASE_TYPE" code={code} />}
        />
        <Table.Column<Dossier>
          dataIndex="statusCode"
          title={t('dossier.status')}
          render={(code: string) => <StatusTag code={code} />}
        />
        <Table.Column<Dossier>
          dataIndex="assignedAgentId"
          title={t('dossier.agent')}
          render={(id: string | null) => <UserName id={id} />}
        />
        <Table.Column<Dossier>
          dataIndex="budgetMax"
          title={t('dossier.budget')}
          sorter
          render={(_: unknown, row) =>
            row.budgetMin === null && row.budgetMax === null ? (
              '—'
            ) : (
              <Typography.Text>
                {formatMoney(row.budgetMin, row.currency)} – {formatMoney(row.budgetMax, row.currency)}
              </Typography.Text>
            )
          }
        />
        <Table.Column<Dossier> dataIndex="score" title={t('dossier.score')} sorter />
        <Table.Column<Dossier>
          dataIndex="createdAt"
          title={t('dossier.createdAt')}
          sorter
          render={(value: string) => formatDate(value)}
        />
        <Table.Column<Dossier>
          title={t('actions')}
          fixed="right"
          render={(_: unknown, row) => (
            <Space>
              <ShowButton hideText size="small" recordItemId={row.id} />
              <EditButton hideText size="small" recordItemId={row.id} />
            </Space>
          )}
        />
      </Table>
    </List>
  );
}
