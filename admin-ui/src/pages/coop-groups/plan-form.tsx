import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { DurationInput } from '../../coop/duration';
import { FormModal } from '../../coop/form-modal';
import { DecimalInput } from '../../coop/money-input';
import type { CoopPlan, Schedule } from '../../coop/types';
import { euroField } from './rules-fields';

interface PlanFormValues {
  name?: string;
  effectiveFrom: Dayjs;
  reason?: string;
  /** The fields of the chosen kind (each required in the form). */
  schedule:
    | { kind: 'MONTHLY'; dayOfMonth: number; firstMonth: Dayjs; count: number; amount: number }
    | { kind: 'INTERVAL'; start: Dayjs; every: string; count: number; amount: number };
}

function scheduleBody(s: PlanFormValues['schedule']): Schedule {
  return s.kind === 'MONTHLY'
    ? {
        kind: 'MONTHLY',
        dayOfMonth: s.dayOfMonth,
        firstMonth: s.firstMonth.format('YYYY-MM'),
        count: s.count,
        amount: s.amount,
      }
    : { kind: 'INTERVAL', start: s.start.toISOString(), every: s.every, count: s.count, amount: s.amount };
}

/** A new plan (version 1) or a new version of `plan`, effective from a date; the formula is the group's rules. */
export function PlanVersionModal({
  groupId,
  plan,
  onClose,
}: {
  groupId: string;
  plan?: CoopPlan;
  onClose: () => void;
}) {
  const { t } = useTranslation('coop');
  const required = { required: true, message: t('group.required') };
  const num = { style: { width: '100%' } };
  const next = dayjs().add(1, 'month').startOf('month');
  return (
    <FormModal<PlanFormValues>
      title={plan ? `${t('plan.newVersion')} — ${plan.name}` : t('plan.newPlan')}
      success={plan ? t('plan.createdVersion', { version: plan.currentVersion + 1 }) : t('plan.created')}
      failure={t('plan.failed')}
      width={720}
      onClose={onClose}
      testId="plan-form"
      initialValues={{
        effectiveFrom: dayjs(),
        schedule: {
          kind: 'MONTHLY',
          dayOfMonth: 5,
          firstMonth: next,
          count: 12,
          every: 'P1M',
          // Prefilled for both kinds; the amount is the user's to give.
        } as unknown as PlanFormValues['schedule'],
      }}
      onSubmit={(v) => {
        const body = {
          effectiveFrom: v.effectiveFrom.toISOString(),
          schedule: scheduleBody(v.schedule),
          reason: v.reason?.trim() || null,
        };
        return plan
          ? ok(api.POST('/api/v1/coop/plans/{id}/versions', { params: { path: { id: plan.id } }, body }))
          : ok(
              api.POST('/api/v1/coop/groups/{id}/plans', {
                params: { path: { id: groupId } },
                body: { ...body, name: v.name?.trim() ?? '' },
              }),
            );
      }}
    >
      <Typography.Paragraph type="secondary">{t('plan.versionHint')}</Typography.Paragraph>
      <Row gutter={16}>
        {plan ? null : (
          <Col span={24}>
            <Form.Item name="name" label={t('plan.name')} rules={[{ ...required, whitespace: true }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item name="effectiveFrom" label={t('plan.effectiveFrom')} rules={[required]}>
            <DatePicker id="effectiveFrom" showTime format="DD/MM/YYYY HH:mm" {...num} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['schedule', 'kind']} label={t('plan.scheduleKind')}>
            <Select
              options={(['MONTHLY', 'INTERVAL'] as const).map((k) => ({
                value: k,
                label: t(`plan.kinds.${k}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Form.Item noStyle dependencies={[['schedule', 'kind']]}>
          {({ getFieldValue }) =>
            getFieldValue(['schedule', 'kind']) === 'MONTHLY' ? (
              <>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={['schedule', 'dayOfMonth']}
                    label={t('plan.dayOfMonth')}
                    rules={[required]}
                  >
                    <InputNumber min={1} max={28} precision={0} {...num} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={['schedule', 'firstMonth']}
                    label={t('plan.firstMonth')}
                    rules={[required]}
                  >
                    <DatePicker picker="month" format="MM/YYYY" {...num} />
                  </Form.Item>
                </Col>
              </>
            ) : (
              <>
                <Col xs={24} md={12}>
                  <Form.Item name={['schedule', 'start']} label={t('plan.start')} rules={[required]}>
                    <DatePicker showTime format="DD/MM/YYYY HH:mm" {...num} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={['schedule', 'every']} label={t('rules.every')} rules={[required]}>
                    <DurationInput units={['D', 'W', 'M']} />
                  </Form.Item>
                </Col>
              </>
            )
          }
        </Form.Item>
        <Col xs={24} md={12}>
          <Form.Item name={['schedule', 'count']} label={t('plan.count')} rules={[required]}>
            <InputNumber min={1} max={600} precision={0} {...num} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['schedule', 'amount']} label={t('plan.amount')} rules={[required]} {...euroField}>
            <DecimalInput min="0.01" step="10" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="reason" label={t('plan.reason')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
