import { useLogout } from '@refinedev/core';
import { App, Button, Card, Flex, Form, Input, Layout, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '../../../definitions/password-policy.js';
import { LanguageSwitch } from '../components/language-switch';
import { api, ok } from '../api/client';
import { ApiError, errorMessage } from '../providers/http';
import { getUser, saveSession } from '../providers/session';

interface ChangeValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Until a reset account has chosen its own password, every page leads here (the API refuses the rest). */
export function RequirePasswordChange({ children }: { children: React.ReactNode }) {
  return getUser()?.mustChangePassword ? <Navigate to="/change-password" replace /> : children;
}

/** Change my password: forced after an admin reset, or chosen from the user menu. */
export function ChangePasswordPage() {
  const { t } = useTranslation('password');
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ChangeValues>();
  const [busy, setBusy] = useState(false);
  const forced = Boolean(getUser()?.mustChangePassword);
  const { mutate: logout } = useLogout();

  const submit = async ({ currentPassword, newPassword }: ChangeValues) => {
    setBusy(true);
    try {
      const res = await ok(api.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } }));
      // The answer's user has no organisation name; the rest replaces what was stored.
      saveSession(res.accessToken, { ...getUser()!, ...res.user });
      notification.success({ message: t('changed') });
      void navigate('/', { replace: true });
    } catch (err) {
      const fields = err instanceof ApiError ? Object.entries(err.errors ?? {}) : [];
      if (fields.length)
        form.setFields(fields.map(([name, message]) => ({ name: name as never, errors: [message] })));
      else notification.error({ message: t('failed'), description: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Layout style={{ minHeight: '100vh', justifyContent: 'center', alignItems: 'center', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Flex justify="flex-end">
          <LanguageSwitch />
        </Flex>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 22 }}>
          {t('title')}
        </Typography.Title>
        {forced && <Typography.Paragraph data-testid="password-forced">{t('forced')}</Typography.Paragraph>}
        <Typography.Paragraph type="secondary">
          {t('rules', { min: PASSWORD_MIN_LENGTH })}
        </Typography.Paragraph>
        <Form<ChangeValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item
            label={t('current')}
            name="currentPassword"
            rules={[{ required: true, message: t('currentRequired') }]}
          >
            <Input.Password id="currentPassword" autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label={t('new')}
            name="newPassword"
            rules={[
              {
                required: true,
                min: PASSWORD_MIN_LENGTH,
                message: t('tooShort', { min: PASSWORD_MIN_LENGTH }),
              },
            ]}
          >
            <Input.Password id="newPassword" autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('confirm')}
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('confirmRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('mismatch'))),
              }),
            ]}
          >
            <Input.Password id="confirm" autoComplete="new-password" />
          </Form.Item>
          <Flex gap={8} justify="flex-end">
            {forced ? (
              <Button onClick={() => logout()}>{t('common:header.signOut')}</Button>
            ) : (
              <Link to="/">{t('cancel')}</Link>
            )}
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('submit')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </Layout>
  );
}
