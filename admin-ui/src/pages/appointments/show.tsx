import { Show } from '@refinedev/antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useOne } from '@refinedev/core';
import { Alert, App, Button, Descriptions, Flex, Input, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import dayjs from 'dayjs';
import { formatDateTime, formatIsoDuration } from '../../components/format';
import { UserName } from '../../components/users';
import { can } from '../../engagement/api';
import { api, ok } from '../../api/client';
import { errorMessage } from '../../providers/http';
import { ACTIONS_FROM, STATUS_COLOR, type AppointmentWarning, type WithWarnings } from './types';
import { AppointmentWarnings } from './warnings';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

function ContactLink({ id }: { id: string }) {
  const { result } = useOne<{ id: string; firstName: string; lastName: string }>({
    resource: 'contacts',
    id,
  });
  return (
    <Link to={`/contacts/show/${id}`}>
      {result ? `${result.firstName} ${result.lastName}` : id.slice(0, 8)}
    </Link>
  );
}
function DossierLink({ id }: { id: string }) {
  const { result } = useOne<{ id: string; reference: string; title: string }>({ resource: 'dossiers', id });
  return (
    <Link to={`/dossiers/show/${id}`}>
      {result ? `${result.reference} · ${result.title}` : id.slice(0, 8)}
    </Link>
  );
}

type Action = (typeof ACTIONS_FROM)[keyof typeof ACTIONS_FROM][number];
type ActionBody = { version: number; reason?: string | null };
const path = (id: string) => ({ params: { path: { id } } });
/** Each status action's call (cancel alone takes a reason). */
const ACTION_CALLS: Record<Action, (id: string, body: ActionBody) => Promise<WithWarnings>> = {
  confirm: (id, body) => ok(api.POST('/api/v1/appointments/{id}/confirm', { ...path(id), body })),
  done: (id, body) => ok(api.POST('/api/v1/appointments/{id}/done', { ...path(id), body })),
  'no-show': (id, body) => ok(api.POST('/api/v1/appointments/{id}/no-show', { ...path(id), body })),
  cancel: (id, body) => ok(api.POST('/api/v1/appointments/{id}/cancel', { ...path(id), body })),
};

/** One appointment with the actions its status allows (confirm, done, no-show, cancel). */
export default function AppointmentShow() {
  const { t } = useTranslation('engagement');
  const { id = '' } = useParams();
  const location = useLocation();
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const [warnings, setWarnings] = useState<AppointmentWarning[]>(
    (location.state as { warnings?: AppointmentWarning[] } | null)?.warnings ?? [],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [canceling, setCanceling] = useState(false);
  const [reason, setReason] = useState('');
  const canEdit = can('CRM_APPOINTMENTS_EDIT');
  const query = useQuery({
    queryKey: ['appointment', id],
    queryFn: () => ok(api.GET('/api/v1/appointments/{id}', path(id))),
    retry: false,
  });
  const a = query.data;

  const act = async (action: Action, extra: Omit<ActionBody, 'version'> = {}) => {
    if (!a) return;
    setBusy(action);
    setError(null);
    try {
      const res = await ACTION_CALLS[action](a.id, { version: a.version, ...extra });
      setWarnings(res.warnings);
      const { warnings: _warnings, ...appointment } = res;
      queryClient.setQueryData(['appointment', id], appointment);
      await queryClient.invalidateQueries({ queryKey: ['appointments'] });
      await queryClient.invalidateQueries({ queryKey: ['timeline'] });
      notification.success({ message: t('appointment.done') });
    } catch (err) {
      setError(errorMessage(err));
      await query.refetch();
    } finally {
      setBusy(null);
    }
  };

  const actions = a && canEdit ? ACTIONS_FROM[a.status] : [];
  return (
    <Show
      goBack={backIcon}
      title={pageTitle(a ? a.title : t('appointments.one'))}
      canEdit={false}
      canDelete={false}
      headerButtons={() => (
        <Space wrap data-testid="appointment-actions">
          {a ? (
            <Link to={`/appointments?view=week&date=${dayjs(a.startAt).format('YYYY-MM-DD')}&agent=all`}>
              <Button>{t('appointment.openCalendar')}</Button>
            </Link>
          ) : null}
          {actions.map((action) =>
            action === 'cancel' ? (
              <Button key={action} danger onClick={() => setCanceling(true)}>
                {t('appointment.actions.cancel')}
              </Button>
            ) : (
              <Button
                key={action}
                type={action === 'confirm' ? 'primary' : 'default'}
                loading={busy === action}
                onClick={() => void act(action)}
              >
                {t(`appointment.actions.${action}`)}
              </Button>
            ),
          )}
        </Space>
      )}
    >
      {query.isLoading ? <Spin style={{ display: 'block', margin: '24px auto' }} /> : null}
      {query.isError ? (
        <Alert
          type="error"
          showIcon
          message={t('appointment.notFound')}
          description={errorMessage(query.error)}
        />
      ) : null}
      {a ? (
        <Flex vertical gap={16}>
          <AppointmentWarnings warnings={warnings} testId="appointment-warnings" />
          {error ? (
            <Alert
              type="error"
              showIcon
              message={t('appointment.failed')}
              description={error}
              data-testid="appointment-error"
            />
          ) : null}
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="appointment-header">
            <Descriptions.Item label={t('appointment.status')}>
              <Tag color={STATUS_COLOR[a.status]} data-status={a.status}>
                {t(`appointment.statuses.${a.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('appointment.kind')}>
              {t(`appointment.kinds.${a.kind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('appointment.startAt')}>
              {formatDateTime(a.startAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('appointment.endAt')}>{formatDateTime(a.endAt)}</Descriptions.Item>
            <Descriptions.Item label={t('appointment.place')}>{a.place ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('appointment.agent')}>
              <UserName id={a.agentId} />
            </Descriptions.Item>
            <Descriptions.Item label={t('appointment.contact')}>
              {a.contactId ? <ContactLink id={a.contactId} /> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('appointment.dossier')}>
              {a.dossierId ? <DossierLink id={a.dossierId} /> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('appointment.reminders')}>
              {a.reminderOffsets.map((o) => (
                <Tag key={o} title={o}>
                  {t('appointment.reminderBefore', { duration: formatIsoDuration(o, 'short') })}
                </Tag>
              ))}
            </Descriptions.Item>
            {a.canceledReason ? (
              <Descriptions.Item label={t('appointment.canceledReason')}>
                {a.canceledReason}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('appointment.notes')} span={2}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {a.notes ?? '—'}
              </Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>
        </Flex>
      ) : null}
      <Modal
        open={canceling}
        title={t('appointment.actions.cancel')}
        okText={t('appointment.actions.cancel')}
        okButtonProps={{ danger: true }}
        cancelText={t('common:buttons.cancel')}
        confirmLoading={busy === 'cancel'}
        onCancel={() => setCanceling(false)}
        onOk={async () => {
          await act('cancel', { reason: reason || null });
          setCanceling(false);
        }}
      >
        <label htmlFor="cancel-reason">{t('appointment.cancelReason')}</label>
        <Input.TextArea
          id="cancel-reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={2000}
        />
      </Modal>
    </Show>
  );
}
