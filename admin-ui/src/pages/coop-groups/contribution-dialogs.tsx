import { DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { FormModal } from '../../coop/form-modal';
import { formatCents } from '../../coop/money';
import { PAYMENT_METHODS, type Contribution, type PaymentMethod } from '../../coop/types';

export type Decision = 'confirm' | 'reject' | 'waive' | 'reverse';

interface DecisionValues {
  method?: PaymentMethod;
  paidAt?: Dayjs;
  reason?: string;
}

/** POST /contributions/{id}/{decision}; a double click or a retry is the same decision, never a second ledger entry. */
function decide(decision: Decision, line: Contribution, v: DecisionValues) {
  const params = {
    path: { id: line.id },
    header: { 'idempotency-key': `${decision}-${line.id}-${line.version}` },
  };
  const reason = { params, body: { reason: v.reason?.trim() ?? '' } };
  switch (decision) {
    case 'confirm':
      return ok(
        api.POST('/api/v1/coop/contributions/{id}/confirm', {
          params,
          body: { method: v.method, ...(v.paidAt ? { paidAt: v.paidAt.toISOString() } : {}) },
        }),
      );
    case 'reject':
      return ok(api.POST('/api/v1/coop/contributions/{id}/reject', reason));
    case 'waive':
      return ok(api.POST('/api/v1/coop/contributions/{id}/waive', reason));
    case 'reverse':
      return ok(api.POST('/api/v1/coop/contributions/{id}/reverse', reason));
  }
}

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
    <FormModal<DecisionValues>
      title={title}
      okText={okText}
      success={done}
      failure={t('contribution.failed')}
      onClose={onClose}
      testId={`decision-${decision}`}
      initialValues={{ method: 'BANK_TRANSFER', paidAt: dayjs() }}
      onSubmit={(v) => decide(decision, line, v)}
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
