import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { List } from '@refinedev/antd';
import { useList } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isPermission } from '../../../../definitions/permissions.js';
import { api, ok, type Schemas, type Sent } from '../../api/client';
import { can } from '../../studio/access';
import { pageTitle } from '../../components/page-title';

type Role = Sent<Schemas['Role']>;

/** The role × permission matrix of the organisation; changes apply at once to every holder. */
export default function RoleList() {
  const { t } = useTranslation('studio');
  const { message } = App.useApp();
  const editable = can('USER_ADMIN');
  const { result, query } = useList<Role>({ resource: 'roles', pagination: { mode: 'off' } });
  const perms = useQuery({
    queryKey: ['role-permissions'],
    queryFn: () => ok(api.GET('/api/v1/roles/permissions')),
  });
  const [edits, setEdits] = useState<Record<string, string[]>>({});
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ code: string; name: string }>();
  const roles = result.data;
  const permissions = perms.data?.data ?? [];
  const granted = (r: Role) => edits[r.id] ?? r.permissions;
  const changed = roles.filter((r) => edits[r.id] && edits[r.id]?.join() !== r.permissions.join());

  const toggle = (r: Role, p: string, on: boolean) => {
    const current = granted(r);
    setEdits((e) => ({ ...e, [r.id]: on ? [...current, p] : current.filter((x) => x !== p) }));
  };

  const save = async () => {
    setSaving(true);
    try {
      for (const r of changed) {
        const next = permissions.filter(isPermission).filter((p) => granted(r).includes(p));
        await ok(
          api.PATCH('/api/v1/roles/{id}', {
            params: { path: { id: r.id } },
            body: { version: r.version, permissions: next },
          }),
        );
      }
      message.success(t('roles.saved', { count: changed.length }));
      setEdits({});
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
      await query.refetch();
    }
  };

  const create = async (v: { code: string; name: string }) => {
    try {
      await ok(api.POST('/api/v1/roles', { body: { ...v, permissions: [] } }));
      form.resetFields();
      message.success(t('roles.created', { code: v.code }));
      await query.refetch();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <List
      title={pageTitle(t('roles.title'))}
      headerButtons={
        editable ? (
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={!changed.length}
            loading={saving}
            onClick={() => void save()}
          >
            {t('roles.save', { count: changed.length })}
          </Button>
        ) : null
      }
    >
      {editable && (
        <Form form={form} layout="inline" onFinish={(v) => void create(v)} style={{ marginBottom: 16 }}>
          <Form.Item
            name="code"
            label={t('roles.code')}
            rules={[
              { required: true },
              { pattern: /^[A-Z][A-Z0-9_]{1,63}$/, message: t('dictionaries.codePattern') },
            ]}
          >
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="name" label={t('roles.name')} rules={[{ required: true }]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />}>
            {t('roles.create')}
          </Button>
        </Form>
      )}
      <Table<{ permission: string }>
        rowKey="permission"
        size="small"
        loading={query.isFetching}
        pagination={false}
        scroll={{ x: 'max-content', y: 560 }}
        dataSource={permissions.map((permission) => ({ permission }))}
        data-testid="role-matrix"
        columns={[
          {
            title: t('roles.permission'),
            dataIndex: 'permission',
            fixed: 'left',
            render: (p: string) => (
              <Tooltip title={p}>
                <Tag>{t(`problems:permission.${p}`, { defaultValue: p })}</Tag>
              </Tooltip>
            ),
          },
          ...roles.map((r) => ({
            key: r.id,
            align: 'center' as const,
            title: (
              <Space direction="vertical" size={0}>
                <strong>{t(`problems:role.${r.code}`, { defaultValue: r.name })}</strong>
                <span style={{ fontWeight: 'normal', fontSize: 12 }}>{r.code}</span>
              </Space>
            ),
            render: (_: unknown, row: { permission: string }) => {
              const locked = r.code === 'ADMIN' && row.permission === 'USER_ADMIN';
              return (
                <Checkbox
                  aria-label={`${r.code} ${row.permission}`}
                  checked={granted(r).includes(row.permission)}
                  disabled={!editable || locked}
                  onChange={(e) => toggle(r, row.permission, e.target.checked)}
                />
              );
            },
          })),
        ]}
      />
    </List>
  );
}
