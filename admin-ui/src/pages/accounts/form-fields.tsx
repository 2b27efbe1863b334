import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_TYPES } from './types';

export function AccountFields({ creating }: { creating: boolean }) {
  const { t } = useTranslation('agent');
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item
          name="code"
          label={t('account.code')}
          rules={[{ required: creating, message: t('form.required') }]}
        >
          <Input id="code" maxLength={32} />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item
          name="name"
          label={t('account.name')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input id="name" maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="type" label={t('account.type')}>
          <Select
            id="type"
            options={ACCOUNT_TYPES.map((v) => ({ value: v, label: t(`account.types.${v}`) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="city" label={t('account.city')}>
          <Input id="city" maxLength={120} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="country"
          label={t('account.country')}
          normalize={(v: string) => (v ? v.toUpperCase() : v)}
          rules={[{ pattern: /^[A-Z]{2}$/, message: t('account.countryFormat') }]}
        >
          <Input id="country" maxLength={2} placeholder="FR" />
        </Form.Item>
      </Col>
    </Row>
  );
}
