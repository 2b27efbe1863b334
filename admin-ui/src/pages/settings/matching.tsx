import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, InputNumber, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MATCH_CRITERIA, type WeightedCriterion } from '../../../../definitions/matching.js';
import { api, ok, type Reply } from '../../api/client';
import { ApiError, errorMessage } from '../../providers/http';

export type MatchingSettings = Reply<'/api/v1/settings', 'get'>['matching'];

/** The weighted (soft) criteria of the matching engine; the transaction is a hard filter. */
const WEIGHTS = MATCH_CRITERIA.filter((c): c is WeightedCriterion => c !== 'transaction');

/** Weights of the soft matching criteria and the tolerance above the max budget (PUT /settings `matching`). */
export function MatchingSettingsCard({ value, canEdit }: { value: MatchingSettings; canEdit: boolean }) {
  const { t } = useTranslation('annonces');
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MatchingSettings>();
  const [saving, setSaving] = useState(false);

  const save = async (matching: MatchingSettings) => {
    setSaving(true);
    try {
      const saved = await ok(api.PUT('/api/v1/settings', { body: { matching } }));
      queryClient.setQueryData(['settings'], saved);
      notification.success({ message: t('settings.saved') });
    } catch (err) {
      if (err instanceof ApiError && err.errors)
        form.setFields(
          Object.entries(err.errors).map(([field, msg]) => ({
            name: field.replace(/^\/?matching[./]/, '').split(/[./]/),
            errors: [msg],
          })) as never,
        );
      else notification.error({ message: t('settings.failed'), description: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card style={{ maxWidth: 640 }} title={t('settings.title')} data-testid="matching-settings">
      <Typography.Paragraph type="secondary">{t('settings.hint')}</Typography.Paragraph>
      <Form<MatchingSettings>
        form={form}
        layout="vertical"
        name="matching-settings"
        initialValues={value}
        disabled={!canEdit}
        onFinish={(v) => void save(v)}
      >
        <Row gutter={12}>
          {WEIGHTS.map((k) => (
            <Col xs={12} md={8} key={k}>
              <Form.Item name={['weights', k]} label={t(`criterion.${k}`)} rules={[{ required: true }]}>
                <InputNumber id={`weight-${k}`} min={0} max={1000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
          <Col xs={24} md={12}>
            <Form.Item name="budgetTolerancePct" label={t('settings.tolerance')} rules={[{ required: true }]}>
              <InputNumber id="budgetTolerancePct" min={0} max={100} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {canEdit ? (
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('settings.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}
