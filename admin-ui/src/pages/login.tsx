import { useLogin } from '@refinedev/core';
import { Button, Card, Form, Input, Layout, Typography } from 'antd';
import type { LoginParams } from '../providers/auth-provider';

/** Sign-in form: organisation slug, email and password (Refine's AuthPage has no organisation field). */
export function LoginPage() {
  const { mutate: login, isPending } = useLogin<LoginParams>();

  return (
    <Layout style={{ minHeight: '100vh', justifyContent: 'center', alignItems: 'center', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          Atlas CRM
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          Sign in to your organisation
        </Typography.Paragraph>
        <Form<LoginParams>
          layout="vertical"
          requiredMark={false}
          initialValues={{ org: 'demo', email: '', password: '' }}
          onFinish={(values) => login(values)}
        >
          <Form.Item
            label="Organisation"
            name="org"
            rules={[{ required: true, message: 'Enter the organisation' }]}
          >
            <Input id="org" name="org" autoComplete="organization" />
          </Form.Item>
          <Form.Item
            label="Email"
            name="email"
            rules={[{ required: true, type: 'email', message: 'Enter a valid email' }]}
          >
            <Input id="email" name="email" type="email" autoComplete="username" />
          </Form.Item>
          <Form.Item
            label="Password"
            name="password"
            rules={[{ required: true, message: 'Enter the password' }]}
          >
            <Input.Password id="password" name="password" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isPending}>
            Sign in
          </Button>
        </Form>
      </Card>
    </Layout>
  );
}
