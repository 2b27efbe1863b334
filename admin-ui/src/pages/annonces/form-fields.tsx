import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDictionary } from '../../components/dictionary';
import { useZoneOptions } from './filters';
import { ENERGY_CLASSES, toCents, toEuros } from './types';

/** The form keeps cents (the API's field, so server errors land on it); the input shows euros. */
const euroField = {
  getValueProps: (cents: unknown) => ({ value: typeof cents === 'number' ? toEuros(cents) : cents }),
  normalize: (euros: number | null) => toCents(euros),
};

const NULLABLE = [
  'description',
  'propertyType',
  'chargesCents',
  'surface',
  'rooms',
  'bedrooms',
  'floor',
  'address',
  'postalCode',
  'zoneCode',
  'energyClass',
  'lat',
  'lng',
] as const;

/** Form values → API body: cleared optional fields become null (PATCH) or are left out (POST). */
export function bodyOf(values: Record<string, unknown>, creating: boolean): Record<string, unknown> {
  const v = { ...values };
  for (const k of NULLABLE) if (v[k] === undefined || v[k] === '') v[k] = null;
  if (creating) for (const k of Object.keys(v)) if (v[k] === null || v[k] === '') delete v[k];
  return v;
}

/** The business fields of a listing (its status changes only through transitions). */
export function AnnonceFields() {
  const { t } = useTranslation('annonces');
  const form = Form.useFormInstance();
  const types = useDictionary('PROPERTY_TYPE');
  const features = useDictionary('FEATURE');
  const zonesDict = useDictionary('ZONE');
  const city = Form.useWatch<string | undefined>('city');
  const transaction = Form.useWatch<string | undefined>('transaction');
  const zones = useZoneOptions(city);
  const required = { required: true, message: t('form.required') };
  const num = { style: { width: '100%' } };

  // Picking a zone fills what it knows (city, postal code, position) into the empty fields.
  const onZone = (code: string | undefined) => {
    const meta = code ? zonesDict.byCode.get(code)?.metadata : undefined;
    if (!meta) return;
    const fill: Record<string, unknown> = {};
    for (const k of ['city', 'postalCode', 'lat', 'lng'] as const)
      if (meta[k] !== undefined && (form.getFieldValue(k) ?? '') === '') fill[k] = meta[k];
    form.setFieldsValue(fill);
  };

  const col = (span: number, node: React.ReactNode) => (
    <Col xs={24} md={span}>
      {node}
    </Col>
  );
  return (
    <Row gutter={16}>
      {col(
        16,
        <Form.Item name="title" label={t('field.title')} rules={[{ ...required, whitespace: true }]}>
          <Input id="title" maxLength={300} />
        </Form.Item>,
      )}
      {col(
        8,
        <Form.Item name="reference" label={t('field.reference')} extra={t('form.referenceHint')}>
          <Input id="reference" maxLength={32} />
        </Form.Item>,
      )}
      {col(
        8,
        <Form.Item name="transaction" label={t('field.transaction')} rules={[required]}>
          <Select
            id="transaction"
            options={[
              { value: 'SALE', label: t('transaction.SALE') },
              { value: 'RENT', label: t('transaction.RENT') },
            ]}
          />
        </Form.Item>,
      )}
      {col(
        8,
        <Form.Item name="propertyType" label={t('field.propertyType')}>
          <Select id="propertyType" allowClear options={types.options} />
        </Form.Item>,
      )}
      {col(
        8,
        <Form.Item name="energyClass" label={t('field.energyClass')}>
          <Select id="energyClass" allowClear options={ENERGY_CLASSES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>,
      )}
      {col(
        8,
        <Form.Item
          name="priceCents"
          label={transaction === 'RENT' ? t('field.rent') : t('field.price')}
          rules={[required]}
          {...euroField}
        >
          <InputNumber id="priceCents" min={0} step={1000} suffix="€" {...num} />
        </Form.Item>,
      )}
      {col(
        8,
        <Form.Item name="chargesCents" label={t('field.charges')} {...euroField}>
          <InputNumber id="chargesCents" min={0} step={10} suffix="€" {...num} />
        </Form.Item>,
      )}
      {col(
        8,
        <Form.Item name="surface" label={t('field.surface')}>
          <InputNumber id="surface" min={0} suffix="m²" {...num} />
        </Form.Item>,
      )}
      {col(
        8,
        <Form.Item name="rooms" label={t('field.rooms')}>
          <InputNumber id="rooms" min={0} max={200} precision={0} {...num} />
        </Form.Item>,
      )}
      {col(
        8,
        <Form.Item name="bedrooms" label={t('field.bedrooms')}>
          <InputNumber id="bedrooms" min={0} max={200} precision={0} {...num} />
        </Form.Item>,
      )}
      {col(
        8,
        <Form.Item name="floor" label={t('field.floor')}>
          <InputNumber id="floor" min={-10} max={300} precision={0} {...num} />
        </Form.Item>,
      )}
      {col(
        8,
        <Form.Item name="city" label={t('field.city')} rules={[{ ...required, whitespace: true }]}>
          <Input id="city" maxLength={120} />
        </Form.Item>,
      )}
      {col(
        8,
        <Form.Item name="zoneCode" label={t('field.zone')}>
          <Select
            id="zoneCode"
            allowClear
            showSearch
            optionFilterProp="label"
            options={zones}
            onChange={onZone}
          />
        </Form.Item>,
      )}
      {col(
        8,
        <Form.Item name="postalCode" label={t('field.postalCode')}>
          <Input id="postalCode" maxLength={10} />
        </Form.Item>,
      )}
      {col(
        12,
        <Form.Item name="address" label={t('field.address')}>
          <Input id="address" maxLength={300} />
        </Form.Item>,
      )}
      {col(
        6,
        <Form.Item name="lat" label={t('field.lat')}>
          <InputNumber id="lat" min={-90} max={90} step={0.001} {...num} />
        </Form.Item>,
      )}
      {col(
        6,
        <Form.Item name="lng" label={t('field.lng')}>
          <InputNumber id="lng" min={-180} max={180} step={0.001} {...num} />
        </Form.Item>,
      )}
      {col(
        24,
        <Form.Item name="features" label={t('field.features')}>
          <Select
            id="features"
            mode="multiple"
            allowClear
            optionFilterProp="label"
            options={features.options}
          />
        </Form.Item>,
      )}
      {col(
        24,
        <Form.Item name="description" label={t('field.description')}>
          <Input.TextArea id="description" rows={4} maxLength={20000} />
        </Form.Item>,
      )}
    </Row>
  );
}
