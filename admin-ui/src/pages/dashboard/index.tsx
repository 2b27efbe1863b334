import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Card,
  Col,
  Empty,
  Flex,
  List,
  Row,
  Select,
  Skeleton,
  Statistic,
  Tag,
  Typography,
  theme,
} from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDictionary } from '../../components/dictionary';
import { formatDateTime, formatMoney } from '../../components/format';
import { api, ok } from '../../api/client';
import { errorMessage } from '../../providers/http';
import type { StagePoint } from './charts';

// recharts is most of the dashboard's weight: it loads beside the funnel's answer, not before the page shows.
const FunnelChart = lazy(() => import('./charts').then((m) => ({ default: m.FunnelChart })));
const TimeInStageChart = lazy(() => import('./charts').then((m) => ({ default: m.TimeInStageChart })));
import { FunnelTables } from './tables';

const KPI_KEYS = ['newLeads7d', 'hotLeads', 'openDeals', 'dealsInNegotiation', 'appointmentsNext7d'] as const;

/** KPI cards, next best actions, funnel and time-in-stage charts, source attribution (F-9). */
export default function DashboardPage() {
  const { t } = useTranslation('agent');
  const { token } = theme.useToken();
  const [caseType, setCaseType] = useState('ACHAT');
  const caseTypes = useDictionary('CASE_TYPE', { entity: 'DOSSIER' });
  const statuses = useDictionary('CASE_STATUS');
  const dash = useQuery({ queryKey: ['dashboard'], queryFn: () => ok(api.GET('/api/v1/dashboard')) });
  const funnel = useQuery({
    queryKey: ['reports-funnel', caseType],
    queryFn: () => ok(api.GET('/api/v1/reports/funnel', { params: { query: { caseType } } })),
  });
  const kpis = dash.data?.kpis;
  const points: StagePoint[] = (funnel.data?.stages ?? []).map((s) => ({
    label: statuses.label(s.statusCode) || s.label,
    reached: s.reached,
    days: s.avgHoursInStage === null ? null : Math.round((s.avgHoursInStage / 24) * 10) / 10,
  }));
  const open = points.filter((_, i) => !funnel.data?.stages[i]?.terminal);

  return (
    <Flex vertical gap={16} data-testid="home">
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('dashboard.title')}
      </Typography.Title>
      {dash.isError ? <Alert type="error" showIcon message={errorMessage(dash.error)} /> : null}
      <Row gutter={[16, 16]} data-testid="kpis">
        {KPI_KEYS.map((key) => (
          <Col key={key} xs={12} md={8} xl={4}>
            <Card size="small" loading={dash.isLoading}>
              <Statistic title={t(`dashboard.kpi.${key}`)} value={kpis?.[key] ?? 0} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={8} xl={4}>
          <Card size="small" loading={dash.isLoading}>
            <Statistic
              title={t('dashboard.kpi.weightedPipeline')}
              value={formatMoney(kpis?.weightedPipeline ?? 0)}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card
            size="small"
            title={t('dashboard.nextActions')}
            extra={<Link to="/tasks">{t('tasks:seeAll')}</Link>}
            style={{ height: '100%' }}
          >
            {/* No "nothing due" while the answer is on its way. */}
            {dash.isLoading ? (
              <Skeleton active data-testid="next-actions-loading" />
            ) : (
              <List
                size="small"
                data-testid="next-actions"
                locale={{ emptyText: t('dashboard.noActions') }}
                dataSource={dash.data?.nextBestActions ?? []}
                renderItem={(a) => (
                  <List.Item>
                    {/* Not List.Item.Meta: its title is an <h4> under the page's <h1> (heading order). */}
                    <div>
                      <div style={{ fontWeight: 500 }}>
                        {a.appointmentId ? (
                          <Link to={`/appointments/show/${a.appointmentId}`}>{a.title}</Link>
                        ) : a.dossierId ? (
                          <Link to={`/dossiers/show/${a.dossierId}`}>{a.title}</Link>
                        ) : a.contactId ? (
                          <Link to={`/contacts/show/${a.contactId}`}>{a.title}</Link>
                        ) : (
                          a.title
                        )}
                      </div>
                      <div>
                        <>
                          <Tag color="red">
                            {t(`dashboard.actionKinds.${a.kind}`, { defaultValue: a.kind })}
                          </Tag>
                          {formatDateTime(a.dueAt)}
                          {a.contactName ? ` · ${a.contactName}` : ''}
                          {a.dossierTitle ? ` · ${a.dossierTitle}` : ''}
                        </>
                      </div>
                    </div>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={t('dashboard.funnel')}
            extra={
              <Flex gap={8} align="center">
                <label htmlFor="dashboard-case-type">{t('dossier.caseType')}</label>
                <Select
                  id="dashboard-case-type"
                  value={caseType}
                  onChange={setCaseType}
                  options={caseTypes.options}
                  style={{ width: 180 }}
                />
              </Flex>
            }
          >
            {funnel.isError ? <Alert type="error" showIcon message={errorMessage(funnel.error)} /> : null}
            {points.length ? (
              <Suspense fallback={<Skeleton active />}>
                <Row gutter={16}>
                  <Col xs={24} lg={12} data-testid="funnel-chart">
                    <FunnelChart data={points} color={token.colorPrimary} />
                  </Col>
                  <Col xs={24} lg={12} data-testid="time-in-stage-chart">
                    <Typography.Text type="secondary">{t('dashboard.timeInStage')}</Typography.Text>
                    <TimeInStageChart data={open} color={token.colorWarning} unit={t('dashboard.daysUnit')} />
                  </Col>
                </Row>
              </Suspense>
            ) : funnel.isLoading ? (
              <Skeleton active />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
      </Row>
      <FunnelTables
        sources={funnel.data?.sources ?? []}
        reasons={funnel.data?.closeReasons ?? []}
        loading={funnel.isLoading}
      />
    </Flex>
  );
}
