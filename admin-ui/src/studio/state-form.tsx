import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, Modal, Row, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DurationInput, durationRule, type Unit } from '../components/duration-input';
import { compact, type StateDef } from './definition-model';

/** A timer runs after minutes, hours, days or weeks (kept as ISO 8601 underneath: PT24H, P3D). */
const TIMER_UNITS: readonly Unit[] = ['MIN', 'H', 'D', 'W'];

interface TimerValues {
  action: 'remindAgent' | 'escalateManager' | 'autoTransition';
  after: string;
  to?: string;
  reasonCode?: string;
  unlessActivity?: boolean;
  messageFr?: string;
}

interface Values {
  code: string;
  labelFr?: string;
  labelEn?: string;
  initial?: boolean;
  terminal?: boolean;
  reasonType?: 'NONE' | 'WON' | 'LOSS';
  timers?: TimerValues[];
}

function toValues(s: StateDef | undefined): Partial<Values> {
  if (!s) return { reasonType: 'NONE', timers: [] };
  return {
    code: s.code,
    labelFr: s.label?.fr,
    labelEn: s.label?.en,
    initial: s.initial,
    terminal: s.terminal,
    reasonType: s.reasonType ?? 'NONE',
    timers: (s.timers ?? []).map((t) =>
      t.action === 'autoTransition'
        ? {
            action: t.action,
            after: t.after,
            to: t.to,
            reasonCode: t.reasonCode,
            unlessActivity: t.unlessActivity,
          }
        : { action: t.action, after: t.after, unlessActivity: t.unlessActivity, messageFr: t.message?.fr },
    ),
  };
}

function toState(v: Values): StateDef {
  const label = compact({ fr: v.labelFr, en: v.labelEn });
  const timers = (v.timers ?? []).map((t) =>
    t.action === 'autoTransition'
      ? compact({
          action: t.action,
          after: t.after,
          to: t.to ?? '',
          reasonCode: t.reasonCode,
          unlessActivity: t.unlessActivity || undefined,
        })
      : compact({
          action: t.action,
          after: t.after,
          unlessActivity: t.unlessActivity || undefined,
          message: t.messageFr ? { fr: t.messageFr } : undefined,
        }),
  );
  return compact({
    code: v.code,
    label: Object.keys(label).length ? label : undefined,
    initial: v.initial || undefined,
    terminal: v.terminal || undefined,
    reasonType: v.reasonType && v.reasonType !== 'NONE' ? v.reasonType : undefined,
    timers,
  }) as StateDef;
}

interface Props {
  open: boolean;
  state?: StateDef;
  statusOptions: { value: string; label: string }[];
  stateCodes: string[];
  onCancel: () => void;
  onSubmit: (state: StateDef) => void;
}

/** Add or edit a state: its CASE_STATUS code, labels, initial/terminal, reason type and timers. */
export function StateForm({ open, state, statusOptions, stateCodes, onCancel, onSubmit }: Props) {
  const { t } = useTranslation('studio');
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(toValues(state));
    }
  }, [open, state, form]);

  return (
    <Modal
      open={open}
      width={760}
      title={state ? t('editor.editState', { code: state.code }) : t('editor.addState')}
      okText={t('common.apply')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      okButtonProps={{ 'data-testid': 'state-form-ok' }}
    >
      <Form form={form} name="state" layout="vertical" onFinish={(v) => onSubmit(toState(v))}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="code"
              label={t('editor.stateCode')}
              rules={[{ required: true }]}
              extra={t('editor.stateCodeHelp')}
            >
              <Select showSearch options={statusOptions} optionFilterProp="label" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="reasonType" label={t('editor.reasonType')}>
              <Select
                options={['NONE', 'WON', 'LOSS'].map((v) => ({ value: v, label: t(`editor.reason.${v}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="labelFr" label={t('editor.labelFr')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="labelEn" label={t('editor.labelEn')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Space size="large">
          <Form.Item name="initial" valuePropName="checked">
            <Checkbox>{t('editor.initial')}</Checkbox>
          </Form.Item>
          <Form.Item name="terminal" valuePropName="checked">
            <Checkbox>{t('editor.terminal')}</Checkbox>
          </Form.Item>
        </Space>
        <Form.List name="timers">
          {(fields, { add, remove }) => (
            <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px' }}>
              <legend style={{ fontSize: 14, width: 'auto', marginBottom: 0 }}>{t('editor.timers')}</legend>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} align="bottom">
                  <Col span={6}>
                    <Form.Item
                      name={[field.name, 'action']}
                      label={t('editor.timerAction')}
                      rules={[{ required: true }]}
                    >
                      <Select
                        options={['remindAgent', 'escalateManager', 'autoTransition'].map((v) => ({
                          value: v,
                          label: t(`editor.timerActions.${v}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={7}>
                    <Form.Item
                      name={[field.name, 'after']}
                      label={t('editor.timerAfter')}
                      rules={[durationRule()]}
                    >
                      <DurationInput units={TIMER_UNITS} phrase />
                    </Form.Item>
                  </Col>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['timers', field.name, 'action']) === 'autoTransition' ? (
                        <Col span={5}>
                          <Form.Item
                            name={[field.name, 'to']}
                            label={t('editor.timerTo')}
                            rules={[{ required: true }]}
                          >
                            <Select options={stateCodes.map((c) => ({ value: c, label: c }))} />
                          </Form.Item>
                        </Col>
                      ) : (
                        <Col span={5}>
                          <Form.Item name={[field.name, 'messageFr']} label={t('editor.timerMessage')}>
                            <Input />
                          </Form.Item>
                        </Col>
                      )
                    }
                  </Form.Item>
                  <Col span={4}>
                    <Form.Item name={[field.name, 'unlessActivity']} valuePropName="checked">
                      <Checkbox>{t('editor.unlessActivity')}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Form.Item>
                      <Button
                        aria-label={t('common.remove')}
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(field.name)}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ action: 'remindAgent', after: 'P3D' })}
              >
                {t('editor.addTimer')}
              </Button>
            </fieldset>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
