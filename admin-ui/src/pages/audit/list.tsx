import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { List, useTable } from '@refinedev/antd';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Reply, type Schemas, type Sent } from '../../api/client';
import { ChangesTable } from '../../components/audit-diff';
import { formatDateTime } from '../../components/format';
import { labelsFr } from '../../i18n/locales/labels';
import { can } from '../../studio/access';
import { AS_FILE, saveExport } from '../../studio/api';
import { pageTitle } from '../../components/page-title';
import { tableSkeleton } from '../../components/loading';

type AuditEvent = Sent<Schemas['AuditEvent']>;

interface Search {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

type Verification = Reply<'/api/v1/audit/verify', 'get'>;

/** Codes as options labelled in the UI language, sorted by their label. */
function codeOptions(codes: string[], label: (code: string) => string) {
  return codes
    .map((code) => ({ value: code, label: label(code) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The audit trail: search by entity, user and period, export it, and verify its hash chain. */
export default function AuditList() {
  const { t } = useTranslation('studio');
  const actors = useQuery({
    queryKey: ['audit-actors'],
    staleTime: 60_000,
    queryFn: () => ok(api.GET('/api/v1/audit/actors')),
  });
  const actorOptions = (actors.data?.data ?? []).map((a) => ({
    value: a.id,
    label: a.isActive ? a.fullName : `${a.fullName} (${t('audit.inactive')})`,
  }));
  const entityLabel = (v: string) => t(`labels:entity.${v}`, { defaultValue: v });
  const actionLabel = (v: string) => t(`labels:action.${v}`, { defaultValue: v });
  const { message } = App.useApp();
  const [verification, setVerification] = useState<Verification>();
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const { tableProps, searchFormProps } = useTable<AuditEvent, never, Search>({
    resource: 'audit',
    pagination: { pageSize: 25 },
    syncWithLocation: true,
    onSearch: (v) => {
      const from = v.period?.[0]?.startOf('day').toISOString();
      const to = v.period?.[1]?.add(1, 'day').startOf('day').toISOString();
      setPeriod({ from, to });
      return [
        { field: 'entityType', operator: 'eq', value: v.entityType || undefined },
        { field: 'entityId', operator: 'eq', value: v.entityId || undefined },
        { field: 'actorId', operator: 'eq', value: v.actorId || undefined },
        { field: 'action', operator: 'eq', value: v.action || undefined },
        { field: 'from', operator: 'eq', value: from },
        { field: 'to', operator: 'eq', value: to },
      ];
    },
  });

  const verify = async () => {
    try {
      setVerification(await ok(api.GET('/api/v1/audit/verify')));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };
  const exportAs = async (format: 'csv' | 'json') => {
    const query = {
      format,
      ...(period.from ? { from: period.from } : {}),
      ...(period.to ? { to: period.to } : {}),
    };
    try {
      await saveExport(api.GET('/api/v1/audit/export', { params: { query }, ...AS_FILE }), `audit.${format}`);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <List
      title={pageTitle(t('audit.title'))}
      headerButtons={
        <Space>
          <Button icon={<SafetyCertificateOutlined />} onClick={() => void verify()}>
            {t('audit.verify')}
          </Button>
          {can('AUDIT_EXPORT') && (
            <>
              <Button icon={<DownloadOutlined />} onClick={() => void exportAs('csv')}>
                {t('audit.exportCsv')}
              </Button>
              <Button icon={<DownloadOutlined />} onClick={() => void exportAs('json')}>
                {t('audit.exportJson')}
              </Button>
            </>
          )}
        </Space>
      }
    >
      {verification && (
        <Alert
          data-testid="audit-verification"
          style={{ marginBottom: 16 }}
          type={verification.valid ? 'success' : 'error'}
          showIcon
          message={
            verification.valid
              ? t('audit.chainValid', { count: verification.count })
              : t('audit.chainBroken', { count: verification.breaks.length })
          }
          description={
            <>
              {verification.breaks.slice(0, 10).map((b) => (
                <div key={b.seq ?? b.id}>
                  #{b.seq ?? b.id}: {b.problem}
                </div>
              ))}
              {verification.unsealed > 0 && (
                <div>{t('audit.chainUnsealed', { count: verification.unsealed })}</div>
              )}
            </>
          }
        />
      )}
      <Form {...searchFormProps} layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="entityType" label={t('audit.entityType')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 200 }}
            options={codeOptions(Object.keys(labelsFr.entity), entityLabel)}
          />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="actorId" label={t('audit.actor')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 220 }}
            loading={actors.isLoading}
            options={actorOptions}
            data-testid="audit-actor-filter"
          />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 200 }}
            options={codeOptions(Object.keys(labelsFr.action), actionLabel)}
          />
        </Form.Item>
        <Form.Item name="period" label={t('audit.period')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[t('audit.from'), t('audit.to')]} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form>
      <Table<AuditEvent>
        {...tableProps}
        {...tableSkeleton(tableProps)}
        rowKey="id"
        size="small"
        expandable={{
          expandedRowRender: (e) => <ChangesTable before={e.beforeJson} after={e.afterJson} />,
        }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          {
            title: t('audit.date'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('audit.entityType'),
            dataIndex: 'entityType',
            render: (v: string) => <Tag title={v}>{entityLabel(v)}</Tag>,
          },
          {
            title: t('audit.entityId'),
            dataIndex: 'entityId',
            render: (v: string) => (
              <Typography.Text copyable={{ text: v }} style={{ fontSize: 12 }}>
                {v.slice(0, 8)}…
              </Typography.Text>
            ),
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (v: string) => (
              <Tag color="blue" title={v}>
                {actionLabel(v)}
              </Tag>
            ),
          },
          {
            title: t('audit.actor'),
            dataIndex: 'actorName',
            render: (_: unknown, e) =>
              e.actorId ? (
                <Tooltip title={e.actorId}>
                  <Typography.Text copyable={{ text: e.actorId }} data-testid="audit-actor">
                    {e.actorName ?? `#${e.actorId.slice(0, 8)}`}
                  </Typography.Text>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">
                  {t(`audit.actorType.${e.actorType}`, { defaultValue: e.actorType })}
                </Typography.Text>
              ),
          },
        ]}
      />
    </List>
  );
}
