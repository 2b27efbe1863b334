import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok } from '../../../api/client';
import { ApiError, errorMessage } from '../../../providers/http';
import { AppointmentWarnings } from '../../appointments/warnings';
import type { Appointment, AppointmentWarning } from '../../appointments/types';
import { type ShortlistEntry } from './api';

interface Values {
  startAt: Dayjs;
  endAt: Dayjs;
  place?: string;
  notes?: string;
}

/** The booked visit itself, with its warnings. */
type Booked = Appointment & { warnings: AppointmentWarning[] };

/** Books a VISITE of a shortlisted listing; overlaps with the agent's agenda come back as warnings. */
export function VisitModal({
  dossierId,
  entry,
  onClose,
}: {
  dossierId: string;
  entry: ShortlistEntry;
  onClose: (booked: boolean) => void;
}) {
  const { t } = useTranslation('annonces');
  const { notification } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [booked, setBooked] = useState<Booked | null>(null);
  const start = dayjs().add(1, 'day').hour(10).minute(0).second(0).millisecond(0);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const res = await ok(
        api.POST('/api/v1/dossiers/{id}/shortlist/{entryId}/visits', {
          params: { path: { id: dossierId, entryId: entry.id } },
          body: {
            startAt: v.startAt.toISOString(),
            endAt: v.endAt.toISOString(),
            ...(v.place?.trim() ? { place: v.place.trim() } : {}),
            ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
          },
        }),
      );
      notification.success({ message: t('visit.booked') });
      if (res.warnings.length) setBooked(res);
      else onClose(true);
    } catch (err) {
      if (err instanceof ApiError && err.errors)
        form.setFields(Object.entries(err.errors).map(([name, msg]) => ({ name, errors: [msg] })) as never);
      else notification.error({ message: t('visit.failed'), description: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('visit.title', { title: entry.annonce?.title ?? '' })}
      okText={booked ? t('visit.close') : t('visit.book')}
      cancelText={t('visit.cancel')}
      cancelButtonProps={booked ? { style: { display: 'none' } } : undefined}
      confirmLoading={saving}
      onOk={() => (booked ? onClose(true) : form.submit())}
      onCancel={() => onClose(!!booked)}
      destroyOnHidden
    >
      {booked ? (
        <div data-testid="visit-booked">
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('visit.booked')}
            description={<Link to={`/appointments/show/${booked.id}`}>{t('visit.open')}</Link>}
          />
          <AppointmentWarnings warnings={booked.warnings} testId="visit-warnings" />
        </div>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          name="visit"
          initialValues={{ startAt: start, endAt: start.add(1, 'hour') }}
          onValuesChange={(changed: Partial<Values>) => {
            // Moving the start keeps the visit one hour long.
            if (changed.startAt) form.setFieldValue('endAt', changed.startAt.add(1, 'hour'));
          }}
          onFinish={(v) => void submit(v)}
        >
          <Typography.Paragraph type="secondary">{t('visit.hint')}</Typography.Paragraph>
          <Form.Item
            name="startAt"
            label={t('visit.startAt')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <DatePicker
              id="visit-start"
              showTime={{ format: 'HH:mm', minuteStep: 15 }}
              format="DD/MM/YYYY HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item
            name="endAt"
            label={t('visit.endAt')}
            dependencies={['startAt']}
            rules={[
              { required: true, message: t('form.required') },
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | undefined) =>
                  !value || value.isAfter(getFieldValue('startAt') as Dayjs)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('visit.endAfterStart'))),
              }),
            ]}
          >
            <DatePicker
              id="visit-end"
              showTime={{ format: 'HH:mm', minuteStep: 15 }}
              format="DD/MM/YYYY HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="place" label={t('visit.place')} extra={t('visit.placeHint')}>
            <Input id="visit-place" maxLength={500} />
          </Form.Item>
          <Form.Item name="notes" label={t('visit.notes')}>
            <Input.TextArea id="visit-notes" rows={2} maxLength={5000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
