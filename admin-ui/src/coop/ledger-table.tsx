import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../components/format';
import { ledgerText } from './event-text';
import { formatCents } from './money';
import { SignedAmount } from './tags';
import type { LedgerEntry } from './types';

/** Ledger entries in chain order with the member's running balance (shared by responsibles and members). */
export function LedgerTable({
  entries,
  loading,
  memberName,
}: {
  entries: LedgerEntry[];
  loading: boolean;
  /** Shown as a column when the entries are several members'. */
  memberName?: (id: string) => string;
}) {
  const { t } = useTranslation('coop');
  return (
    <Table<LedgerEntry>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={entries}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      data-testid="ledger-table"
      scroll={{ x: 1000 }}
      locale={{ emptyText: t('ledger.empty') }}
      columns={[
        { dataIndex: 'seq', title: t('ledger.seq'), width: 60 },
        {
          dataIndex: 'effectiveAt',
          title: t('ledger.effectiveAt'),
          render: (v: string) => formatDateTime(v),
        },
        ...(memberName
          ? [{ dataIndex: 'memberId', title: t('ledger.member'), render: (id: string) => memberName(id) }]
          : []),
        {
          dataIndex: 'kind',
          title: t('ledger.kind'),
          render: (k: string, e: LedgerEntry) => (
            <span data-kind={k}>
              {t(`ledger.kinds.${k}`, k)}
              {e.description ? (
                <Typography.Text
                  type="secondary"
                  style={{ display: 'block', fontSize: 12 }}
                  title={e.description}
                >
                  {ledgerText(e.description)}
                </Typography.Text>
              ) : null}
            </span>
          ),
        },
        {
          dataIndex: 'amount',
          title: t('ledger.amount'),
          align: 'right',
          render: (v: number) => <SignedAmount cents={v} text={formatCents(v)} />,
        },
        {
          dataIndex: 'balanceAfter',
          title: t('ledger.balance'),
          align: 'right',
          render: (v: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatCents(v)}</span>,
        },
        {
          dataIndex: 'hash',
          title: t('ledger.hash'),
          render: (h: string) => (
            <Typography.Text code copyable={{ text: h }} style={{ fontSize: 11 }}>
              {h.slice(0, 10)}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
