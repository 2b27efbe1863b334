import { useLogin } from '@refinedev/core';
import { Button, Card, Flex, Form, Input, Layout, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/language-switch';
import type { LoginParams } from '../providers/auth-provider';

/** Sign-in form: organisation slug, email and password (Refine's AuthPage has no organisation field). */
export function LoginPage() {
  const { t } = useTranslation();
  const { mutate: login, isPending } = useLogin<LoginParams>();

  return (
    <Layout style={{ minHeight: '100vh', justifyContent: 'center', alignItems: 'center', padding: 16 }}>
      {/* The page's main landmark (axe: landmark-one-main, region). */}
      <main style={{ width: '100%', maxWidth: 400 }}>
        <Card style={{ width: '100%' }}>
          <Flex justify="flex-end">
            <LanguageSwitch />
          </Flex>
          <Typography.Title level={1} style={{ textAlign: 'center', marginTop: 0, fontSize: 24 }}>
            Atlas CRM
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            {t('common:login.subtitle')}
          </Typography.Paragraph>
          <Form<LoginParams>
            layout="vertical"
            requiredMark={false}
            initialValues={{ org: 'demo', email: '', password: '' }}
            onFinish={(values) => login(values)}
          >
            {/* Form.Item binds each label to its input through the input's id (#org, #email, #password). */}
            <Form.Item
              label={t('common:login.org')}
              name="org"
              rules={[{ required: true, message: t('common:login.orgRequired') }]}
            >
              <Input id="org" autoComplete="organization" />
            </Form.Item>
            <Form.Item
              label={t('common:login.email')}
              name="email"
              rules={[{ required: true, type: 'email', message: t('common:login.emailRequired') }]}
            >
              <Input id="email" type="email" autoComplete="username" />
            </Form.Item>
            <Form.Item
              label={t('common:login.password')}
              name="password"
              rules={[{ required: true, message: t('common:login.passwordRequired') }]}
            >
              <Input.Password id="password" autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={isPending}>
              {t('common:login.submit')}
            </Button>
          </Form>
        </Card>
      </main>
    </Layout>
  );
}
