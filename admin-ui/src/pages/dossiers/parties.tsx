import { useSelect } from '@refinedev/antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Popconfirm, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDictionary } from '../../components/dictionary';
import { formatDateTime } from '../../components/format';
import { useAllowed } from '../../providers/access-control';
import { api, ok, type Reply, type Schemas, type Sent } from '../../api/client';
import { ApiError, errorMessage } from '../../providers/http';

export type DossierParty = Reply<'/api/v1/dossiers/{id}/parties', 'get'>['data'][number];

type ContactOption = Pick<Sent<Schemas['Contact']>, 'id' | 'firstName' | 'lastName' | 'email'>;

interface PartyForm {
  contactId?: string;
  role?: string;
}

/** The dossier's parties (a contact in a PARTY_ROLE); CRM_DEALS_EDIT adds and removes them. */
export function PartiesCard({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation('agent');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const roles = useDictionary('PARTY_ROLE');
  const canEdit = useAllowed('dossiers', 'edit');
  const [form] = Form.useForm<PartyForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = ['dossier-parties', dossierId];
  const path = { id: dossierId };
  const parties = useQuery({
    queryKey: key,
    queryFn: () => ok(api.GET('/api/v1/dossiers/{id}/parties', { params: { path } })),
  });
  const { selectProps: contactSelect } = useSelect<ContactOption>({
    resource: 'contacts',
    optionLabel: (c) => `${c.firstName} ${c.lastName} <${c.email}>`,
    optionValue: 'id',
    onSearch: (value) => [{ field: 'q', operator: 'contains', value }],
    pagination: { pageSize: 20, mode: 'server' },
    debounce: 300,
    queryOptions: { enabled: canEdit },
  });

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: ['timeline'] }),
      queryClient.invalidateQueries({ queryKey: ['record-audit', 'dossiers', dossierId] }),
    ]);

  const add = async (values: PartyForm) => {
    setBusy(true);
    setError(null);
    try {
      await ok(
        api.POST('/api/v1/dossiers/{id}/parties', {
          params: { path },
          body: { contactId: values.contactId ?? '', role: values.role ?? '' },
        }),
      );
      form.resetFields();
      await refresh();
      void message.success(t('parties.added'));
    } catch (err) {
      if (err instanceof ApiError && err.errors) {
        form.setFields(
          Object.entries(err.errors).map(([name, msg]) => ({ name: name as keyof PartyForm, errors: [msg] })),
        );
      } else
        setError(
          err instanceof ApiError && err.statusCode === 409 ? t('parties.duplicate') : errorMessage(err),
        );
    } finally {
      setBusy(false);
    }
  };

  const remove = async (party: DossierParty) => {
    setError(null);
    try {
      await ok(
        api.DELETE('/api/v1/dossiers/{id}/parties/{partyId}', {
          params: { path: { ...path, partyId: party.id } },
        }),
      );
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Card size="small" title={t('parties.title')} data-testid="dossier-parties">
      {parties.isError ? <Alert type="error" showIcon message={errorMessage(parties.error)} /> : null}
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Table<DossierParty>
        size="small"
        rowKey="id"
        pagination={false}
        loading={parties.isLoading}
        dataSource={parties.data?.data ?? []}
        locale={{ emptyText: t('parties.empty') }}
        columns={[
          {
            dataIndex: 'contactName',
            title: t('contact.name'),
            render: (name: string, row) => <Link to={`/contacts/show/${row.contactId}`}>{name}</Link>,
          },
          {
            dataIndex: 'role',
            title: t('parties.role'),
            render: (code: string) => <Tag>{roles.label(code)}</Tag>,
          },
          { dataIndex: 'createdAt', title: t('parties.since'), render: (v: string) => formatDateTime(v) },
          ...(canEdit
            ? [
                {
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, row: DossierParty) => (
                    <Popconfirm title={t('parties.removeConfirm')} onConfirm={() => remove(row)}>
                      <Button size="small" danger data-testid="party-remove">
                        {t('parties.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canEdit ? (
        <Form<PartyForm>
          form={form}
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          onFinish={add}
          data-testid="party-form"
        >
          <Form.Item
            name="contactId"
            label={t('parties.contact')}
            rules={[{ required: true, message: t('parties.contactRequired') }]}
          >
            <Select {...contactSelect} showSearch allowClear style={{ width: 280 }} id="party-contact" />
          </Form.Item>
          <Form.Item
            name="role"
            label={t('parties.role')}
            rules={[{ required: true, message: t('parties.roleRequired') }]}
          >
            <Select options={roles.options} style={{ width: 180 }} id="party-role" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('parties.add')}
            </Button>
          </Form.Item>
        </Form>
      ) : null}
    </Card>
  );
}
