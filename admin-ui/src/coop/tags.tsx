import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDictionary } from '../components/dictionary';

const GROUP_COLORS: Record<string, string> = {
  FORMATION: 'default',
  KYC_READY: 'cyan',
  FUNDING_OPEN: 'green',
  ALLOCATION: 'purple',
  DELIVERY: 'gold',
  CLOSED: 'default',
  DISSOLVED: 'red',
};

/** A group status (COOP_GROUP workflow, labels from the CASE_STATUS dictionary). */
export function GroupStatusTag({ code }: { code: string }) {
  const { label } = useDictionary('CASE_STATUS');
  return (
    <Tag color={GROUP_COLORS[code] ?? 'blue'} data-status={code}>
      {label(code)}
    </Tag>
  );
}

const MEMBER_COLORS: Record<string, string> = {
  PENDING_KYC: 'orange',
  ACTIVE: 'green',
  SUSPENDED: 'red',
  EXITED: 'default',
  EXCLUDED: 'volcano',
};

export function MemberStatusTag({ status }: { status: string }) {
  const { t } = useTranslation('coop');
  return (
    <Tag color={MEMBER_COLORS[status] ?? 'default'} data-status={status}>
      {t(`memberStatus.${status}`, status)}
    </Tag>
  );
}

const CONTRIBUTION_COLORS: Record<string, string> = {
  SCHEDULED: 'default',
  PENDING: 'blue',
  PROOF_SUBMITTED: 'gold',
  REJECTED: 'red',
  LATE: 'volcano',
  CONFIRMED: 'green',
  WAIVED: 'purple',
};

export function ContributionStatusTag({ status }: { status: string }) {
  const { t } = useTranslation('coop');
  return (
    <Tag color={CONTRIBUTION_COLORS[status] ?? 'default'} data-status={status}>
      {t(`contributionStatus.${status}`, status)}
    </Tag>
  );
}

const RUN_COLORS: Record<string, string> = {
  PROPOSED: 'blue',
  APPROVED: 'cyan',
  ASSIGNED: 'green',
  SIGNED: 'purple',
  CANCELLED: 'default',
  SKIPPED: 'orange',
};

/** An allocation run's or line's status (SKIPPED for a member left out). */
export function AllocationStatusTag({ status }: { status: string }) {
  const { t } = useTranslation('coop');
  return (
    <Tag color={RUN_COLORS[status] ?? 'default'} data-status={status}>
      {t(`allocation.statuses.${status}`, status)}
    </Tag>
  );
}

const LOT_COLORS: Record<string, string> = {
  AVAILABLE: 'green',
  RESERVED: 'gold',
  ASSIGNED: 'blue',
  DELIVERED: 'purple',
};

export function LotStatusTag({ status }: { status: string }) {
  const { t } = useTranslation('coop');
  return (
    <Tag color={LOT_COLORS[status] ?? 'default'} data-status={status}>
      {t(`lot.statuses.${status}`, status)}
    </Tag>
  );
}

/** Signed cents: what adds to the debt in red, what reduces it in green. */
export function SignedAmount({ cents, text }: { cents: number; text: string }) {
  const color = cents > 0 ? '#cf1322' : cents < 0 ? '#389e0d' : undefined;
  return <span style={{ color, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{text}</span>;
}
