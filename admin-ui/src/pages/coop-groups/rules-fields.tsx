import { Card, Col, Form, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEFAULT_GROUP_RULES } from '../../../../definitions/coop/rules.js';
import { DurationInput } from '../../coop/duration';
import { DecimalInput } from '../../coop/money-input';
import { basisPointsToPercent, centsToDecimal, decimalToCents, percentToBasisPoints } from '../../coop/money';
import type { GroupRules } from '../../coop/types';

/** Form fields keep the API's units (cents, basis points); the inputs show euros and percentages. */
export const euroField = {
  getValueProps: (cents: unknown) => ({ value: typeof cents === 'number' ? centsToDecimal(cents) : cents }),
  normalize: (euros: string | null) => decimalToCents(euros),
};
export const percentField = {
  getValueProps: (bp: unknown) => ({ value: typeof bp === 'number' ? basisPointsToPercent(bp) : bp }),
  normalize: (percent: string | null) => percentToBasisPoints(percent),
};

export interface GroupFormValues {
  name: string;
  city: string;
  description?: string | null;
  indexationOn?: boolean;
  rules: Omit<GroupRules, 'penalty'> & {
    /** Both kinds' inputs in one form value; only the chosen kind's are sent. */
    penalty: {
      kind: 'NONE' | 'FIXED' | 'PERCENT';
      amount?: number;
      rateBp?: number;
      every: string;
      maxPeriods: number;
    } | null;
  };
  version?: number;
}

/** The API's group → form values (penalty "NONE" and the indexation switch are form-only). */
export function formValuesOf(rules: GroupRules = DEFAULT_GROUP_RULES as GroupRules) {
  return {
    indexationOn: rules.indexation !== null,
    rules: {
      ...rules,
      indexation: rules.indexation ?? { rateBp: 100, every: 'P1Y' },
      penalty: rules.penalty ?? { kind: 'NONE' as const, every: 'P1M', maxPeriods: 12 },
    },
  };
}

/** Form values → the API body: whole rules, only the fields of the chosen penalty kind. */
export function bodyOf(values: GroupFormValues): Record<string, unknown> {
  const { indexationOn, rules, ...rest } = values;
  const p = rules.penalty;
  const penalty =
    !p || p.kind === 'NONE'
      ? null
      : p.kind === 'FIXED'
        ? { kind: 'FIXED', amount: p.amount, every: p.every, maxPeriods: p.maxPeriods }
        : { kind: 'PERCENT', rateBp: p.rateBp, every: p.every, maxPeriods: p.maxPeriods };
  return {
    ...rest,
    description: rest.description?.trim() ? rest.description : null,
    rules: {
      allocation: {
        order: 'FIFO',
        usePreferences: rules.allocation.usePreferences ?? false,
        cutOffDay: rules.allocation.cutOffDay ?? null,
      },
      indexation: indexationOn ? rules.indexation : null,
      penalty,
      grace: rules.grace,
      callAhead: rules.callAhead,
      reminderBefore: rules.reminderBefore ?? null,
    },
  };
}

const col = (span: number, node: React.ReactNode) => (
  <Col xs={24} md={span}>
    {node}
  </Col>
);

/** The rules editor: FIFO allocation, indexation, late penalty, grace period, calls and cut-off day. */
export function RulesFields() {
  const { t } = useTranslation('coop');
  const indexationOn = Form.useWatch<boolean | undefined>('indexationOn');
  const penaltyKind = Form.useWatch<string | undefined>(['rules', 'penalty', 'kind']);
  const required = { required: true, message: t('group.required') };
  const num = { style: { width: '100%' } };
  return (
    <Card size="small" title={t('rules.title')} data-testid="rules-editor">
      <Row gutter={16}>
        {col(
          8,
          <Form.Item label={t('rules.order')}>
            <Typography.Text>{t('rules.fifo')}</Typography.Text>
          </Form.Item>,
        )}
        {col(
          8,
          <Form.Item
            name={['rules', 'allocation', 'usePreferences']}
            label={t('rules.usePreferences')}
            valuePropName="checked"
          >
            <Switch id="usePreferences" />
          </Form.Item>,
        )}
        {col(
          8,
          <Form.Item
            name={['rules', 'allocation', 'cutOffDay']}
            label={t('rules.cutOffDay')}
            extra={t('rules.cutOffDayHint')}
          >
            <InputNumber id="cutOffDay" min={1} max={28} precision={0} {...num} />
          </Form.Item>,
        )}
        {col(
          8,
          <Form.Item name="indexationOn" label={t('rules.indexationOn')} valuePropName="checked">
            <Switch id="indexationOn" />
          </Form.Item>,
        )}
        {col(
          8,
          <Form.Item
            name={['rules', 'indexation', 'rateBp']}
            label={t('rules.rate')}
            rules={indexationOn ? [required] : []}
            {...percentField}
          >
            <DecimalInput
              id="indexationRate"
              min="0"
              max="100"
              step="0.1"
              suffix="%"
              disabled={!indexationOn}
            />
          </Form.Item>,
        )}
        {col(
          8,
          <Form.Item name={['rules', 'indexation', 'every']} label={t('rules.every')}>
            <DurationInput id="indexationEvery" units={['M', 'Y']} disabled={!indexationOn} />
          </Form.Item>,
        )}
        {col(
          8,
          <Form.Item name={['rules', 'penalty', 'kind']} label={t('rules.penaltyKind')}>
            <Select
              id="penaltyKind"
              options={(['NONE', 'FIXED', 'PERCENT'] as const).map((k) => ({
                value: k,
                label: t(`rules.penaltyKinds.${k}`),
              }))}
            />
          </Form.Item>,
        )}
        {penaltyKind === 'FIXED'
          ? col(
              8,
              <Form.Item
                name={['rules', 'penalty', 'amount']}
                label={t('rules.penaltyAmount')}
                rules={[required]}
                {...euroField}
              >
                <DecimalInput id="penaltyAmount" min="0.01" step="1" />
              </Form.Item>,
            )
          : null}
        {penaltyKind === 'PERCENT'
          ? col(
              8,
              <Form.Item
                name={['rules', 'penalty', 'rateBp']}
                label={t('rules.penaltyRate')}
                rules={[required]}
                {...percentField}
              >
                <DecimalInput id="penaltyRate" min="0.01" max="100" step="0.5" suffix="%" />
              </Form.Item>,
            )
          : null}
        {penaltyKind && penaltyKind !== 'NONE' ? (
          <>
            {col(
              8,
              <Form.Item name={['rules', 'penalty', 'every']} label={t('rules.every')} rules={[required]}>
                <DurationInput id="penaltyEvery" />
              </Form.Item>,
            )}
            {col(
              8,
              <Form.Item
                name={['rules', 'penalty', 'maxPeriods']}
                label={t('rules.maxPeriods')}
                rules={[required]}
              >
                <InputNumber id="penaltyMax" min={1} max={1000} precision={0} {...num} />
              </Form.Item>,
            )}
          </>
        ) : null}
        {col(
          8,
          <Form.Item name={['rules', 'grace']} label={t('rules.grace')} rules={[required]}>
            <DurationInput id="grace" units={['D', 'W']} />
          </Form.Item>,
        )}
        {col(
          8,
          <Form.Item
            name={['rules', 'callAhead']}
            label={t('rules.callAhead')}
            extra={t('rules.callAheadSuffix')}
            rules={[required]}
          >
            <DurationInput id="callAhead" units={['D', 'W']} />
          </Form.Item>,
        )}
        {col(
          8,
          <Form.Item
            name={['rules', 'reminderBefore']}
            label={t('rules.reminderBefore')}
            extra={t('rules.callAheadSuffix')}
          >
            <DurationInput id="reminderBefore" units={['D', 'W']} />
          </Form.Item>,
        )}
      </Row>
    </Card>
  );
}
