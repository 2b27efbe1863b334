import { Form, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MEMBER_MOVES as MOVES } from '../../../../definitions/coop/member.js';
import { api, ok } from '../../api/client';
import { FormModal } from '../../coop/form-modal';
import { MemberStatusTag } from '../../coop/tags';
import type { CoopMember, MemberStatus } from '../../coop/types';

/** A new member: PENDING_KYC, at the next free rank unless one is given. */
export function AddMemberModal({ groupId, onClose }: { groupId: string; onClose: () => void }) {
  const { t } = useTranslation('coop');
  const required = { required: true, whitespace: true, message: t('group.required') };
  return (
    <FormModal<{ displayName: string; email?: string; phone?: string; fifoRank?: number }>
      title={t('member.add')}
      success={t('member.added')}
      failure={t('member.failed')}
      onClose={onClose}
      testId="member-add-form"
      onSubmit={(v) =>
        ok(
          api.POST('/api/v1/coop/groups/{id}/members', {
            params: { path: { id: groupId } },
            body: {
              displayName: v.displayName.trim(),
              ...(v.email?.trim() ? { email: v.email.trim() } : {}),
              ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
              ...(v.fifoRank ? { fifoRank: v.fifoRank } : {}),
            },
          }),
        )
      }
    >
      <Form.Item name="displayName" label={t('member.name')} rules={[required]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="email" label={t('member.email')} rules={[{ type: 'email' }]}>
        <Input maxLength={254} />
      </Form.Item>
      <Form.Item name="phone" label={t('member.phone')}>
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item name="fifoRank" label={t('member.rank')}>
        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

/** Moves a member to another FIFO rank; the reason is audited and goes on the group timeline. */
export function RankModal({
  member,
  max,
  onClose,
}: {
  member: CoopMember;
  max: number;
  onClose: () => void;
}) {
  const { t } = useTranslation('coop');
  return (
    <FormModal<{ fifoRank: number; reason: string }>
      title={`${t('member.reorder')} — ${member.displayName}`}
      success={t('member.reordered')}
      failure={t('member.failed')}
      onClose={onClose}
      initialValues={{ fifoRank: member.fifoRank }}
      testId="member-rank-form"
      onSubmit={(v) =>
        ok(
          api.POST('/api/v1/coop/members/{id}/rank', {
            params: { path: { id: member.id } },
            body: { version: member.version, fifoRank: v.fifoRank, reason: v.reason.trim() },
          }),
        )
      }
    >
      <Form.Item
        name="fifoRank"
        label={t('member.newRank')}
        rules={[{ required: true, message: t('group.required') }]}
      >
        <InputNumber min={1} max={Math.max(max, 1)} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('member.reason')}
        extra={t('member.reasonHint')}
        rules={[{ required: true, whitespace: true, message: t('member.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

/** Status change (activation needs a complete KYC; every other move a reason). */
export function StatusModal({ member, onClose }: { member: CoopMember; onClose: () => void }) {
  const { t } = useTranslation('coop');
  const moves = MOVES[member.status];
  return (
    <FormModal<{ status: MemberStatus; reason?: string }>
      title={`${t('member.changeStatus')} — ${member.displayName}`}
      success={t('member.statusChanged')}
      failure={t('member.failed')}
      onClose={onClose}
      initialValues={{ status: moves[0] }}
      testId="member-status-form"
      onSubmit={(v) =>
        ok(
          api.POST('/api/v1/coop/members/{id}/status', {
            params: { path: { id: member.id } },
            body: { version: member.version, status: v.status, reason: v.reason?.trim() || null },
          }),
        )
      }
    >
      <Typography.Paragraph>
        <MemberStatusTag status={member.status} />
      </Typography.Paragraph>
      <Form.Item
        name="status"
        label={t('member.newStatus')}
        rules={[{ required: true, message: t('group.required') }]}
      >
        <Select options={moves.map((s) => ({ value: s, label: t(`memberStatus.${s}`) }))} />
      </Form.Item>
      <Form.Item noStyle dependencies={['status']}>
        {({ getFieldValue }) => (
          <Form.Item
            name="reason"
            label={t('member.reason')}
            extra={t('member.reasonHint')}
            rules={
              getFieldValue('status') === 'ACTIVE'
                ? []
                : [{ required: true, whitespace: true, message: t('member.reasonRequired') }]
            }
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </Form.Item>
    </FormModal>
  );
}
