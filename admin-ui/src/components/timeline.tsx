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
import { api, ok, type Reply } from '../api/client';
import { errorMessage } from '../providers/http';
import { DeliveryStatus } from '../engagement/delivery-status';
import { ReasonLabel, useDictionary } from './dictionary';
import { formatDateTime } from './format';
import { timelineText, type EventLabels } from './timeline-text';
import { UserName, useUsers } from './users';

export type TimelinePage = Reply<'/api/v1/dossiers/{id}/timeline', 'get'>;
export type TimelineEvent = TimelinePage['data'][number];

/** Whose timeline: a dossier's, or a contact's across its dossiers (both feeds take the same filters). */
export type TimelineSubject = { dossierId: string } | { contactId: string };

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

/** The feed's query: the filters as the endpoints take them, after `cursor`. */
function feedQuery(f: Filters, cursor: string | null) {
  const [from, to] = f.period ?? [null, null];
  return {
    pageSize: PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
    ...(f.kind?.length ? { kind: f.kind } : {}),
    ...(f.channel?.length ? { channel: f.channel } : {}),
    ...(f.direction?.length ? { direction: f.direction } : {}),
    ...(f.authorId ? { authorId: f.authorId } : {}),
    ...(from ? { from: from.startOf('day').toISOString() } : {}),
    ...(to ? { to: to.add(1, 'day').startOf('day').toISOString() } : {}),
  };
}

function feedPage(subject: TimelineSubject, f: Filters, cursor: string | null) {
  const query = feedQuery(f, cursor);
  return 'dossierId' in subject
    ? ok(api.GET('/api/v1/dossiers/{id}/timeline', { params: { path: { id: subject.dossierId }, query } }))
    : ok(api.GET('/api/v1/contacts/{id}/timeline', { params: { path: { id: subject.contactId }, query } }));
}

/** The feed's cache key; the unfiltered first page of a dossier is seeded by its workspace read. */
export const timelineKey = (subject: TimelineSubject, filters: Filters = {}) => [
  'timeline',
  subject,
  filters,
];

/** A first page as the infinite query holds it. */
export const timelineFirstPage = (page: TimelinePage) => ({ pages: [page], pageParams: [null] });

/** A timeline with filters (kind, channel, direction, author, period, applied by the server) and infinite scroll. */
export function Timeline({ subject }: { subject: TimelineSubject }) {
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
  const feed = useInfiniteQuery({
    queryKey: timelineKey(subject, filters),
    initialPageParam: null as string | null,
    // Mutations invalidate ['timeline']; a page seeded by the dossier workspace is not read again at once.
    staleTime: 30_000,
    queryFn: ({ pageParam }) => feedPage(subject, filters, pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
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

  const events = feed.data?.pages.flatMap((p) => p.data) ?? [];
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
