import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDictionary } from '../../components/dictionary';
import { useUsers } from '../../components/users';

/** A 409 on the email: the contact that already has it. */
export interface Duplicate {
  email: string;
  existingId: string;
  message: string;
}

/** Contact form fields; a duplicate email shows the server's message with a link to the existing contact. */
export function ContactFields({ duplicate }: { duplicate: Duplicate | null }) {
  const { t } = useTranslation('agent');
  const sources = useDictionary('LEAD_SOURCE');
  const tags = useDictionary('TAG');
  const users = useUsers();
  const email = Form.useWatch<string | undefined>('email');
  const showDuplicate = duplicate && email?.toLowerCase() === duplicate.email.toLowerCase();

  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name="firstName"
          label={t('contact.firstName')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input id="firstName" maxLength={100} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="lastName"
          label={t('contact.lastName')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input id="lastName" maxLength={100} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="email"
          label={t('contact.email')}
          rules={[{ required: true, type: 'email', message: t('form.email') }]}
          {...(showDuplicate
            ? {
                validateStatus: 'error' as const,
                help: (
                  <span data-testid="duplicate-email">
                    {t('contact.duplicate')}{' '}
                    <Link to={`/contacts/show/${duplicate.existingId}`}>{t('contact.openExisting')}</Link>
                  </span>
                ),
              }
            : {})}
        >
          <Input id="email" type="email" maxLength={254} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="phone" label={t('contact.phone')}>
          <Input id="phone" maxLength={40} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="source" label={t('contact.source')}>
          <Select id="source" allowClear options={sources.options} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="tags" label={t('contact.tags')}>
          <Select id="tags" mode="multiple" allowClear options={tags.options} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="assignedAgentId" label={t('contact.agent')}>
          <Select id="assignedAgentId" allowClear options={users.options} />
        </Form.Item>
      </Col>
    </Row>
  );
}
