import { useInfiniteQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DatePicker,
  Empty,
  Flex,
  Form,
  Select,
  Spin,
  Tag,
  Timeline as AntTimeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage, request } from '../providers/http';
import { DeliveryStatus } from '../engagement/delivery-status';
import { ReasonLabel, useDictionary } from './dictionary';
import { formatDateTime } from './format';
import { timelineText, type EventLabels } from './timeline-text';
import { UserName, useUsers } from './users';

export interface TimelineEvent {
  id: string;
  kind: string;
  channel: string | null;
  direction: string | null;
  authorId: string | null;
  title: string;
  code?: string;
  params?: Record<string, string | number | boolean | null>;
  body: string | null;
  payload: Record<string, unknown> | null;
  occurredAt: string;
}

interface TimelinePage {
  data: TimelineEvent[];
  total: number;
  nextCursor?: string | null;
}

type FilterName = 'kind' | 'channel' | 'direction' | 'authorId' | 'from' | 'to';

/**
 * Where a timeline comes from. `cursor` feeds page with `nextCursor`; `page` feeds with page numbers.
 * Filters the endpoint does not take are applied to the loaded rows instead.
 */
export interface TimelineSource {
  url: string;
  mode: 'cursor' | 'page';
  serverFilters: readonly FilterName[];
}

interface Filters {
  kind?: string[];
  channel?: string[];
  direction?: string[];
  authorId?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

const KINDS = [
  'ACTIVITY',
  'NOTE',
  'MESSAGE',
  'STATUS_CHANGE',
  'TASK_COMPLETED',
  'CREATED',
  'REMINDER',
  'ASSIGNMENT',
  'ROLE_CHANGE',
  'MESSAGE_STATUS',
  'CONSENT',
  'APPOINTMENT',
  'PARTY',
  'SHORTLIST',
  'MATCHING',
  'ESCALATION',
  'AUTOMATION',
];
const CHANNELS = ['EMAIL', 'SMS', 'PHONE', 'WHATSAPP'];
const DIRECTIONS = ['INBOUND', 'OUTBOUND', 'INTERNAL'];
const PAGE_SIZE = 20;
const KIND_COLOR: Record<string, string> = {
  STATUS_CHANGE: 'blue',
  ACTIVITY: 'green',
  NOTE: 'gray',
  MESSAGE: 'purple',
  TASK_COMPLETED: 'cyan',
  CREATED: 'gold',
  MESSAGE_STATUS: 'purple',
  CONSENT: 'magenta',
  APPOINTMENT: 'geekblue',
};

function toParams(source: TimelineSource, f: Filters, pageParam: string | number | null): URLSearchParams {
  const p = new URLSearchParams({ pageSize: String(PAGE_SIZE) });
  if (source.mode === 'cursor' && typeof pageParam === 'string') p.set('cursor', pageParam);
  if (source.mode === 'page') p.set('page', String(pageParam ?? 1));
  const server = new Set(source.serverFilters);
  for (const name of ['kind', 'channel', 'direction'] as const)
    if (server.has(name)) for (const v of f[name] ?? []) p.append(name, v);
  if (server.has('authorId') && f.authorId) p.set('authorId', f.authorId);
  const [from, to] = f.period ?? [null, null];
  if (server.has('from') && from) p.set('from', from.startOf('day').toISOString());
  if (server.has('to') && to) p.set('to', to.add(1, 'day').startOf('day').toISOString());
  return p;
}

/** Filters the endpoint could not apply, applied to the rows already loaded. */
function localMatch(source: TimelineSource, f: Filters, e: TimelineEvent): boolean {
  const server = new Set(source.serverFilters);
  if (!server.has('channel') && f.channel?.length && !f.channel.includes(e.channel ?? '')) return false;
  if (!server.has('direction') && f.direction?.length && !f.direction.includes(e.direction ?? ''))
    return false;
  if (!server.has('authorId') && f.authorId && e.authorId !== f.authorId) return false;
  return true;
}

/** A timeline with filters (kind, channel, direction, author, period) and infinite scroll. */
export function Timeline({ source }: { source: TimelineSource }) {
  const { t } = useTranslation('agent');
  const users = useUsers();
  const statuses = useDictionary('CASE_STATUS');
  const activityTypes = useDictionary('ACTIVITY_TYPE');
  const partyRoles = useDictionary('PARTY_ROLE');
  const contactRoles = useDictionary('CONTACT_ROLE');
  const labels: EventLabels = {
    status: statuses.label,
    activityType: activityTypes.label,
    partyRole: partyRoles.label,
    contactRole: contactRoles.label,
    userName: (id) => users.nameOf(id),
  };
  const [filters, setFilters] = useState<Filters>({});
  const sentinel = useRef<HTMLDivElement>(null);
  const feed = useInfiniteQuery<
    TimelinePage,
    Error,
    { pages: TimelinePage[] },
    unknown[],
    string | number | null
  >({
    queryKey: ['timeline', source.url, filters],
    initialPageParam: source.mode === 'page' ? 1 : null,
    queryFn: ({ pageParam }) =>
      request<TimelinePage>(`${source.url}?${toParams(source, filters, pageParam).toString()}`),
    getNextPageParam: (last, pages): string | number | null | undefined => {
      if (source.mode === 'cursor') return last.nextCursor ?? undefined;
      const loaded = pages.reduce((n, p) => n + p.data.length, 0);
      return loaded < last.total ? pages.length + 1 : undefined;
    },
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = feed;

  useEffect(() => {
    const node = sentinel.current;
    if (!node || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && hasNextPage && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const events = (feed.data?.pages.flatMap((p) => p.data) ?? []).filter((e) =>
    localMatch(source, filters, e),
  );
  const opt = (values: string[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`, { defaultValue: v }) }));

  return (
    <div data-testid="timeline">
      <Form<Filters>
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onValuesChange={(_, all) => setFilters(all)}
      >
        <Form.Item name="kind" label={t('timeline.kind')}>
          <Select
            mode="multiple"
            allowClear
            options={opt(KINDS, 'timeline.kinds')}
            style={{ minWidth: 160 }}
            maxTagCount={2}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('timeline.channel')}>
          <Select
            mode="multiple"
            allowClear
            options={opt(CHANNELS, 'timeline.channels')}
            style={{ minWidth: 140 }}
            maxTagCount={2}
          />
        </Form.Item>
        <Form.Item name="direction" label={t('timeline.direction')}>
          <Select
            mode="multiple"
            allowClear
            options={opt(DIRECTIONS, 'timeline.directions')}
            style={{ minWidth: 140 }}
            maxTagCount={2}
          />
        </Form.Item>
        <Form.Item name="authorId" label={t('timeline.author')}>
          <Select allowClear options={users.options} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="period" label={t('filters.period')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
      </Form>
      {feed.isError ? <Alert type="error" showIcon message={errorMessage(feed.error)} /> : null}
      {feed.isLoading ? <Spin /> : null}
      {!feed.isLoading && events.length === 0 ? <Empty description={t('timeline.empty')} /> : null}
      <AntTimeline
        items={events.map((e) => ({
          key: e.id,
          color: KIND_COLOR[e.kind] ?? 'gray',
          children: (
            <div data-testid="timeline-item" data-kind={e.kind}>
              <Flex gap={8} wrap align="baseline">
                <Tag color={KIND_COLOR[e.kind]}>
                  {t(`timeline.kinds.${e.kind}`, { defaultValue: e.kind })}
                </Tag>
                <Typography.Text strong>
                  {e.kind === 'APPOINTMENT' && typeof e.payload?.appointmentId === 'string' ? (
                    <Link to={`/appointments/show/${e.payload.appointmentId}`}>
                      {timelineText(e, labels)}
                    </Link>
                  ) : (
                    timelineText(e, labels)
                  )}
                </Typography.Text>
                {e.channel ? (
                  <Tag>{t(`timeline.channels.${e.channel}`, { defaultValue: e.channel })}</Tag>
                ) : null}
                {e.direction ? (
                  <Tag bordered={false}>
                    {t(`timeline.directions.${e.direction}`, { defaultValue: e.direction })}
                  </Tag>
                ) : null}
                {e.kind === 'MESSAGE' &&
                e.direction === 'OUTBOUND' &&
                typeof e.payload?.messageId === 'string' ? (
                  <DeliveryStatus
                    messageId={e.payload.messageId}
                    initial={
                      typeof e.payload.deliveryStatus === 'string' ? e.payload.deliveryStatus : undefined
                    }
                  />
                ) : null}
              </Flex>
              {e.body ? (
                <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                  {e.body}
                </Typography.Paragraph>
              ) : null}
              {typeof e.payload?.reasonCode === 'string' ? (
                <Typography.Text type="secondary">
                  {t('timeline.reason')} <ReasonLabel code={e.payload.reasonCode} /> ·{' '}
                </Typography.Text>
              ) : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.occurredAt)} · <UserName id={e.authorId} />
              </Typography.Text>
            </div>
          ),
        }))}
      />
      <div ref={sentinel} />
      {hasNextPage ? (
        <Button onClick={() => void fetchNextPage()} loading={isFetchingNextPage}>
          {t('timeline.more')}
        </Button>
      ) : null}
    </div>
  );
}
