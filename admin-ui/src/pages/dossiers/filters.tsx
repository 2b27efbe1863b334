import { SearchOutlined } from '@ant-design/icons';
import type { CrudFilter } from '@refinedev/core';
import { Button, DatePicker, Form, Input, InputNumber, Select, type FormProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionary } from '../../components/dictionary';
import { useUsers } from '../../components/users';

export interface DossierFilterValues {
  q?: string;
  caseType?: string;
  statusCode?: string[];
  assignedAgentId?: string;
  source?: string;
  budgetFrom?: number | null;
  budgetTo?: number | null;
  period?: [Dayjs | null, Dayjs | null] | null;
}

/** Form values → API query filters (every field is returned so a cleared field clears its filter). */
export function filtersFromForm(v: DossierFilterValues): CrudFilter[] {
  const [from, to] = v.period ?? [null, null];
  const eq = (field: string, value: unknown): CrudFilter => ({
    field,
    operator: 'eq',
    value: value === null || value === '' ? undefined : value,
  });
  return [
    { field: 'q', operator: 'contains', value: v.q?.trim() || undefined },
    eq('caseType', v.caseType),
    { field: 'statusCode', operator: 'in', value: v.statusCode?.length ? v.statusCode : undefined },
    eq('assignedAgentId', v.assignedAgentId),
    eq('source', v.source),
    eq('budgetFrom', v.budgetFrom),
    eq('budgetTo', v.budgetTo),
    eq('createdFrom', from ? from.startOf('day').toISOString() : undefined),
    eq('createdTo', to ? to.add(1, 'day').startOf('day').toISOString() : undefined),
  ];
}

const valueOf = (filters: CrudFilter[], field: string): unknown =>
  filters.find((f) => 'field' in f && f.field === field)?.value;

/** The filter bar of the dossier list; its values come back from the URL on reload. */
export function DossierFilters({ formProps, filters }: { formProps: FormProps; filters: CrudFilter[] }) {
  const { t } = useTranslation('agent');
  const caseTypes = useDictionary('CASE_TYPE', { entity: 'DOSSIER' });
  const statuses = useDictionary('CASE_STATUS', { entity: 'DOSSIER' });
  const sources = useDictionary('LEAD_SOURCE');
  const users = useUsers();
  const form = formProps.form;

  // Refine restores plain fields itself; the period and numbers need converting from the URL's strings.
  useEffect(() => {
    const from = valueOf(filters, 'createdFrom');
    const to = valueOf(filters, 'createdTo');
    const num = (field: string) => {
      const raw = valueOf(filters, field);
      return raw === undefined ? undefined : Number(raw);
    };
    const status = valueOf(filters, 'statusCode');
    form?.setFieldsValue({
      period:
        from || to
          ? [from ? dayjs(String(from)) : null, to ? dayjs(String(to)).subtract(1, 'day') : null]
          : null,
      budgetFrom: num('budgetFrom'),
      budgetTo: num('budgetTo'),
      statusCode: status === undefined ? undefined : Array.isArray(status) ? status : [status],
    });
    // Only on mount: afterwards the form is the source of the filters.
  }, []);

  return (
    <Form
      {...formProps}
      layout="inline"
      style={{ marginBottom: 16, rowGap: 8 }}
      data-testid="dossier-filters"
    >
      <Form.Item name="q" label={t('filters.search')}>
        <Input allowClear placeholder={t('filters.searchDossiers')} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="caseType" label={t('dossier.caseType')}>
        <Select allowClear options={caseTypes.options} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="statusCode" label={t('dossier.status')}>
        <Select
          mode="multiple"
          allowClear
          options={statuses.options}
          style={{ minWidth: 160 }}
          maxTagCount={2}
        />
      </Form.Item>
      <Form.Item name="assignedAgentId" label={t('dossier.agent')}>
        <Select allowClear options={users.options} style={{ width: 180 }} />
      </Form.Item>
      <Form.Item name="source" label={t('dossier.source')}>
        <Select allowClear options={sources.options} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="budgetFrom" label={t('filters.budgetFrom')}>
        <InputNumber min={0} step={10000} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="budgetTo" label={t('filters.budgetTo')}>
        <InputNumber min={0} step={10000} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="period" label={t('filters.period')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" type="primary" icon={<SearchOutlined />}>
          {t('filters.apply')}
        </Button>
      </Form.Item>
    </Form>
  );
}
