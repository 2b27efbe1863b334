import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type RequestBody } from '../../api/client';
import { fieldErrorText } from '../../providers/field-errors';
import { ApiError, errorMessage } from '../../providers/http';
import { getUser } from '../../providers/session';

type Values = RequestBody<'/api/v1/settings/channels/whatsapp', 'put'>;

const SECRETS = ['appSecret', 'accessToken', 'verifyToken'] as const;

/**
 * The organisation's own WhatsApp number (USER_ADMIN). Secrets are write-only: the API says whether
 * each is set, an empty field keeps the stored value.
 */
export function WhatsAppSettingsCard() {
  const { t } = useTranslation('channels');
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const view = useQuery({
    queryKey: ['settings', 'whatsapp'],
    queryFn: () => ok(api.GET('/api/v1/settings/channels/whatsapp')),
  });
  const webhookUrl = `${window.location.origin}/webhooks/whatsapp/${getUser()?.orgSlug ?? ''}`;

  const save = async (v: Values) => {
    setSaving(true);
    try {
      // Empty fields are left out: the stored value stays (the API says which field it misses).
      const body = Object.fromEntries(Object.entries(v).filter(([, value]) => value)) as Values;
      const saved = await ok(api.PUT('/api/v1/settings/channels/whatsapp', { body }));
      queryClient.setQueryData(['settings', 'whatsapp'], saved);
      form.resetFields(SECRETS.slice());
      notification.success({ message: t('whatsapp.saved') });
    } catch (err) {
      const reasons = err instanceof ApiError ? (err.problem?.errors ?? []) : [];
      if (reasons.length)
        form.setFields(
          reasons.map((e) => ({
            name: e.field as keyof Values,
            errors: [e.code === 'PHONE_NUMBER_IN_USE' ? t('whatsapp.phoneInUse') : fieldErrorText(e)],
          })),
        );
      else notification.error({ message: t('whatsapp.failed'), description: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      style={{ maxWidth: 640 }}
      title={t('whatsapp.title')}
      data-testid="whatsapp-settings"
      extra={
        view.data ? (
          <Tag color={view.data.configured ? 'green' : 'default'}>
            {t(view.data.configured ? 'whatsapp.configured' : 'whatsapp.notConfigured')}
          </Tag>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('whatsapp.hint')}</Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: webhookUrl }}>
        {t('whatsapp.webhook', { url: webhookUrl })}
      </Typography.Paragraph>
      {view.isError ? <Alert type="error" showIcon message={errorMessage(view.error)} /> : null}
      {view.isLoading ? <Spin /> : null}
      {view.data ? (
        <Form<Values>
          form={form}
          layout="vertical"
          name="whatsapp-settings"
          initialValues={{ phoneNumberId: view.data.phoneNumberId ?? '' }}
          onFinish={(v) => void save(v)}
        >
          <Form.Item
            name="phoneNumberId"
            label={t('whatsapp.phoneNumberId')}
            rules={[
              { required: true, message: t('whatsapp.required') },
              { pattern: /^[0-9]{5,32}$/, message: t('whatsapp.digits') },
            ]}
          >
            <Input inputMode="numeric" autoComplete="off" />
          </Form.Item>
          {SECRETS.map((name) => {
            const isSet = view.data[`${name}Set`];
            return (
              <Form.Item
                key={name}
                name={name}
                label={t(`whatsapp.${name}`)}
                rules={isSet ? [] : [{ required: true, message: t('whatsapp.required') }]}
              >
                <Input.Password
                  autoComplete="new-password"
                  placeholder={t(isSet ? 'whatsapp.isSet' : 'whatsapp.notSet')}
                />
              </Form.Item>
            );
          })}
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('whatsapp.save')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
