import { EditButton, ListButton, Show } from '@refinedev/antd';
import { useInvalidate, useShow } from '@refinedev/core';
import {
  App,
  Button,
  Col,
  Descriptions,
  Popconfirm,
  Row,
  Space,
  Tabs,
  Tag,
  Timeline as AntTimeline,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ActivityForm } from '../../components/activity-form';
import { AuditTrail } from '../../components/audit-diff';
import { DictLabel } from '../../components/dictionary';
import { formatDateTime } from '../../components/format';
import { Timeline } from '../../components/timeline';
import { UserName } from '../../components/users';
import { useAllowed } from '../../providers/access-control';
import { api, ok, type Reply } from '../../api/client';
import { errorMessage } from '../../providers/http';
import { AppointmentsCard } from '../../engagement/appointments-card';
import { MessageComposer } from '../../engagement/composer';
import { ConsentCard } from '../../engagement/consent';
import { EraseContactButton, ExportPersonalDataButton } from '../../engagement/privacy';
import { MergeDialog } from './merge';
import { RolesCard } from './roles';
import { STATUS_COLOR } from './status';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

/** A contact: details, lifecycle actions (convert, archive, merge), roles, timeline and audit. */
export default function ContactShow() {
  const { t } = useTranslation('agent');
  const { notification } = App.useApp();
  const invalidate = useInvalidate();
  const { result: contact, query } = useShow<Reply<'/api/v1/contacts/{id}', 'get'>>({ resource: 'contacts' });
  const canEdit = useAllowed('contacts', 'edit');
  const canArchive = useAllowed('contacts', 'archive');
  const canLog = useAllowed('activities', 'create');
  const canCreateDossier = useAllowed('dossiers', 'create');
  const [merging, setMerging] = useState(false);

  const act = async (action: 'convert' | 'archive', done: string) => {
    if (!contact) return;
    const call = { params: { path: { id: contact.id } }, body: { version: contact.version } };
    try {
      await ok(
        action === 'convert'
          ? api.POST('/api/v1/contacts/{id}/convert', call)
          : api.POST('/api/v1/contacts/{id}/archive', call),
      );
      notification.success({ message: done });
      await invalidate({ resource: 'contacts', invalidates: ['list', 'detail'], id: contact.id });
    } catch (err) {
      notification.error({ message: t('contacts.actionFailed'), description: errorMessage(err) });
    }
  };

  return (
    <Show
      goBack={backIcon}
      isLoading={query.isLoading}
      title={pageTitle(contact ? `${contact.firstName} ${contact.lastName}` : t('contacts.one'))}
      headerButtons={() => (
        <Space wrap>
          <ListButton />
          {contact && canCreateDossier && contact.status !== 'archived' ? (
            <Link to={`/dossiers/create?contactId=${contact.id}`}>
              <Button>{t('contacts.newDossier')}</Button>
            </Link>
          ) : null}
          {contact?.status === 'lead' && canEdit ? (
            <Button onClick={() => void act('convert', t('contacts.converted'))}>
              {t('contacts.convert')}
            </Button>
          ) : null}
          {contact && canEdit && contact.status !== 'archived' ? (
            <Button onClick={() => setMerging(true)}>{t('contacts.merge')}</Button>
          ) : null}
          {contact && canArchive && contact.status !== 'archived' ? (
            <Popconfirm
              title={t('contacts.archiveConfirm')}
              okText={t('contacts.archive')}
              cancelText={t('common:buttons.cancel')}
              onConfirm={() => act('archive', t('contacts.archived'))}
            >
              <Button danger>{t('contacts.archive')}</Button>
            </Popconfirm>
          ) : null}
          {contact ? <ExportPersonalDataButton contactId={contact.id} /> : null}
          {contact ? (
            <EraseContactButton
              contactId={contact.id}
              email={contact.email}
              onErased={() => void query.refetch()}
            />
          ) : null}
          <EditButton />
        </Space>
      )}
    >
      {contact ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="contact-header">
            <Descriptions.Item label={t('contact.status')}>
              <Tag color={STATUS_COLOR[contact.status]}>{t(`contact.statuses.${contact.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('contact.email')}>{contact.email}</Descriptions.Item>
            <Descriptions.Item label={t('contact.phone')}>{contact.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('contact.source')}>
              <DictLabel dictType="LEAD_SOURCE" code={contact.source} />
            </Descriptions.Item>
            <Descriptions.Item label={t('contact.tags')}>
              {contact.tags.length
                ? contact.tags.map((c) => <DictLabel key={c} dictType="TAG" code={c} tag />)
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('contact.agent')}>
              <UserName id={contact.assignedAgentId} />
            </Descriptions.Item>
            <Descriptions.Item label={t('contact.score')}>{contact.score ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('contact.lastInteraction')}>
              {formatDateTime(contact.lastInteractionAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('contact.convertedAt')}>
              {formatDateTime(contact.convertedAt)}
            </Descriptions.Item>
          </Descriptions>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={15}>
              <ConsentCard contactId={contact.id} />
            </Col>
            <Col xs={24} xl={9}>
              <AppointmentsCard contactId={contact.id} />
            </Col>
          </Row>
          <Tabs
            items={[
              {
                key: 'timeline',
                label: t('tabs.timeline'),
                children: (
                  <Row gutter={16}>
                    <Col xs={24} lg={canLog ? 15 : 24}>
                      <Timeline subject={{ contactId: contact.id }} />
                    </Col>
                    {canLog ? (
                      <Col xs={24} lg={9}>
                        <Space direction="vertical" size={16} style={{ width: '100%' }}>
                          <MessageComposer contactId={contact.id} />
                          <ActivityForm contactId={contact.id} />
                        </Space>
                      </Col>
                    ) : null}
                  </Row>
                ),
              },
              {
                key: 'roles',
                label: t('tabs.roles'),
                children: <RolesCard contact={contact} canEdit={canEdit} />,
              },
              {
                key: 'assignments',
                label: t('tabs.assignments'),
                children: (
                  <AntTimeline
                    items={contact.assignments.map((a) => ({
                      key: a.id,
                      children: (
                        <span>
                          {formatDateTime(a.at)} · <UserName id={a.fromAgentId} /> →{' '}
                          <UserName id={a.toAgentId} />
                        </span>
                      ),
                    }))}
                  />
                ),
              },
              {
                key: 'audit',
                label: t('tabs.audit'),
                children: <AuditTrail resource="contacts" entityId={contact.id} />,
              },
            ]}
          />
          {canEdit ? (
            <MergeDialog contact={contact} open={merging} onClose={() => setMerging(false)} />
          ) : null}
        </Space>
      ) : null}
    </Show>
  );
}
