import { SearchOutlined } from '@ant-design/icons';
import { EditButton, List, ShowButton, useTable } from '@refinedev/antd';
import type { CrudFilter } from '@refinedev/core';
import { Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../components/format';
import { ACCOUNT_TYPES, TYPE_COLOR, type Account } from './types';
import { pageTitle } from '../../components/page-title';
import { tableSkeleton } from '../../components/loading';

interface Search {
  q?: string;
  type?: string[];
  city?: string;
}

export default function AccountList() {
  const { t } = useTranslation('agent');
  const { tableProps, searchFormProps } = useTable<Account, never, Search>({
    resource: 'accounts',
    sorters: { initial: [{ field: 'createdAt', order: 'desc' }] },
    pagination: { pageSize: 20 },
    onSearch: (v): CrudFilter[] => [
      { field: 'q', operator: 'contains', value: v.q?.trim() || undefined },
      { field: 'type', operator: 'in', value: v.type?.length ? v.type : undefined },
      { field: 'city', operator: 'eq', value: v.city?.trim() || undefined },
    ],
  });
  return (
    <List title={pageTitle(t('accounts.title'))}>
      <Form {...searchFormProps} layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="q" label={t('filters.search')}>
          <Input allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="type" label={t('account.type')}>
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 160 }}
            options={ACCOUNT_TYPES.map((v) => ({ value: v, label: t(`account.types.${v}`) }))}
          />
        </Form.Item>
        <Form.Item name="city" label={t('account.city')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" type="primary" icon={<SearchOutlined />}>
            {t('filters.apply')}
          </Button>
        </Form.Item>
      </Form>
      <Table<Account> {...tableProps} {...tableSkeleton(tableProps)} rowKey="id" scroll={{ x: 800 }}>
        <Table.Column<Account> dataIndex="code" title={t('account.code')} />
        <Table.Column<Account>
          dataIndex="name"
          title={t('account.name')}
          sorter
          render={(v: string, a) => <Link to={`/accounts/show/${a.id}`}>{v}</Link>}
        />
        <Table.Column<Account>
          dataIndex="type"
          title={t('account.type')}
          render={(v: Account['type']) => <Tag color={TYPE_COLOR[v]}>{t(`account.types.${v}`)}</Tag>}
        />
        <Table.Column<Account>
          dataIndex="city"
          title={t('account.city')}
          render={(v: string | null) => v ?? '—'}
        />
        <Table.Column<Account>
          dataIndex="contacts"
          title={t('account.contacts')}
          render={(v: Account['contacts']) => v.length}
        />
        <Table.Column<Account>
          dataIndex="createdAt"
          title={t('dossier.createdAt')}
          sorter
          render={(v: string) => formatDate(v)}
        />
        <Table.Column<Account>
          title={t('actions')}
          fixed="right"
          render={(_: unknown, a) => (
            <Space>
              <ShowButton hideText size="small" recordItemId={a.id} />
              <EditButton hideText size="small" recordItemId={a.id} />
            </Space>
          )}
        />
      </Table>
    </List>
  );
}
