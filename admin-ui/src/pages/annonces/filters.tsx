import { SearchOutlined } from '@ant-design/icons';
import type { CrudFilter } from '@refinedev/core';
import { Button, Form, Input, InputNumber, Select, type FormProps } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionary } from '../../components/dictionary';
import { toCents, toEuros } from './types';

export interface AnnonceFilterValues {
  q?: string;
  transaction?: 'SALE' | 'RENT';
  statusCode?: string[];
  propertyType?: string[];
  city?: string;
  zoneCode?: string[];
  /** Euros in the form, cents in the query. */
  priceMin?: number | null;
  priceMax?: number | null;
  roomsMin?: number | null;
  features?: string[];
}

const ARRAYS = ['statusCode', 'propertyType', 'zoneCode', 'features'] as const;

/** Form values → API query filters (every field is returned so a cleared field clears its filter). */
export function filtersFromForm(v: AnnonceFilterValues): CrudFilter[] {
  const eq = (field: string, value: unknown): CrudFilter => ({
    field,
    operator: 'eq',
    value: value === null || value === '' ? undefined : value,
  });
  return [
    { field: 'q', operator: 'contains', value: v.q?.trim() || undefined },
    eq('transaction', v.transaction),
    ...ARRAYS.map((f): CrudFilter => ({ field: f, operator: 'in', value: v[f]?.length ? v[f] : undefined })),
    eq('city', v.city?.trim()),
    eq('priceMin', toCents(v.priceMin) ?? undefined),
    eq('priceMax', toCents(v.priceMax) ?? undefined),
    eq('roomsMin', v.roomsMin),
  ];
}

const valueOf = (filters: CrudFilter[], field: string): unknown =>
  filters.find((f) => 'field' in f && f.field === field)?.value;

/** Zones of the ZONE dictionary, only those of the typed city when it has some. */
export function useZoneOptions(city: string | null | undefined) {
  const zones = useDictionary('ZONE');
  const key = (s: unknown) =>
    typeof s === 'string'
      ? s
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase()
          .trim()
      : '';
  const inCity = zones.entries.filter((e) => city && key(e.metadata?.city) === key(city));
  const list = inCity.length ? inCity : zones.entries;
  return list.map((e) => ({ value: e.code, label: zones.label(e.code) }));
}

/** The filter bar of the listing cards; its values come back from the URL on reload. */
export function AnnonceFilters({ formProps, filters }: { formProps: FormProps; filters: CrudFilter[] }) {
  const { t } = useTranslation('annonces');
  const statuses = useDictionary('CASE_STATUS');
  const types = useDictionary('PROPERTY_TYPE');
  const features = useDictionary('FEATURE');
  const form = formProps.form;
  const city = Form.useWatch<string | undefined>('city', form);
  const zones = useZoneOptions(city);
  const listingStatuses = statuses.entries
    .filter((e) => e.metadata?.entity === 'ANNONCE')
    .map((e) => ({ value: e.code, label: statuses.label(e.code) }));

  // Refine restores plain fields; arrays and cents need converting from the URL's strings.
  useEffect(() => {
    const num = (field: string) => {
      const raw = valueOf(filters, field);
      return raw === undefined ? undefined : Number(raw);
    };
    const list = (field: string) => {
      const raw = valueOf(filters, field);
      return raw === undefined ? undefined : Array.isArray(raw) ? raw : [raw];
    };
    form?.setFieldsValue({
      priceMin: toEuros(num('priceMin')) ?? undefined,
      priceMax: toEuros(num('priceMax')) ?? undefined,
      roomsMin: num('roomsMin'),
      ...Object.fromEntries(ARRAYS.map((f) => [f, list(f)])),
    });
    // Only on mount: afterwards the form is the source of the filters.
  }, []);

  const multi = { mode: 'multiple' as const, allowClear: true, maxTagCount: 2, style: { minWidth: 170 } };
  return (
    <Form
      {...formProps}
      layout="inline"
      style={{ marginBottom: 16, rowGap: 8 }}
      data-testid="annonce-filters"
    >
      <Form.Item name="q" label={t('filters.search')}>
        <Input allowClear placeholder={t('filters.searchPlaceholder')} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="transaction" label={t('field.transaction')}>
        <Select
          allowClear
          style={{ width: 130 }}
          options={[
            { value: 'SALE', label: t('transaction.SALE') },
            { value: 'RENT', label: t('transaction.RENT') },
          ]}
        />
      </Form.Item>
      <Form.Item name="statusCode" label={t('field.status')}>
        <Select {...multi} options={listingStatuses} />
      </Form.Item>
      <Form.Item name="propertyType" label={t('field.propertyType')}>
        <Select {...multi} options={types.options} />
      </Form.Item>
      <Form.Item name="city" label={t('field.city')}>
        <Input allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="zoneCode" label={t('field.zone')}>
        <Select {...multi} options={zones} />
      </Form.Item>
      <Form.Item name="priceMin" label={t('filters.priceMin')}>
        <InputNumber min={0} step={10000} style={{ width: 120 }} suffix="€" />
      </Form.Item>
      <Form.Item name="priceMax" label={t('filters.priceMax')}>
        <InputNumber min={0} step={10000} style={{ width: 120 }} suffix="€" />
      </Form.Item>
      <Form.Item name="roomsMin" label={t('filters.roomsMin')}>
        <InputNumber min={0} max={50} style={{ width: 80 }} />
      </Form.Item>
      <Form.Item name="features" label={t('field.features')}>
        <Select {...multi} options={features.options} />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" type="primary" icon={<SearchOutlined />}>
          {t('filters.apply')}
        </Button>
      </Form.Item>
    </Form>
  );
}
