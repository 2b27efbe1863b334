import { SearchOutlined } from '@ant-design/icons';
import { EditButton, List, ShowButton, useTable } from '@refinedev/antd';
import type { CrudFilter } from '@refinedev/core';
import { Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DictLabel, useDictionary } from '../../components/dictionary';
import { formatDate } from '../../components/format';
import { UserName, useUsers } from '../../components/users';
import type { Schemas, Sent } from '../../api/client';
import { CONTACT_STATUSES, STATUS_COLOR, type ContactStatus } from './status';

type Contact = Sent<Schemas['Contact']>;
import { pageTitle } from '../../components/page-title';
import { tableSkeleton } from '../../components/loading';

interface Search {
  q?: string;
  status?: string[];
  source?: string;
  tag?: string;
  assignedAgentId?: string;
}

export default function ContactList() {
  const { t } = useTranslation('agent');
  const sources = useDictionary('LEAD_SOURCE');
  const tags = useDictionary('TAG');
  const users = useUsers();
  const { tableProps, searchFormProps } = useTable<Contact, never, Search>({
    resource: 'contacts',
    sorters: { initial: [{ field: 'createdAt', order: 'desc' }] },
    pagination: { pageSize: 20 },
    onSearch: (v): CrudFilter[] => [
      { field: 'q', operator: 'contains', value: v.q?.trim() || undefined },
      { field: 'status', operator: 'in', value: v.status?.length ? v.status : undefined },
      { field: 'source', operator: 'eq', value: v.source },
      { field: 'tag', operator: 'eq', value: v.tag },
      { field: 'assignedAgentId', operator: 'eq', value: v.assignedAgentId },
    ],
  });

  return (
    <List title={pageTitle(t('contacts.title'))}>
      <Form {...searchFormProps} layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="q" label={t('filters.search')}>
          <Input allowClear placeholder={t('filters.searchContacts')} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="status" label={t('contact.status')}>
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 150 }}
            options={CONTACT_STATUSES.map((s) => ({ value: s, label: t(`contact.statuses.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="source" label={t('contact.source')}>
          <Select allowClear options={sources.options} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="tag" label={t('contact.tag')}>
          <Select allowClear options={tags.options} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="assignedAgentId" label={t('contact.agent')}>
          <Select allowClear options={users.options} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" type="primary" icon={<SearchOutlined />}>
            {t('filters.apply')}
          </Button>
        </Form.Item>
      </Form>
      <Table<Contact>
        {...tableProps}
        {...tableSkeleton(tableProps)}
        rowKey="id"
        scroll={{ x: 900 }}
        data-testid="contact-table"
      >
        <Table.Column<Contact>
          dataIndex="lastName"
          title={t('contact.name')}
          sorter
          render={(_: unknown, c) => (
            <Link to={`/contacts/show/${c.id}`}>{`${c.firstName} ${c.lastName}`}</Link>
          )}
        />
        <Table.Column<Contact> dataIndex="email" title={t('contact.email')} sorter />
        <Table.Column<Contact> dataIndex="phone" title={t('contact.phone')} />
        <Table.Column<Contact>
          dataIndex="status"
          title={t('contact.status')}
          sorter
          render={(s: ContactStatus) => <Tag color={STATUS_COLOR[s]}>{t(`contact.statuses.${s}`)}</Tag>}
        />
        <Table.Column<Contact>
          dataIndex="source"
          title={t('contact.source')}
          render={(code: string | null) => <DictLabel dictType="LEAD_SOURCE" code={code} />}
        />
        <Table.Column<Contact>
          dataIndex="tags"
          title={t('contact.tags')}
          render={(codes: string[]) => codes.map((c) => <DictLabel key={c} dictType="TAG" code={c} tag />)}
        />
        <Table.Column<Contact>
          dataIndex="assignedAgentId"
          title={t('contact.agent')}
          render={(id: string | null) => <UserName id={id} />}
        />
        <Table.Column<Contact>
          dataIndex="lastInteractionAt"
          title={t('contact.lastInteraction')}
          sorter
          render={(v: string | null) => formatDate(v)}
        />
        <Table.Column<Contact>
          title={t('actions')}
          fixed="right"
          render={(_: unknown, c) => (
            <Space>
              <ShowButton hideText size="small" recordItemId={c.id} />
              <EditButton hideText size="small" recordItemId={c.id} />
            </Space>
          )}
        />
      </Table>
    </List>
  );
}
