import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../components/format';
import { STATUS_COLOR, type Appointment } from '../pages/appointments/types';
import { API_URL } from '../providers/data-provider';
import { request } from '../providers/http';
import { can } from './api';

/** Appointments of a contact or a dossier, with a "new appointment" button prefilled with them. */
export function AppointmentsCard({
  contactId,
  dossierId,
}: {
  contactId?: string | null;
  dossierId?: string;
}) {
  const { t } = useTranslation('engagement');
  const q = new URLSearchParams(dossierId ? { dossierId } : contactId ? { contactId } : {});
  const list = useQuery({
    queryKey: ['appointments', 'of', q.toString()],
    queryFn: () => request<{ data: Appointment[] }>(`${API_URL}/appointments?${q.toString()}`),
    enabled: can('CRM_APPOINTMENTS_VIEW'),
  });
  const prefill = new URLSearchParams({
    ...(contactId ? { contactId } : {}),
    ...(dossierId ? { dossierId } : {}),
  });
  if (!can('CRM_APPOINTMENTS_VIEW')) return null;
  return (
    <Card
      size="small"
      title={t('appointment.upcoming')}
      data-testid="appointments-card"
      extra={
        can('CRM_APPOINTMENTS_CREATE') ? (
          <Link to={`/appointments/create?${prefill.toString()}`}>
            <Button size="small" icon={<PlusOutlined />}>
              {t('appointments.create')}
            </Button>
          </Link>
        ) : null
      }
    >
      <List
        size="small"
        loading={list.isLoading}
        locale={{ emptyText: t('appointment.none') }}
        dataSource={[...(list.data?.data ?? [])].reverse().slice(0, 5)}
        renderItem={(a) => (
          <List.Item>
            <Link to={`/appointments/show/${a.id}`}>{a.title}</Link> · {formatDateTime(a.startAt)}{' '}
            <Tag color={STATUS_COLOR[a.status]}>{t(`appointment.statuses.${a.status}`)}</Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
