import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Select, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DurationInput, durationRule, type Unit } from '../../components/duration-input';
import { can } from '../../engagement/api';
import { api, ok, type Reply } from '../../api/client';
import { ApiError, errorMessage } from '../../providers/http';
import { MatchingSettingsCard } from './matching';
import { WhatsAppSettingsCard } from './whatsapp';

type Settings = Reply<'/api/v1/settings', 'get'>;

/** Reminders go out minutes, hours, days or weeks before (ISO 8601 underneath: PT24H, P2D). */
const REMINDER_UNITS: readonly Unit[] = ['MIN', 'H', 'D', 'W'];

/** Agency settings (managers, WORKFLOW_ADMIN): appointment reminder offsets and time zone. */
export default function SettingsPage() {
  const { t } = useTranslation('engagement');
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Settings>();
  const [saving, setSaving] = useState(false);
  const canEdit = can('WORKFLOW_ADMIN');
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: () => ok(api.GET('/api/v1/settings')),
  });
  const zones = useMemo(() => {
    const list =
      typeof Intl.supportedValuesOf === 'function'
        ? Intl.supportedValuesOf('timeZone')
        : ['Europe/Paris', 'UTC'];
    return list.map((z) => ({ value: z, label: z }));
  }, []);

  const save = async (v: Settings) => {
    setSaving(true);
    try {
      const { matching: _matching, ...body } = v;
      const saved = await ok(api.PUT('/api/v1/settings', { body }));
      queryClient.setQueryData(['settings'], saved);
      notification.success({ message: t('settings.saved') });
    } catch (err) {
      if (err instanceof ApiError && err.errors)
        form.setFields(
          Object.entries(err.errors).map(([field, msg]) => {
            const [name, index] = field.split('/');
            return { name: index === undefined ? [name] : [name, Number(index)], errors: [msg] };
          }) as never,
        );
      else notification.error({ message: t('settings.failed'), description: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={16} data-testid="settings-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('settings.title')}
      </Typography.Title>
      {!canEdit ? <Alert type="info" showIcon message={t('settings.managersOnly')} /> : null}
      {settings.isError ? <Alert type="error" showIcon message={errorMessage(settings.error)} /> : null}
      {settings.isLoading ? <Spin /> : null}
      {settings.data ? (
        <Card style={{ maxWidth: 640 }}>
          <Form<Settings>
            form={form}
            layout="vertical"
            name="settings"
            initialValues={settings.data}
            disabled={!canEdit}
            onFinish={(v) => void save(v)}
          >
            <Typography.Text strong>{t('settings.offsets')}</Typography.Text>
            <Typography.Paragraph type="secondary">{t('settings.offsetHint')}</Typography.Paragraph>
            <Form.List name="appointmentReminderOffsets">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => (
                    <Flex key={field.key} gap={8} align="flex-start">
                      <Form.Item
                        name={field.name}
                        label={`${t('settings.offset')} ${i + 1}`}
                        rules={[durationRule()]}
                        style={{ flex: 1 }}
                      >
                        <DurationInput units={REMINDER_UNITS} phrase />
                      </Form.Item>
                      {fields.length > 1 ? (
                        <Button
                          type="text"
                          aria-label={t('settings.remove')}
                          icon={<MinusCircleOutlined />}
                          onClick={() => remove(field.name)}
                          style={{ marginTop: 30 }}
                        />
                      ) : null}
                    </Flex>
                  ))}
                  {fields.length < 5 ? (
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add('PT2H')}
                      style={{ marginBottom: 16 }}
                    >
                      {t('settings.addOffset')}
                    </Button>
                  ) : null}
                </>
              )}
            </Form.List>
            <Form.Item name="timeZone" label={t('settings.timeZone')} rules={[{ required: true }]}>
              <Select showSearch options={zones} />
            </Form.Item>
            {canEdit ? (
              <Button type="primary" htmlType="submit" loading={saving}>
                {t('settings.save')}
              </Button>
            ) : null}
          </Form>
        </Card>
      ) : null}
      {settings.data?.matching ? (
        <MatchingSettingsCard value={settings.data.matching} canEdit={canEdit} />
      ) : null}
      {can('USER_ADMIN') ? <WhatsAppSettingsCard /> : null}
    </Flex>
  );
}
