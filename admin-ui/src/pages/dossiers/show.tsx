import { EditButton, ListButton, Show } from '@refinedev/antd';
import { useOne } from '@refinedev/core';
import { Card, Col, Descriptions, Empty, Row, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Schemas, Sent } from '../../api/client';
import { ActivityForm } from '../../components/activity-form';
import { AuditTrail } from '../../components/audit-diff';
import { DictLabel, ReasonLabel } from '../../components/dictionary';
import { formatDate, formatDateTime, formatMoney } from '../../components/format';
import { StatusTag } from '../../components/status-tag';
import { Timeline } from '../../components/timeline';
import { UserName } from '../../components/users';
import { WorkflowLink } from '../../components/workflow-link';
import { hasPermission, useAllowed } from '../../providers/access-control';
import { errorMessage } from '../../providers/http';
import { AppointmentsCard } from '../../engagement/appointments-card';
import { MessageComposer } from '../../engagement/composer';
import { ConsentCard } from '../../engagement/consent';
import { StatusHistory } from './history';
import { MatchingTab } from './matching';
import { PartiesCard } from './parties';
import { TransitionsPanel } from './transitions-panel';
import type { Dossier } from './types';
import { useDossierWorkspace } from './workspace';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

type ContactLite = Pick<Sent<Schemas['Contact']>, 'id' | 'firstName' | 'lastName' | 'email' | 'phone'>;

function Parties({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation('agent');
  const { result: contact } = useOne<ContactLite>({
    resource: 'contacts',
    id: dossier.contactId ?? '',
    queryOptions: { enabled: !!dossier.contactId },
  });
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12}>
        <Card size="small" title={t('parties.contact')}>
          {dossier.contactId && contact ? (
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('contact.name')}>
                <Link to={`/contacts/show/${contact.id}`}>
                  {contact.firstName} {contact.lastName}
                </Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('contact.email')}>{contact.email}</Descriptions.Item>
              <Descriptions.Item label={t('contact.phone')}>{contact.phone ?? '—'}</Descriptions.Item>
            </Descriptions>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('parties.noContact')} />
          )}
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card size="small" title={t('parties.agent')}>
          <UserName id={dossier.assignedAgentId} />
        </Card>
      </Col>
      <Col xs={24}>
        <PartiesCard dossierId={dossier.id} />
      </Col>
    </Row>
  );
}

/** A dossier: header, allowed moves, consents, appointments, timeline; parties, history and audit in tabs. */
export default function DossierShow() {
  const { t } = useTranslation('agent');
  const { id } = useParams<{ id: string }>();
  // One read for the first screen; the cards below find their parts in the cache (workspace.ts).
  const query = useDossierWorkspace(id);
  const dossier = query.data?.dossier;
  const canMove = useAllowed('dossiers', 'transition');
  const canLog = useAllowed('activities', 'create');
  // Buyers and tenants search properties (ACHAT buys SALE listings, LOCATION rents RENT ones).
  const searches = dossier?.caseType === 'ACHAT' || dossier?.caseType === 'LOCATION';
  const canMatch = hasPermission('CRM_MATCHING_VIEW') || hasPermission('CRM_MATCHING_RUN');

  return (
    <Show
      goBack={backIcon}
      isLoading={query.isLoading}
      title={pageTitle(dossier ? `${dossier.reference} · ${dossier.title}` : t('dossiers.one'))}
      headerButtons={() => (
        <Space>
          <ListButton />
          <EditButton />
          <WorkflowLink dossierId={dossier?.id} />
        </Space>
      )}
    >
      {dossier ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 4 }} data-testid="dossier-header">
            <Descriptions.Item label={t('dossier.status')}>
              <StatusTag code={dossier.statusCode} />
            </Descriptions.Item>
            <Descriptions.Item label={t('dossier.caseType')}>
              <DictLabel dictType="CASE_TYPE" code={dossier.caseType} />
            </Descriptions.Item>
            <Descriptions.Item label={t('dossier.definitionVersion')}>
              v{dossier.definitionVersion}
            </Descriptions.Item>
            <Descriptions.Item label={t('dossier.agent')}>
              <UserName id={dossier.assignedAgentId} />
            </Descriptions.Item>
            <Descriptions.Item label={t('dossier.budget')}>
              {formatMoney(dossier.budgetMin, dossier.currency)} –{' '}
              {formatMoney(dossier.budgetMax, dossier.currency)}
            </Descriptions.Item>
            <Descriptions.Item label={t('dossier.amount')}>
              {formatMoney(dossier.amount, dossier.currency)}
            </Descriptions.Item>
            <Descriptions.Item label={t('dossier.weightedAmount')}>
              {formatMoney(dossier.weightedAmount, dossier.currency)}
            </Descriptions.Item>
            <Descriptions.Item label={t('dossier.score')}>{dossier.score ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('dossier.source')}>
              <DictLabel dictType="LEAD_SOURCE" code={dossier.source} />
            </Descriptions.Item>
            <Descriptions.Item label={t('dossier.expectedCloseDate')}>
              {formatDate(dossier.expectedCloseDate)}
            </Descriptions.Item>
            <Descriptions.Item label={t('dossier.statusChangedAt')}>
              {formatDateTime(dossier.statusChangedAt)}
            </Descriptions.Item>
            {dossier.closedAt ? (
              <Descriptions.Item label={t('dossier.closeReason')}>
                <ReasonLabel code={dossier.closeReasonCode} />
                {dossier.closeComment ? ` — ${dossier.closeComment}` : ''}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {canMove ? <TransitionsPanel dossier={dossier} /> : null}
          {dossier.contactId ? (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={15}>
                <ConsentCard contactId={dossier.contactId} dossierId={dossier.id} />
              </Col>
              <Col xs={24} xl={9}>
                <AppointmentsCard contactId={dossier.contactId} dossierId={dossier.id} />
              </Col>
            </Row>
          ) : null}
          <Tabs
            items={[
              {
                key: 'timeline',
                label: t('tabs.timeline'),
                children: (
                  <Row gutter={16}>
                    <Col xs={24} lg={canLog ? 15 : 24}>
                      <Timeline subject={{ dossierId: dossier.id }} />
                    </Col>
                    {canLog ? (
                      <Col xs={24} lg={9}>
                        <Space direction="vertical" size={16} style={{ width: '100%' }}>
                          <MessageComposer contactId={dossier.contactId} dossierId={dossier.id} />
                          <ActivityForm dossierId={dossier.id} contactId={dossier.contactId} />
                        </Space>
                      </Col>
                    ) : null}
                  </Row>
                ),
              },
              ...(searches && canMatch
                ? [
                    {
                      key: 'matching',
                      label: <span data-testid="tab-matching">{t('annonces:tab')}</span>,
                      children: <MatchingTab dossierId={dossier.id} />,
                    },
                  ]
                : []),
              { key: 'parties', label: t('tabs.parties'), children: <Parties dossier={dossier} /> },
              {
                key: 'history',
                label: t('tabs.history'),
                children: <StatusHistory dossierId={dossier.id} />,
              },
              {
                key: 'audit',
                label: t('tabs.audit'),
                children: <AuditTrail resource="dossiers" entityId={dossier.id} />,
              },
            ]}
          />
        </Space>
      ) : (
        <Typography.Text type="secondary">
          {query.isError ? errorMessage(query.error) || t('dossiers.notFound') : ''}
        </Typography.Text>
      )}
    </Show>
  );
}
