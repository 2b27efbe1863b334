import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { RulesFields } from './rules-fields';

/** Name, city, description, then the rules editor. */
export function GroupFields() {
  const { t } = useTranslation('coop');
  const required = { required: true, whitespace: true, message: t('group.required') };
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('group.name')} rules={[required]}>
            <Input id="name" maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="city" label={t('group.city')} rules={[required]}>
            <Input id="city" maxLength={120} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="description" label={t('group.description')}>
            <Input.TextArea id="description" rows={3} maxLength={5000} />
          </Form.Item>
        </Col>
      </Row>
      <RulesFields />
    </>
  );
}
