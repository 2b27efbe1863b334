import { EditButton, ListButton, Show, useSelect } from '@refinedev/antd';
import { useInvalidate, useOne, useShow } from '@refinedev/core';
import { App, Button, Card, Descriptions, Form, Popconfirm, Select, Space, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuditTrail } from '../../components/audit-diff';
import { formatDateTime } from '../../components/format';
import { useAllowed } from '../../providers/access-control';
import { api, ok, type RequestBody, type Schemas, type Sent } from '../../api/client';
import { errorMessage } from '../../providers/http';
import { TYPE_COLOR, type Account, type AccountContactLink } from './types';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

type Contact = Sent<Schemas['Contact']>;
type LinkBody = RequestBody<'/api/v1/accounts/{id}/contacts/{contactId}', 'put'>;

/** The account's calls on its contact links: link (or update the link's flags) and unlink. */
const link = (contactId: string, body: LinkBody) => (id: string) =>
  ok(api.PUT('/api/v1/accounts/{id}/contacts/{contactId}', { params: { path: { id, contactId } }, body }));
const unlink = (contactId: string) => (id: string) =>
  ok(api.DELETE('/api/v1/accounts/{id}/contacts/{contactId}', { params: { path: { id, contactId } } }));

function ContactCell({ id }: { id: string }) {
  const { result } = useOne<Contact>({ resource: 'contacts', id });
  return (
    <Link to={`/contacts/show/${id}`}>
      {result ? `${result.firstName} ${result.lastName}` : id.slice(0, 8)}
    </Link>
  );
}

export default function AccountShow() {
  const { t } = useTranslation('agent');
  const { notification } = App.useApp();
  const invalidate = useInvalidate();
  const { result: account, query } = useShow<Account>({ resource: 'accounts' });
  const canEdit = useAllowed('accounts', 'edit');
  const [form] = Form.useForm<{ contactId: string }>();
  const { selectProps } = useSelect<Contact>({
    resource: 'contacts',
    optionLabel: (c) => `${c.firstName} ${c.lastName} <${c.email}>`,
    optionValue: 'id',
    onSearch: (value) => [{ field: 'q', operator: 'contains', value }],
    pagination: { pageSize: 20, mode: 'server' },
    queryOptions: { enabled: canEdit },
  });

  const call = async (send: (accountId: string) => Promise<unknown>, done: string) => {
    if (!account) return;
    try {
      await send(account.id);
      notification.success({ message: done });
      await invalidate({ resource: 'accounts', invalidates: ['list', 'detail'], id: account.id });
    } catch (err) {
      notification.error({ message: t('accounts.actionFailed'), description: errorMessage(err) });
    }
  };

  return (
    <Show
      goBack={backIcon}
      isLoading={query.isLoading}
      title={pageTitle(account?.name ?? t('accounts.one'))}
      headerButtons={() => (
        <Space>
          <ListButton />
          {account && canEdit && account.type !== 'CUSTOMER' && account.type !== 'VIP' ? (
            <Button
              onClick={() =>
                void call(
                  (id) =>
                    ok(
                      api.POST('/api/v1/accounts/{id}/convert', {
                        params: { path: { id } },
                        body: { version: account.version },
                      }),
                    ),
                  t('accounts.converted'),
                )
              }
            >
              {t('accounts.convert')}
            </Button>
          ) : null}
          <EditButton />
        </Space>
      )}
    >
      {account ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('account.code')}>{account.code}</Descriptions.Item>
            <Descriptions.Item label={t('account.type')}>
              <Tag color={TYPE_COLOR[account.type]}>{t(`account.types.${account.type}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('account.city')}>
              {[account.city, account.country].filter(Boolean).join(', ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('account.convertedAt')}>
              {formatDateTime(account.convertedAt)}
            </Descriptions.Item>
          </Descriptions>
          <Tabs
            items={[
              {
                key: 'contacts',
                label: t('account.contacts'),
                children: (
                  <Card size="small">
                    <Table<AccountContactLink>
                      size="small"
                      rowKey="contactId"
                      pagination={false}
                      dataSource={account.contacts}
                      columns={[
                        {
                          dataIndex: 'contactId',
                          title: t('contact.name'),
                          render: (id: string) => <ContactCell id={id} />,
                        },
                        {
                          key: 'flags',
                          title: t('account.flags'),
                          render: (_: unknown, l) =>
                            (['isPrimary', 'isBilling', 'isShipping', 'isDecisionMaker'] as const)
                              .filter((f) => l[f])
                              .map((f) => <Tag key={f}>{t(`account.${f}`)}</Tag>),
                        },
                        ...(canEdit
                          ? [
                              {
                                key: 'actions',
                                render: (_: unknown, l: AccountContactLink) => (
                                  <Space>
                                    {!l.isPrimary ? (
                                      <Button
                                        size="small"
                                        onClick={() =>
                                          void call(
                                            link(l.contactId, { isPrimary: true }),
                                            t('accounts.saved'),
                                          )
                                        }
                                      >
                                        {t('account.makePrimary')}
                                      </Button>
                                    ) : null}
                                    <Popconfirm
                                      title={t('account.unlinkConfirm')}
                                      onConfirm={() => call(unlink(l.contactId), t('accounts.saved'))}
                                    >
                                      <Button size="small" danger>
                                        {t('account.unlink')}
                                      </Button>
                                    </Popconfirm>
                                  </Space>
                                ),
                              },
                            ]
                          : []),
                      ]}
                    />
                    {canEdit ? (
                      <Form
                        form={form}
                        name="link"
                        layout="inline"
                        style={{ marginTop: 12 }}
                        onFinish={async (v) => {
                          await call(link(v.contactId, {}), t('accounts.saved'));
                          form.resetFields();
                        }}
                      >
                        <Form.Item
                          name="contactId"
                          label={t('account.linkContact')}
                          rules={[{ required: true, message: t('form.required') }]}
                        >
                          <Select {...selectProps} style={{ width: 280 }} />
                        </Form.Item>
                        <Button htmlType="submit">{t('account.link')}</Button>
                      </Form>
                    ) : null}
                  </Card>
                ),
              },
              {
                key: 'audit',
                label: t('tabs.audit'),
                children: <AuditTrail resource="accounts" entityId={account.id} />,
              },
            ]}
          />
        </Space>
      ) : null}
    </Show>
  );
}
