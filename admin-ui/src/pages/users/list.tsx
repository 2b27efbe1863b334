import { List, useTable } from '@refinedev/antd';
import { useList } from '@refinedev/core';
import { App, Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { getUser } from '../../providers/session';
import { can } from '../../studio/access';
import { DeactivateUserDialog, type UserRow } from '../../studio/deactivate-user';
import { pageTitle } from '../../components/page-title';
import { tableSkeleton } from '../../components/loading';

/** Users of the organisation: roles, deactivation with reassignment of their records. */
export default function UserList() {
  const { t, i18n } = useTranslation('studio');
  const { message } = App.useApp();
  const editable = can('USER_ADMIN');
  const me = getUser()?.id;
  const [deactivating, setDeactivating] = useState<UserRow | null>(null);
  const { tableProps, searchFormProps, tableQuery } = useTable<UserRow, never, { q?: string }>({
    resource: 'users',
    pagination: { pageSize: 20 },
    syncWithLocation: true,
    onSearch: ({ q }) => [{ field: 'q', operator: 'contains', value: q }],
  });
  const { result: roles } = useList<{ code: string; name: string }>({
    resource: 'roles',
    pagination: { mode: 'off' },
  });
  const users = tableProps.dataSource ? [...tableProps.dataSource] : [];

  const setRoles = async (u: UserRow, next: string[]) => {
    if (!next.length) return;
    try {
      await ok(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: u.id } },
          body: { version: u.version, roles: next },
        }),
      );
      message.success(t('users.rolesSaved', { name: u.fullName }));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
    await tableQuery.refetch();
  };

  return (
    <List
      title={pageTitle(t('users.title'))}
      canCreate={editable}
      createButtonProps={{ children: t('users.create') }}
    >
      <Form {...searchFormProps} layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item name="q" label={t('users.search')}>
          <Input allowClear style={{ width: 260 }} />
        </Form.Item>
        <Button htmlType="submit">{t('common.search')}</Button>
      </Form>
      <Table<UserRow>
        {...tableProps}
        {...tableSkeleton(tableProps)}
        rowKey="id"
        columns={[
          { title: t('users.fullName'), dataIndex: 'fullName' },
          { title: t('users.email'), dataIndex: 'email' },
          {
            title: t('users.roles'),
            dataIndex: 'roles',
            render: (_, u) =>
              editable && u.isActive ? (
                <Select
                  mode="multiple"
                  aria-label={t('users.rolesOf', { name: u.fullName })}
                  style={{ minWidth: 200 }}
                  value={u.roles}
                  options={roles.data.map((r) => ({
                    value: r.code,
                    label: t(`problems:role.${r.code}`, { defaultValue: r.name }),
                  }))}
                  onChange={(next: string[]) => void setRoles(u, next)}
                />
              ) : (
                u.roles.map((r) => <Tag key={r}>{t(`problems:role.${r}`, { defaultValue: r })}</Tag>)
              ),
          },
          {
            title: t('users.status'),
            dataIndex: 'isActive',
            render: (active: boolean) =>
              active ? (
                <Tag color="green">{t('users.active')}</Tag>
              ) : (
                <Tag color="red">{t('users.inactive')}</Tag>
              ),
          },
          {
            title: t('users.lastLogin'),
            dataIndex: 'lastLoginAt',
            render: (v?: string | null) => (v ? new Date(v).toLocaleString(i18n.language) : '—'),
          },
          ...(editable
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, u: UserRow) =>
                    u.isActive && u.id !== me ? (
                      <Space>
                        <Button size="small" danger onClick={() => setDeactivating(u)}>
                          {t('users.deactivate')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <DeactivateUserDialog
        user={deactivating}
        others={users}
        onClose={() => setDeactivating(null)}
        onDone={() => void tableQuery.refetch()}
      />
    </List>
  );
}
