import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format';
import { api, ok } from '../../api/client';
import type { AppointmentWarning } from './types';

/** One warning in the UI language, read from the appointment it names (the server's text otherwise). */
function WarningLine({ w }: { w: AppointmentWarning }) {
  const { t } = useTranslation('engagement');
  const other = useQuery({
    queryKey: ['appointment', w.appointmentId],
    queryFn: () => ok(api.GET('/api/v1/appointments/{id}', { params: { path: { id: w.appointmentId } } })),
    enabled: w.code === 'AGENT_BUSY' && !!w.appointmentId,
    retry: false,
  });
  const a = other.data;
  return (
    <li data-code={w.code}>
      {a ? (
        <>
          {t('appointments.busyWith', {
            title: a.title,
            start: formatDateTime(a.startAt),
            end: dayjs(a.endAt).format('HH:mm'),
          })}{' '}
          <Link to={`/appointments/show/${a.id}`}>{t('appointments.open')}</Link>
        </>
      ) : (
        w.message
      )}
    </li>
  );
}

/** AGENT_BUSY warnings, each linking to the appointment it overlaps. */
export function AppointmentWarnings({
  warnings,
  testId,
}: {
  warnings: AppointmentWarning[];
  testId: string;
}) {
  const { t } = useTranslation('engagement');
  if (!warnings.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={testId}
      message={t('appointments.busy')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {warnings.map((w) => (
            <WarningLine key={`${w.code}-${w.appointmentId}`} w={w} />
          ))}
        </ul>
      }
    />
  );
}
