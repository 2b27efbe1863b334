import { Button, Flex, Segmented, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format';
import { CONTRIBUTION_STATUSES, isSettled } from '../../../../definitions/coop/contribution.js';
import { api } from '../../api/client';
import { useCoopMembers, useCoopQuery } from '../../coop/api';
import { DocumentById } from '../../coop/documents';
import { formatCents } from '../../coop/money';
import { ContributionStatusTag } from '../../coop/tags';
import type { Contribution, ContributionStatus } from '../../coop/types';
import { DecisionModal, type Decision } from './contribution-dialogs';

const UNSETTLED = CONTRIBUTION_STATUSES.filter((s) => !isSettled(s));
const FILTERS: Record<'toReview' | 'open' | 'all', readonly ContributionStatus[]> = {
  toReview: ['PROOF_SUBMITTED'],
  open: UNSETTLED,
  all: [],
};
type Filter = keyof typeof FILTERS;

const OPEN = new Set<string>(UNSETTLED);

/** The review queue: called lines with their proof; the responsible confirms, rejects or waives. */
export function ContributionsTab({ groupId }: { groupId: string }) {
  const { t } = useTranslation('coop');
  const [filter, setFilter] = useState<Filter>('toReview');
  const [open, setOpen] = useState<{ decision: Decision; line: Contribution } | null>(null);
  const status = FILTERS[filter];
  const lines = useCoopQuery(['contributions', groupId, status], () =>
    api.GET('/api/v1/coop/groups/{id}/contributions', {
      params: { path: { id: groupId }, query: status.length ? { status: [...status] } : {} },
    }),
  );
  const members = useCoopMembers(groupId);
  const byId = new Map((members.data?.data ?? []).map((m) => [m.id, m]));
  const name = (id: string) => byId.get(id)?.displayName ?? '—';
  const act = (decision: Decision, line: Contribution) => setOpen({ decision, line });

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          data-testid="contribution-filter"
          options={(Object.keys(FILTERS) as Filter[]).map((f) => ({
            value: f,
            label: t(`contribution.${f}`),
          }))}
        />
      </Flex>
      <Table<Contribution>
        size="small"
        rowKey="id"
        loading={lines.isLoading}
        dataSource={[...(lines.data?.data ?? [])].sort(
          (a, b) =>
            a.dueAt.localeCompare(b.dueAt) ||
            (byId.get(a.memberId)?.fifoRank ?? 0) - (byId.get(b.memberId)?.fifoRank ?? 0),
        )}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="contribution-table"
        scroll={{ x: 1100 }}
        locale={{ emptyText: filter === 'toReview' ? t('contribution.empty') : t('contribution.emptyAll') }}
        onRow={(c) => ({ 'data-member': name(c.memberId) }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'member',
            title: t('contribution.member'),
            render: (_: unknown, c) => (
              <span>
                <Typography.Text type="secondary">#{byId.get(c.memberId)?.fifoRank ?? '?'} </Typography.Text>
                {name(c.memberId)}
              </span>
            ),
          },
          {
            dataIndex: 'seq',
            title: t('contribution.seq'),
            render: (s: number) => t('contribution.seqN', { seq: s }),
          },
          { dataIndex: 'dueAt', title: t('contribution.dueAt'), render: (v: string) => formatDate(v) },
          {
            dataIndex: 'amountDue',
            title: t('contribution.amount'),
            align: 'right',
            render: (v: number, c) => (
              <Flex vertical align="flex-end">
                <span>{formatCents(v)}</span>
                {c.penaltyTotal ? (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    + {formatCents(c.penaltyTotal)} {t('contribution.penalties').toLowerCase()}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            dataIndex: 'outstanding',
            title: t('contribution.outstanding'),
            align: 'right',
            render: (v: number) => formatCents(v),
          },
          {
            dataIndex: 'status',
            title: t('contribution.status'),
            render: (s: string, c) => (
              <Flex vertical gap={2} data-testid="contribution-status">
                <span>
                  <ContributionStatusTag status={s} />
                </span>
                {c.rejectionReason && s !== 'CONFIRMED' && s !== 'WAIVED' ? (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {t('contribution.rejectedBecause', { reason: c.rejectionReason })}
                  </Typography.Text>
                ) : null}
                {c.waiverReason ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('contribution.waivedBecause', { reason: c.waiverReason })}
                  </Typography.Text>
                ) : null}
                {c.paidAt && s === 'CONFIRMED' ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('contribution.paidOn', { date: formatDate(c.paidAt) })}
                    {c.method ? ` · ${t(`method.${c.method}`)}` : ''}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            dataIndex: 'proofDocumentId',
            title: t('contribution.proof'),
            render: (id: string | null) =>
              id ? (
                <DocumentById id={id} />
              ) : (
                <Typography.Text type="secondary">{t('contribution.noProof')}</Typography.Text>
              ),
          },
          {
            key: 'actions',
            title: t('contribution.actions'),
            render: (_: unknown, c) => (
              <Flex gap={4} wrap>
                {OPEN.has(c.status) ? (
                  <Button
                    size="small"
                    type="primary"
                    data-testid="contribution-confirm"
                    onClick={() => act('confirm', c)}
                  >
                    {t('contribution.confirm')}
                  </Button>
                ) : null}
                {c.status === 'PROOF_SUBMITTED' ? (
                  <Button
                    size="small"
                    danger
                    data-testid="contribution-reject"
                    onClick={() => act('reject', c)}
                  >
                    {t('contribution.reject')}
                  </Button>
                ) : null}
                {OPEN.has(c.status) ? (
                  <Button size="small" onClick={() => act('waive', c)}>
                    {t('contribution.waive')}
                  </Button>
                ) : null}
                {c.status === 'CONFIRMED' ? (
                  <Button size="small" onClick={() => act('reverse', c)}>
                    {t('contribution.reverse')}
                  </Button>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
      {open ? (
        <DecisionModal
          decision={open.decision}
          line={open.line}
          memberName={name(open.line.memberId)}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </>
  );
}
