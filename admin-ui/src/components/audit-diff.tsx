import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { errorMessage } from '../providers/http';
import { formatDateTime } from './format';

interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

/** Each record kind's audit trail, newest first (50 events). */
const page = (id: string) => ({ params: { path: { id }, query: { pageSize: 50 } } });
const AUDIT = {
  dossiers: (id: string) => api.GET('/api/v1/dossiers/{id}/audit', page(id)),
  contacts: (id: string) => api.GET('/api/v1/contacts/{id}/audit', page(id)),
  accounts: (id: string) => api.GET('/api/v1/accounts/{id}/audit', page(id)),
  annonces: (id: string) => api.GET('/api/v1/annonces/{id}/audit', page(id)),
};

const IGNORED = new Set(['updatedAt', 'version']);

/** The fields whose value differs between before and after (a creation shows every field). */
export function changesOf(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Change[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys]
    .filter((k) => !IGNORED.has(k) && JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]))
    .map((field) => ({ field, before: before?.[field], after: after?.[field] }));
}

const show = (v: unknown) =>
  v === undefined || v === null || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** One audit event's changes as a before/after table, each field by its label in the UI language. */
export function ChangesTable({
  before,
  after,
}: {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}) {
  const { t } = useTranslation('agent');
  return (
    <Table<Change>
      size="small"
      pagination={false}
      rowKey="field"
      dataSource={changesOf(before, after)}
      columns={[
        {
          dataIndex: 'field',
          title: t('audit.field'),
          width: 180,
          render: (f: string) => <span title={f}>{t(`labels:field.${f}`, { defaultValue: f })}</span>,
        },
        {
          dataIndex: 'before',
          title: t('audit.before'),
          render: (v: unknown) => (
            <Typography.Text delete={v !== undefined && v !== null} type="danger">
              {show(v)}
            </Typography.Text>
          ),
        },
        {
          dataIndex: 'after',
          title: t('audit.after'),
          render: (v: unknown) => <Typography.Text type="success">{show(v)}</Typography.Text>,
        },
      ]}
    />
  );
}

/**
 * The audit trail of one record (`/dossiers|contacts|accounts/:id/audit`, open to whoever may view
 * the record), newest first, each change as a before/after table.
 */
export function AuditTrail({ resource, entityId }: { resource: keyof typeof AUDIT; entityId: string }) {
  const { t } = useTranslation('agent');
  const query = useQuery({
    queryKey: ['record-audit', resource, entityId],
    queryFn: () => ok(AUDIT[resource](entityId)),
  });
  const rows = query.data?.data ?? [];
  if (query.isError) return <Alert type="warning" showIcon message={errorMessage(query.error)} />;
  if (!query.isLoading && rows.length === 0) return <Empty description={t('audit.empty')} />;
  return (
    <Flex vertical gap={12} data-testid="audit-trail">
      {rows.map((row) => (
        <Card
          key={row.id}
          size="small"
          title={
            <Flex gap={8} align="center">
              <Tag color="geekblue" title={row.action}>
                {t(`labels:action.${row.action}`, { defaultValue: row.action })}
              </Tag>
              <Typography.Text type="secondary">
                {formatDateTime(row.createdAt)} ·{' '}
                {row.actorType === 'USER'
                  ? (row.actorName ?? `#${row.actorId?.slice(0, 8) ?? '—'}`)
                  : t(`studio:audit.actorType.${row.actorType}`, { defaultValue: row.actorType })}
              </Typography.Text>
            </Flex>
          }
        >
          <ChangesTable before={row.beforeJson} after={row.afterJson} />
        </Card>
      ))}
    </Flex>
  );
}
