import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n';
import { formatCents } from './money';
import { AllocationStatusTag } from './tags';
import type { AllocationLine } from './types';

/** Why a member got nothing, in the UI language (the API's reason code, amount and member status). */
export function skipReason(line: AllocationLine, memberStatus?: string): string {
  const t = (k: string, o?: Record<string, unknown>) => i18n.t(`coop:${k}`, o);
  const status = /status is (\w+)/.exec(line.detail ?? '')?.[1] ?? memberStatus;
  switch (line.reason) {
    case 'NOT_ACTIVE':
      return t('allocation.reasons.NOT_ACTIVE', {
        status: status ? t(`memberStatus.${status}`, { defaultValue: status }) : '—',
      });
    case 'NOT_UP_TO_DATE':
      return t('allocation.reasons.NOT_UP_TO_DATE', { amount: formatCents(line.outstandingCents) });
    case 'ALREADY_ALLOCATED':
    case 'PREFERRED_LOTS_TAKEN':
    case 'NO_LOT_LEFT':
      return t(`allocation.reasons.${line.reason}`);
    default:
      return line.detail ?? line.reason ?? '—';
  }
}

/** One line per member in FIFO order: the lot they get, or why they were skipped. */
export function AllocationLines({
  lines,
  memberStatus,
}: {
  lines: AllocationLine[];
  memberStatus?: (memberId: string) => string | undefined;
}) {
  const { t } = useTranslation('coop');
  return (
    <Table<AllocationLine>
      size="small"
      rowKey="memberId"
      pagination={false}
      dataSource={lines}
      data-testid="allocation-lines"
      onRow={(l) =>
        ({ 'data-status': l.status, 'data-member': l.displayName ?? '' }) as React.HTMLAttributes<HTMLElement>
      }
      columns={[
        { dataIndex: 'fifoRank', title: t('allocation.rank'), width: 70 },
        { dataIndex: 'displayName', title: t('allocation.member'), render: (n: string | null) => n ?? '—' },
        {
          dataIndex: 'status',
          title: t('allocation.result'),
          render: (s: string, l) => (
            <span>
              {l.lotCode ? (
                <Tag color="geekblue" style={{ fontWeight: 600 }}>
                  {t('allocation.lot')} {l.lotCode}
                </Tag>
              ) : null}
              <AllocationStatusTag status={s} />
            </span>
          ),
        },
        {
          key: 'why',
          title: t('allocation.why'),
          render: (_: unknown, l) =>
            l.status === 'SKIPPED' ? (
              <Typography.Text type="warning" data-testid="skip-reason" data-reason={l.reason ?? ''}>
                {skipReason(l, memberStatus?.(l.memberId))}
              </Typography.Text>
            ) : l.status === 'CANCELLED' && l.reason ? (
              <Typography.Text type="secondary">
                {t('allocation.cancelledBecause', { reason: l.reason })}
              </Typography.Text>
            ) : (
              <Typography.Text type="success">{t('allocation.gets', { lot: l.lotCode })}</Typography.Text>
            ),
        },
      ]}
    />
  );
}
