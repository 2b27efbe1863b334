import { useInvalidate } from '@refinedev/core';
import { App, Button, Card, DatePicker, Form, Popconfirm, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useDictionary } from '../../components/dictionary';
import { formatDate } from '../../components/format';
import { api, ok, type Reply, type RequestBody, type Schemas, type Sent } from '../../api/client';
import { errorMessage } from '../../providers/http';

type ContactRole = Sent<Schemas['ContactRole']>;

/** Roles with their dates (current and past); add one, end one. */
export function RolesCard({
  contact,
  canEdit,
}: {
  contact: Reply<'/api/v1/contacts/{id}', 'get'>;
  canEdit: boolean;
}) {
  const { t } = useTranslation('agent');
  const { notification } = App.useApp();
  const roles = useDictionary('CONTACT_ROLE');
  const invalidate = useInvalidate();
  const [form] = Form.useForm<{
    role: RequestBody<'/api/v1/contacts/{id}/roles', 'post'>['role'];
    startDate?: Dayjs | null;
  }>();
  const refresh = () => invalidate({ resource: 'contacts', invalidates: ['detail'], id: contact.id });

  const call = async (send: () => Promise<unknown>) => {
    try {
      await send();
      await refresh();
      return true;
    } catch (err) {
      notification.error({ message: t('roles.failed'), description: errorMessage(err) });
      return false;
    }
  };

  return (
    <Card size="small" title={t('roles.title')}>
      <Table<ContactRole>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={contact.roles}
        locale={{ emptyText: t('roles.empty') }}
        columns={[
          {
            dataIndex: 'role',
            title: t('roles.role'),
            render: (code: string, r) => <Tag color={r.active ? 'blue' : 'default'}>{roles.label(code)}</Tag>,
          },
          { dataIndex: 'startDate', title: t('roles.start'), render: (v: string) => formatDate(v) },
          { dataIndex: 'endDate', title: t('roles.end'), render: (v: string | null) => formatDate(v) },
          ...(canEdit
            ? [
                {
                  key: 'end',
                  render: (_: unknown, r: ContactRole) =>
                    r.active ? (
                      <Popconfirm
                        title={t('roles.endConfirm')}
                        onConfirm={() =>
                          call(() =>
                            ok(
                              api.POST('/api/v1/contacts/{id}/roles/{roleId}/end', {
                                params: { path: { id: contact.id, roleId: r.id } },
                                body: { version: r.version },
                              }),
                            ),
                          )
                        }
                      >
                        <Button size="small">{t('roles.endNow')}</Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {canEdit ? (
        <Form
          form={form}
          name="role"
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          onFinish={async (v) => {
            const added = await call(() =>
              ok(
                api.POST('/api/v1/contacts/{id}/roles', {
                  params: { path: { id: contact.id } },
                  body: {
                    role: v.role,
                    ...(v.startDate ? { startDate: v.startDate.format('YYYY-MM-DD') } : {}),
                  },
                }),
              ),
            );
            if (added) form.resetFields();
          }}
        >
          <Form.Item
            name="role"
            label={t('roles.role')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select options={roles.options} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="startDate" label={t('roles.start')}>
            <DatePicker />
          </Form.Item>
          <Button htmlType="submit">{t('roles.add')}</Button>
        </Form>
      ) : null}
    </Card>
  );
}
