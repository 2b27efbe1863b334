import { useInvalidate } from '@refinedev/core';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionary } from '../../../components/dictionary';
import { api, ok, type RequestBody } from '../../../api/client';
import { ApiError, errorMessage } from '../../../providers/http';
import { useCriteria, type Criteria } from './api';

type Values = Omit<Criteria, 'version' | 'transaction' | 'near'> & {
  nearLat?: number | null;
  nearLng?: number | null;
  nearRadiusKm?: number | null;
};

const ARRAYS = ['cities', 'zones', 'propertyTypes', 'requiredFeatures', 'niceFeatures'] as const;
const NUMBERS = ['roomsMin', 'bedroomsMin', 'surfaceMin'] as const;

/** Form values → PUT body: empty numbers and lists are left out (the PUT replaces the whole search). */
function bodyOf(v: Values, version: number): RequestBody<'/api/v1/dossiers/{id}/criteria', 'put'> {
  const body: RequestBody<'/api/v1/dossiers/{id}/criteria', 'put'> & Record<string, unknown> = {
    version,
    budgetMin: v.budgetMin ?? null,
    budgetMax: v.budgetMax ?? null,
  };
  for (const k of ARRAYS) if (v[k]?.length) body[k] = v[k];
  for (const k of NUMBERS) if (typeof v[k] === 'number') body[k] = v[k];
  if (typeof v.nearLat === 'number' && typeof v.nearLng === 'number' && typeof v.nearRadiusKm === 'number')
    body.near = { lat: v.nearLat, lng: v.nearLng, radiusKm: v.nearRadiusKm };
  return body;
}

/** "near.lat" → nearLat; "/cities/0" or "cities.0" → cities. */
const fieldOf = (f: string) => {
  const parts = f.replace(/^\//, '').split(/[./]/);
  if (parts[0] === 'near' && parts[1]) return `near${parts[1][0]!.toUpperCase()}${parts[1].slice(1)}`;
  return parts[0] === 'near' ? 'nearLat' : parts[0]!;
};

/** The dossier's search criteria (budgets in euros), saved with server field errors inline. */
export function CriteriaForm({
  dossierId,
  canEdit,
  onSaved,
}: {
  dossierId: string;
  canEdit: boolean;
  onSaved?: () => void;
}) {
  const { t } = useTranslation('annonces');
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const criteria = useCriteria(dossierId);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const zones = useDictionary('ZONE');
  const types = useDictionary('PROPERTY_TYPE');
  const features = useDictionary('FEATURE');

  if (criteria.isLoading) return <Skeleton active />;
  if (criteria.isError || !criteria.data)
    return <Alert type="error" showIcon message={errorMessage(criteria.error)} />;
  const c = criteria.data;

  const save = async (v: Values) => {
    setSaving(true);
    try {
      const saved = await ok(
        api.PUT('/api/v1/dossiers/{id}/criteria', {
          params: { path: { id: dossierId } },
          body: bodyOf(v, c.version),
        }),
      );
      queryClient.setQueryData(['dossier-criteria', dossierId], saved);
      await invalidate({ resource: 'dossiers', invalidates: ['detail'], id: dossierId });
      await queryClient.invalidateQueries({ queryKey: ['dossier-workspace', dossierId] });
      notification.success({ message: t('criteria.saved') });
      onSaved?.();
    } catch (err) {
      if (err instanceof ApiError && err.errors)
        form.setFields(
          Object.entries(err.errors).map(([f, msg]) => ({ name: fieldOf(f), errors: [msg] })) as never,
        );
      else notification.error({ message: t('criteria.failed'), description: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };

  const num = { style: { width: '100%' } };
  const multi = { mode: 'multiple' as const, allowClear: true, optionFilterProp: 'label' };
  return (
    <Card size="small" title={t('criteria.title')} data-testid="criteria-form">
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={!canEdit}
        initialValues={{
          ...c,
          nearLat: c.near?.lat,
          nearLng: c.near?.lng,
          nearRadiusKm: c.near?.radiusKm,
        }}
        onFinish={(v) => void save(v)}
      >
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="budgetMin" label={t('criteria.budgetMin')}>
              <InputNumber id="budgetMin" min={0} step={10000} suffix="€" {...num} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="budgetMax" label={t('criteria.budgetMax')}>
              <InputNumber id="budgetMax" min={0} step={10000} suffix="€" {...num} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="cities" label={t('criteria.cities')}>
              <Select id="cities" mode="tags" tokenSeparators={[',']} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="zones" label={t('criteria.zones')}>
              <Select id="zones" {...multi} options={zones.options} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="propertyTypes" label={t('criteria.propertyTypes')}>
              <Select id="propertyTypes" {...multi} options={types.options} />
            </Form.Item>
          </Col>
          {NUMBERS.map((k) => (
            <Col xs={8} key={k}>
              <Form.Item name={k} label={t(`criteria.${k}`)}>
                <InputNumber id={k} min={0} precision={k === 'surfaceMin' ? undefined : 0} {...num} />
              </Form.Item>
            </Col>
          ))}
          <Col xs={24}>
            <Form.Item name="requiredFeatures" label={t('criteria.requiredFeatures')}>
              <Select id="requiredFeatures" {...multi} options={features.options} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="niceFeatures" label={t('criteria.niceFeatures')}>
              <Select id="niceFeatures" {...multi} options={features.options} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="nearLat" label={t('criteria.nearLat')}>
              <InputNumber id="nearLat" min={-90} max={90} step={0.001} {...num} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="nearLng" label={t('criteria.nearLng')}>
              <InputNumber id="nearLng" min={-180} max={180} step={0.001} {...num} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="nearRadiusKm" label={t('criteria.nearRadiusKm')}>
              <InputNumber id="nearRadiusKm" min={0} step={0.5} suffix="km" {...num} />
            </Form.Item>
          </Col>
        </Row>
        {canEdit ? (
          <Button htmlType="submit" loading={saving} data-testid="criteria-save">
            {t('criteria.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}
