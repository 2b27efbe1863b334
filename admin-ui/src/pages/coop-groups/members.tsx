import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoopMembers } from '../../coop/api';
import { MemberStatusTag } from '../../coop/tags';
import type { CoopMember } from '../../coop/types';
import { KycDrawer } from './kyc-drawer';
import { AddMemberModal, RankModal, StatusModal } from './member-dialogs';

type Dialog = { kind: 'kyc' | 'rank' | 'status'; member: CoopMember } | { kind: 'add' } | null;

/** Members in FIFO rank order: status, KYC progress, and the responsible's actions on each. */
export function MembersTab({ groupId }: { groupId: string }) {
  const { t } = useTranslation('coop');
  const members = useCoopMembers(groupId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const rows = members.data?.data ?? [];
  const close = () => setDialog(null);
  // The drawer follows the freshest copy of its member (KYC decisions refetch the list).
  const current =
    dialog && dialog.kind !== 'add' ? (rows.find((m) => m.id === dialog.member.id) ?? dialog.member) : null;

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add' })} data-testid="member-add">
          {t('member.add')}
        </Button>
      </Flex>
      <Table<CoopMember>
        size="small"
        rowKey="id"
        loading={members.isLoading}
        dataSource={rows}
        pagination={false}
        data-testid="member-table"
        locale={{ emptyText: t('member.empty') }}
        scroll={{ x: 900 }}
        columns={[
          {
            dataIndex: 'fifoRank',
            title: t('member.rank'),
            width: 70,
            render: (r: number) => <Typography.Text strong>{r}</Typography.Text>,
          },
          {
            dataIndex: 'displayName',
            title: t('member.name'),
            render: (name: string, m) => (
              <Flex vertical>
                <span data-testid="member-name">{name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[m.email, m.phone].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            dataIndex: 'status',
            title: t('member.status'),
            render: (s: string, m) =>
              m.statusReason ? (
                <Tooltip title={`${t('member.statusReason')} : ${m.statusReason}`}>
                  <span>
                    <MemberStatusTag status={s} />
                  </span>
                </Tooltip>
              ) : (
                <MemberStatusTag status={s} />
              ),
          },
          {
            key: 'kyc',
            title: t('member.kyc'),
            render: (_: unknown, m) => {
              const required = m.kyc.filter((i) => i.required);
              const done = required.filter((i) => i.status === 'VALIDATED').length;
              return m.kycComplete ? (
                <Tag color="green">{t('member.kycComplete')}</Tag>
              ) : (
                <Tag color="orange">{t('member.kycProgress', { done, total: required.length })}</Tag>
              );
            },
          },
          {
            key: 'actions',
            title: t('member.actions'),
            width: 260,
            render: (_: unknown, m) => (
              <Flex gap={4} wrap>
                <Button size="small" onClick={() => setDialog({ kind: 'kyc', member: m })}>
                  {t('member.kyc')}
                </Button>
                <Button size="small" onClick={() => setDialog({ kind: 'rank', member: m })}>
                  {t('member.reorder')}
                </Button>
                <Button size="small" onClick={() => setDialog({ kind: 'status', member: m })}>
                  {t('member.changeStatus')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      {dialog?.kind === 'add' ? <AddMemberModal groupId={groupId} onClose={close} /> : null}
      {dialog?.kind === 'kyc' && current ? <KycDrawer member={current} onClose={close} /> : null}
      {dialog?.kind === 'rank' && current ? (
        <RankModal member={current} max={rows.length} onClose={close} />
      ) : null}
      {dialog?.kind === 'status' && current ? <StatusModal member={current} onClose={close} /> : null}
    </>
  );
}
