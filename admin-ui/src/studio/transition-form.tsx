import { Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS } from '../../../definitions/permissions.js';
import { compact, type TransitionDef } from './definition-model';
import { GuardEditor, type GuardValue } from './guard-editor';

interface Values {
  from: string;
  to: string;
  labelFr?: string;
  labelEn?: string;
  permission?: string;
  roles?: string[];
  requiredFields?: string[];
  guarded?: boolean;
  guard?: GuardValue;
  comment?: string;
}

function toValues(t: TransitionDef | undefined): Partial<Values> {
  if (!t) return { permission: 'CRM_DEALS_STAGE_CHANGE', guarded: false };
  return {
    from: t.from,
    to: t.to,
    labelFr: t.label?.fr,
    labelEn: t.label?.en,
    permission: t.permission,
    roles: t.roles,
    requiredFields: t.requiredFields,
    guarded: !!t.guard,
    guard: t.guard as GuardValue | undefined,
    comment: t.comment,
  };
}

function toTransition(v: Values): TransitionDef {
  const label = compact({ fr: v.labelFr, en: v.labelEn });
  const guard = v.guarded && v.guard ? { rule: v.guard.rule, message: compact(v.guard.message) } : undefined;
  return compact({
    from: v.from,
    to: v.to,
    label: Object.keys(label).length ? label : undefined,
    permission: v.permission,
    roles: v.roles,
    requiredFields: v.requiredFields,
    guard,
    comment: v.comment,
  }) as TransitionDef;
}

interface Props {
  open: boolean;
  transition?: TransitionDef;
  stateCodes: string[];
  roleCodes: string[];
  onCancel: () => void;
  onSubmit: (t: TransitionDef) => void;
}

/** Add or edit a transition: ends, labels, permission, roles, required fields and its guard. */
export function TransitionForm({ open, transition, stateCodes, roleCodes, onCancel, onSubmit }: Props) {
  const { t } = useTranslation('studio');
  const [form] = Form.useForm<Values>();
  const guarded = Form.useWatch('guarded', form);
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(toValues(transition) as Parameters<typeof form.setFieldsValue>[0]);
    }
  }, [open, transition, form]);
  const states = stateCodes.map((c) => ({ value: c, label: c }));

  return (
    <Modal
      open={open}
      width={980}
      title={
        transition
          ? t('editor.editTransition', { from: transition.from, to: transition.to })
          : t('editor.addTransition')
      }
      okText={t('common.apply')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'transition-form-ok' }}
    >
      <Form form={form} name="transition" layout="vertical" onFinish={(v) => onSubmit(toTransition(v))}>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="from" label={t('editor.from')} rules={[{ required: true }]}>
              <Select showSearch options={states} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="to" label={t('editor.to')} rules={[{ required: true }]}>
              <Select showSearch options={states} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="labelFr" label={t('editor.labelFr')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="labelEn" label={t('editor.labelEn')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="permission" label={t('editor.permission')}>
              <Select allowClear showSearch options={PERMISSIONS.map((p) => ({ value: p, label: p }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="roles" label={t('editor.roles')}>
              <Select mode="multiple" allowClear options={roleCodes.map((r) => ({ value: r, label: r }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="requiredFields"
              label={t('editor.requiredFields')}
              extra={t('editor.requiredFieldsHelp')}
            >
              <Select mode="tags" tokenSeparators={[',', ' ']} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="guarded" label={t('editor.guarded')} valuePropName="checked">
          <Switch data-testid="guard-switch" />
        </Form.Item>
        {guarded && (
          <Form.Item
            name="guard"
            rules={[
              {
                validator: (_, v: GuardValue | undefined) =>
                  v?.rule && (v.message.fr || v.message.en)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('guard.required'))),
              },
            ]}
          >
            <GuardEditor />
          </Form.Item>
        )}
        <Form.Item name="comment" label={t('editor.comment')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
