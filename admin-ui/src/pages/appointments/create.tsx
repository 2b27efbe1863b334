import { Create } from '@refinedev/antd';
import { useList, useOne } from '@refinedev/core';
import { App, Button, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useUsers } from '../../components/users';
import { newIdempotencyKey } from '../../engagement/api';
import { api, ok, type Schemas, type Sent } from '../../api/client';
import { ApiError, errorMessage } from '../../providers/http';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

interface Values {
  kind: 'RDV' | 'VISITE';
  title: string;
  startAt: Dayjs;
  endAt: Dayjs;
  place?: string;
  agentId?: string;
  contactId?: string;
  dossierId?: string;
  notes?: string;
}

type ContactRow = Pick<Sent<Schemas['Contact']>, 'id' | 'firstName' | 'lastName' | 'email'>;
type DossierRow = Pick<Sent<Schemas['Dossier']>, 'id' | 'reference' | 'title' | 'contactId'>;

/** Book an appointment or a visit; prefilled from the calendar (slot) or a contact/dossier page. */
export default function AppointmentCreate() {
  const { t } = useTranslation('engagement');
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const users = useUsers();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const [contactQ, setContactQ] = useState('');
  const [dossierQ, setDossierQ] = useState('');
  const contactId = Form.useWatch('contactId', form) as string | undefined;

  const initial = useMemo(() => {
    const start = params.get('startAt')
      ? dayjs(params.get('startAt'))
      : dayjs().add(1, 'day').hour(10).minute(0).second(0);
    const end = params.get('endAt') ? dayjs(params.get('endAt')) : start.add(1, 'hour');
    return {
      kind: 'RDV' as const,
      startAt: start,
      endAt: end,
      contactId: params.get('contactId') ?? undefined,
      dossierId: params.get('dossierId') ?? undefined,
      title: params.get('title') ?? undefined,
    };
  }, [params]);

  const contacts = useList<ContactRow>({
    resource: 'contacts',
    pagination: { currentPage: 1, pageSize: 20 },
    filters: contactQ ? [{ field: 'q', operator: 'contains', value: contactQ }] : [],
  });
  // A prefilled contact or dossier may be outside the first page of the pickers: load it by id.
  const presetContact = useOne<ContactRow>({
    resource: 'contacts',
    id: initial.contactId ?? '',
    queryOptions: { enabled: !!initial.contactId },
  });
  const presetDossier = useOne<DossierRow>({
    resource: 'dossiers',
    id: initial.dossierId ?? '',
    queryOptions: { enabled: !!initial.dossierId },
  });
  const dossiers = useList<DossierRow>({
    resource: 'dossiers',
    pagination: { currentPage: 1, pageSize: 20 },
    filters: [
      ...(dossierQ ? [{ field: 'q', operator: 'contains' as const, value: dossierQ }] : []),
      ...(contactId ? [{ field: 'contactId', operator: 'eq' as const, value: contactId }] : []),
    ],
  });

  const withPreset = <T extends { id: string }>(rows: T[], preset: T | undefined) =>
    preset && !rows.some((r) => r.id === preset.id) ? [preset, ...rows] : rows;
  const contactOptions = withPreset(contacts.result.data ?? [], presetContact.result).map((c) => ({
    value: c.id,
    label: `${c.firstName} ${c.lastName} · ${c.email}`,
  }));
  const dossierOptions = withPreset(dossiers.result.data ?? [], presetDossier.result).map((d) => ({
    value: d.id,
    label: `${d.reference} · ${d.title}`,
  }));

  const save = async (v: Values) => {
    setSaving(true);
    try {
      const res = await ok(
        api.POST('/api/v1/appointments', {
          headers: { 'Idempotency-Key': key },
          body: {
            kind: v.kind,
            title: v.title,
            startAt: v.startAt.toISOString(),
            endAt: v.endAt.toISOString(),
            place: v.place || null,
            ...(v.agentId ? { agentId: v.agentId } : {}),
            contactId: v.contactId ?? null,
            dossierId: v.dossierId ?? null,
            notes: v.notes || null,
          },
        }),
      );
      notification.success({ message: t('appointment.created') });
      void navigate(`/appointments/show/${res.id}`, { state: { warnings: res.warnings } });
    } catch (err) {
      if (err instanceof ApiError && err.errors)
        form.setFields(
          Object.entries(err.errors).map(([name, msg]) => ({ name: name as keyof Values, errors: [msg] })),
        );
      else notification.error({ message: t('appointment.failed'), description: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Create
      goBack={backIcon}
      title={pageTitle(t('appointments.create'))}
      footerButtons={() => (
        <Button type="primary" loading={saving} onClick={() => form.submit()}>
          {t('appointment.save')}
        </Button>
      )}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="appointment"
        initialValues={initial}
        onFinish={(v) => void save(v)}
        style={{ maxWidth: 720 }}
      >
        <Form.Item name="kind" label={t('appointment.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={(['RDV', 'VISITE'] as const).map((k) => ({
              value: k,
              label: t(`appointment.kinds.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('appointment.title')}
          rules={[{ required: true, message: t('composer.required') }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="startAt" label={t('appointment.startAt')} rules={[{ required: true }]}>
          <DatePicker
            showTime={{ minuteStep: 5, format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            onChange={(v: Dayjs | null) => {
              const prev = form.getFieldValue('startAt') as Dayjs | undefined;
              const end = form.getFieldValue('endAt') as Dayjs | undefined;
              if (v && prev && end) form.setFieldValue('endAt', v.add(end.diff(prev, 'minute'), 'minute'));
            }}
          />
        </Form.Item>
        <Form.Item
          name="endAt"
          label={t('appointment.endAt')}
          dependencies={['startAt']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value: Dayjs | undefined) =>
                !value || value.isAfter(getFieldValue('startAt') as Dayjs)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('appointment.endAfterStart'))),
            }),
          ]}
        >
          <DatePicker showTime={{ minuteStep: 5, format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="place" label={t('appointment.place')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="agentId" label={t('appointment.agent')}>
          <Select allowClear options={users.options} placeholder={users.options[0]?.label} />
        </Form.Item>
        <Form.Item name="contactId" label={t('appointment.contact')}>
          <Select
            allowClear
            showSearch
            filterOption={false}
            onSearch={setContactQ}
            options={contactOptions}
            loading={contacts.query.isLoading}
          />
        </Form.Item>
        <Form.Item name="dossierId" label={t('appointment.dossier')}>
          <Select
            allowClear
            showSearch
            filterOption={false}
            onSearch={setDossierQ}
            options={dossierOptions}
            loading={dossiers.query.isLoading}
          />
        </Form.Item>
        <Form.Item name="notes" label={t('appointment.notes')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Create>
  );
}
