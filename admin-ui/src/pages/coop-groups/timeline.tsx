import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDictionary } from '../../components/dictionary';
import { formatDateTime } from '../../components/format';
import { api, ok } from '../../api/client';
import { useCoopMembers } from '../../coop/api';
import { eventText } from '../../coop/event-text';

const PAGE = 50;

/** "CONTRIBUTION_CONFIRM" → its label; notices and unknown kinds fall back to a family label. */
function kindLabel(t: (k: string, o?: Record<string, unknown>) => string, kind: string): string {
  const family = kind.startsWith('NOTICE_') ? 'NOTICE' : kind;
  return t(`timeline.kinds.${family}`, { defaultValue: t('timeline.kinds.OTHER') });
}

const COLORS: Record<string, string> = {
  CONTRIBUTION_CONFIRM: 'green',
  CONTRIBUTION_REJECT: 'red',
  CONTRIBUTION_LATE: 'red',
  CONTRIBUTION_WAIVE: 'purple',
  STATUS_CHANGED: 'blue',
  RANK_CHANGED: 'orange',
  ALLOCATION_PROPOSED: 'cyan',
  ALLOCATION_APPROVE: 'green',
  MILESTONE_REACHED: 'green',
};

/** The group timeline, newest first: proofs, decisions, rank and status changes, milestones, allocations. */
export function GroupTimeline({ groupId }: { groupId: string }) {
  const { t } = useTranslation('coop');
  const events = useInfiniteQuery({
    queryKey: ['coop', 'timeline', groupId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      ok(
        api.GET('/api/v1/coop/groups/{id}/timeline', {
          params: {
            path: { id: groupId },
            query: { pageSize: PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = events.data?.pages.flatMap((p) => p.data) ?? [];
  const members = useCoopMembers(groupId);
  const names = new Map((members.data?.data ?? []).map((m) => [m.id, m.displayName]));
  const statuses = useDictionary('CASE_STATUS');
  if (events.isLoading) return <Spin style={{ display: 'block', margin: 32 }} />;
  if (!rows.length) return <Empty description={t('timeline.empty')} />;
  return (
    <Flex vertical data-testid="group-timeline">
      <Timeline
        items={rows.map((e) => ({
          key: e.id,
          color: COLORS[e.kind] ?? 'gray',
          children: (
            <Flex vertical gap={2}>
              <span>
                <Tag color={COLORS[e.kind]}>{kindLabel(t, e.kind)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.occurredAt)}
                </Typography.Text>
              </span>
              <Typography.Text title={e.title}>
                {eventText(e, e.memberId ? names.get(e.memberId) : null, statuses.label)}
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
      {events.hasNextPage ? (
        <Button onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
          {t('timeline.more')}
        </Button>
      ) : null}
    </Flex>
  );
}
