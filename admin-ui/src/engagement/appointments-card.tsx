import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../components/format';
import { STATUS_COLOR } from '../pages/appointments/types';
import { api, ok } from '../api/client';
import { can } from './api';

/** The cache key of the appointments of a dossier (preferred) or a contact. */
export const appointmentsOfKey = (of: { contactId?: string | null; dossierId?: string | undefined }) => [
  'appointments',
  'of',
  of.dossierId ? { dossierId: of.dossierId } : { contactId: of.contactId ?? null },
];

/** Appointments of a contact or a dossier, with a "new appointment" button prefilled with them. */
export function AppointmentsCard({
  contactId,
  dossierId,
}: {
  contactId?: string | null;
  dossierId?: string;
}) {
  const { t } = useTranslation('engagement');
  const list = useQuery({
    queryKey: appointmentsOfKey({ contactId, dossierId }),
    queryFn: () =>
      ok(
        api.GET('/api/v1/appointments', {
          params: { query: dossierId ? { dossierId } : contactId ? { contactId } : {} },
        }),
      ),
    enabled: can('CRM_APPOINTMENTS_VIEW'),
    // A dossier's list comes seeded by its workspace read; bookings happen on another screen.
    staleTime: 30_000,
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
