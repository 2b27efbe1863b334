import { SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../components/format';
import { api, ok, type RequestBody } from '../api/client';
import { ApiError, errorMessage, problemOf } from '../providers/http';
import {
  newIdempotencyKey,
  SEND_CHANNELS,
  useConsents,
  type ConsentState,
  type MessageView,
  type SendChannel,
} from './api';
import { useDecidedBy } from './consent';
import { DeliveryStatus } from './delivery-status';

interface ComposerValues {
  channel: SendChannel;
  subject?: string;
  content: string;
  useTemplate?: boolean;
  templateName?: string;
  templateLanguage?: string;
  templateParameters?: string[];
}

/** Why sending is impossible on this channel, or null when the contact opted in. */
function useRefusal(channel: SendChannel, consent: ConsentState | null | undefined) {
  const { t } = useTranslation('engagement');
  const by = useDecidedBy();
  const name = t(`channels.${channel}`);
  if (consent?.status === 'OPT_IN') return null;
  if (!consent) return t('composer.neverConsented', { channel: name });
  return t('composer.optedOut', { channel: name, date: formatDateTime(consent.decidedAt), by: by(consent) });
}

/**
 * Sends an email, SMS or WhatsApp message to a contact (through a dossier when given). It shows the
 * consent of the chosen channel first and refuses to send without an opt-in; a 422 the server still
 * answers (consent changed meanwhile, WhatsApp template required) shows inline.
 */
export function MessageComposer({ contactId, dossierId }: { contactId: string | null; dossierId?: string }) {
  const { t } = useTranslation('engagement');
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ComposerValues>();
  const channel = (Form.useWatch('channel', form) ?? 'EMAIL') as SendChannel;
  const useTemplate = Form.useWatch('useTemplate', form) as boolean | undefined;
  const consents = useConsents(contactId, dossierId);
  const consent = consents.data?.[channel];
  const refusal = useRefusal(channel, consent);
  const by = useDecidedBy();
  const [sending, setSending] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [lastSent, setLastSent] = useState<MessageView | null>(null);

  if (!contactId)
    return (
      <Card size="small" title={t('composer.title')} data-testid="composer">
        <Typography.Text type="secondary">{t('composer.noContact')}</Typography.Text>
      </Card>
    );

  const send = async (v: ComposerValues) => {
    setSending(true);
    setServerError(null);
    try {
      const body: RequestBody<'/api/v1/contacts/{id}/messages', 'post'> = {
        send: true,
        channel: v.channel,
        content: v.content,
        ...(v.channel === 'EMAIL' ? { subject: v.subject } : {}),
        ...(v.channel === 'WHATSAPP' && v.useTemplate
          ? {
              template: {
                // Both required in the form whenever a template is used.
                name: v.templateName ?? '',
                language: v.templateLanguage ?? '',
                parameters: v.templateParameters ?? [],
              },
            }
          : {}),
      };
      const headers = { 'Idempotency-Key': newIdempotencyKey() };
      const message = await ok(
        dossierId
          ? api.POST('/api/v1/dossiers/{id}/messages', {
              params: { path: { id: dossierId } },
              headers,
              body: { ...body, contactId },
            })
          : api.POST('/api/v1/contacts/{id}/messages', {
              params: { path: { id: contactId } },
              headers,
              body,
            }),
      );
      setLastSent(message);
      notification.success({ message: t('composer.sent') });
      form.setFieldsValue({ content: '', subject: '' });
      await queryClient.invalidateQueries({ queryKey: ['timeline'] });
    } catch (err) {
      const problem = problemOf(err);
      if (err instanceof ApiError && err.errors) {
        const fields: Record<string, keyof ComposerValues> = { template: 'templateName' };
        form.setFields(
          Object.entries(err.errors)
            .filter(([f]) => ['subject', 'content', 'channel', 'template'].includes(f))
            .map(([f, msg]) => ({ name: fields[f] ?? (f as keyof ComposerValues), errors: [msg] })),
        );
      }
      const name = t(`channels.${String(problem?.channel ?? v.channel)}`);
      if (problem?.type?.includes('consent-required')) {
        setServerError(
          problem.reason === 'OPTED_OUT'
            ? t('composer.optedOut', {
                channel: name,
                date: formatDateTime(typeof problem.decidedAt === 'string' ? problem.decidedAt : null),
                // decidedBy is a user id or a name; an id is left out (the badges above name the author).
                by:
                  typeof problem.decidedBy === 'string' && !/^[0-9a-f-]{36}$/i.test(problem.decidedBy)
                    ? t('consent.by', { name: problem.decidedBy })
                    : '',
              })
            : t('composer.neverConsented', { channel: name }),
        );
        await queryClient.invalidateQueries({ queryKey: ['consents', contactId] });
      } else if (problem?.type?.includes('whatsapp-template-required')) {
        form.setFieldValue('useTemplate', true);
        setServerError(t('composer.templateRequired'));
      } else setServerError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <Card size="small" title={t('composer.title')} data-testid="composer">
      <Form<ComposerValues>
        form={form}
        layout="vertical"
        name="composer"
        initialValues={{ channel: 'EMAIL', templateLanguage: 'fr' }}
        onFinish={(v) => void send(v)}
        onValuesChange={(changed) => {
          if ('channel' in changed) setServerError(null);
        }}
      >
        <Form.Item name="channel" label={t('composer.channel')}>
          <Radio.Group
            optionType="button"
            options={SEND_CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          />
        </Form.Item>
        {consents.data ? (
          refusal ? (
            <Alert
              type="warning"
              showIcon
              message={refusal}
              data-testid="composer-consent"
              data-ok="false"
              style={{ marginBottom: 12 }}
            />
          ) : (
            <Alert
              type="success"
              showIcon
              data-testid="composer-consent"
              data-ok="true"
              style={{ marginBottom: 12 }}
              message={t('composer.consentOk', {
                channel: t(`channels.${channel}`),
                date: formatDateTime(consent?.decidedAt),
                by: consent ? by(consent) : '',
              })}
            />
          )
        ) : null}
        {channel === 'EMAIL' ? (
          <Form.Item
            name="subject"
            label={t('composer.subject')}
            rules={[{ required: true, message: t('composer.required') }]}
          >
            <Input maxLength={300} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="content"
          label={t('composer.content')}
          rules={[{ required: true, message: t('composer.required') }]}
        >
          <Input.TextArea rows={4} maxLength={20000} />
        </Form.Item>
        {channel === 'WHATSAPP' ? (
          <>
            <Form.Item name="useTemplate" valuePropName="checked">
              <Checkbox>{t('composer.useTemplate')}</Checkbox>
            </Form.Item>
            {useTemplate ? (
              <Flex gap={8} wrap>
                <Form.Item
                  name="templateName"
                  label={t('composer.templateName')}
                  rules={[{ required: true, message: t('composer.required') }]}
                >
                  <Input maxLength={512} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item
                  name="templateLanguage"
                  label={t('composer.templateLanguage')}
                  rules={[{ required: true }]}
                >
                  <Input maxLength={15} style={{ width: 100 }} />
                </Form.Item>
                <Form.Item
                  name="templateParameters"
                  label={t('composer.templateParameters')}
                  style={{ minWidth: 220, flex: 1 }}
                >
                  <Select mode="tags" open={false} suffixIcon={null} />
                </Form.Item>
              </Flex>
            ) : null}
          </>
        ) : null}
        {serverError ? (
          <Alert
            type="error"
            showIcon
            message={t('composer.failed')}
            description={serverError}
            data-testid="composer-refusal"
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <Flex gap={12} align="center" wrap>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SendOutlined />}
            loading={sending}
            disabled={!!refusal || consents.isLoading}
            title={refusal ?? undefined}
          >
            {t('composer.send')}
          </Button>
          {lastSent ? (
            <Typography.Text type="secondary" data-testid="composer-last-sent">
              {t('composer.lastSent')}{' '}
              <DeliveryStatus messageId={lastSent.id} initial={lastSent.deliveryStatus} />
            </Typography.Text>
          ) : null}
        </Flex>
      </Form>
    </Card>
  );
}
