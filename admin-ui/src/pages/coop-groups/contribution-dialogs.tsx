import { DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { coopCall } from '../../coop/api';
import { FormModal } from '../../coop/form-modal';
import { formatCents } from '../../coop/money';
import { PAYMENT_METHODS, type Contribution } from '../../coop/types';

export type Decision = 'confirm' | 'reject' | 'waive' | 'reverse';

/** What a decision on a line needs: the payment method and date, or a reason (audited, on the ledger). */
export function DecisionModal({
  decision,
  line,
  memberName,
  onClose,
}: {
  decision: Decision;
  line: Contribution;
  memberName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('coop');
  const owed = line.amountDue + line.penaltyTotal - line.waivedAmount;
  const title = {
    confirm: t('contribution.confirmTitle', { name: memberName, amount: formatCents(owed) }),
    reject: t('contribution.rejectTitle', { name: memberName }),
    waive: t('contribution.waiveTitle', {
      name: memberName,
      seq: line.seq,
      amount: formatCents(line.outstanding),
    }),
    reverse: t('contribution.reverseTitle', { name: memberName, seq: line.seq }),
  }[decision];
  const done = {
    confirm: t('contribution.confirmed'),
    reject: t('contribution.rejected'),
    waive: t('contribution.waived'),
    reverse: t('contribution.reversed'),
  }[decision];
  const okText = {
    confirm: t('contribution.confirm'),
    reject: t('contribution.reject'),
    waive: t('contribution.waive'),
    reverse: t('contribution.reverse'),
  }[decision];
  return (
    <FormModal<{ method?: string; paidAt?: Dayjs; reason?: string }>
      title={title}
      okText={okText}
      success={done}
      failure={t('contribution.failed')}
      onClose={onClose}
      testId={`decision-${decision}`}
      initialValues={{ method: 'BANK_TRANSFER', paidAt: dayjs() }}
      onSubmit={(v) =>
        coopCall(
          'POST',
          `/contributions/${line.id}/${decision}`,
          decision === 'confirm'
            ? { method: v.method, ...(v.paidAt ? { paidAt: v.paidAt.toISOString() } : {}) }
            : { reason: v.reason?.trim() },
          // A double click or a retry is the same decision, never a second ledger entry.
          { 'Idempotency-Key': `${decision}-${line.id}-${line.version}` },
        )
      }
    >
      {decision === 'confirm' ? (
        <>
          <Form.Item name="method" label={t('contribution.method')}>
            <Select options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} />
          </Form.Item>
          <Form.Item name="paidAt" label={t('contribution.paidAtLabel')}>
            <DatePicker
              showTime
              format="DD/MM/YYYY HH:mm"
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs())}
            />
          </Form.Item>
        </>
      ) : (
        <>
          {decision === 'waive' || decision === 'reverse' ? (
            <Typography.Paragraph type="secondary">{t(`contribution.${decision}Hint`)}</Typography.Paragraph>
          ) : null}
          <Form.Item
            name="reason"
            label={t('contribution.reason')}
            rules={[{ required: true, whitespace: true, message: t('contribution.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
