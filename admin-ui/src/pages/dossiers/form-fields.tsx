import { useSelect } from '@refinedev/antd';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useDictionary } from '../../components/dictionary';
import { useUsers } from '../../components/users';
import type { Schemas, Sent } from '../../api/client';

type ContactOption = Pick<Sent<Schemas['Contact']>, 'id' | 'firstName' | 'lastName' | 'email'>;

/** Fields that may be cleared: an emptied input is sent as null so the server clears it too. */
export const NULLABLE = [
  'contactId',
  'assignedAgentId',
  'source',
  'budgetMin',
  'budgetMax',
  'locationZone',
  'amount',
  'probability',
  'expectedCloseDate',
] as const;

export function withNulls(values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const key of NULLABLE) if (key in out && (out[key] === undefined || out[key] === '')) out[key] = null;
  return out;
}

const dateProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** The business fields of a dossier form (status changes only through transitions). */
export function DossierFields({ creating, contactId }: { creating: boolean; contactId?: string | null }) {
  const { t } = useTranslation('agent');
  const caseTypes = useDictionary('CASE_TYPE', { entity: 'DOSSIER' });
  const sources = useDictionary('LEAD_SOURCE');
  const users = useUsers();
  const { selectProps: contactSelect } = useSelect<ContactOption>({
    resource: 'contacts',
    optionLabel: (c) => `${c.firstName} ${c.lastName} <${c.email}>`,
    optionValue: 'id',
    defaultValue: contactId ?? undefined,
    onSearch: (value) => [{ field: 'q', operator: 'contains', value }],
    pagination: { pageSize: 20, mode: 'server' },
    debounce: 300,
  });

  return (
    <Row gutter={16}>
      {creating ? (
        <Col xs={24} md={12}>
          <Form.Item
            name="caseType"
            label={t('dossier.caseType')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select id="caseType" options={caseTypes.options} />
          </Form.Item>
        </Col>
      ) : null}
      <Col xs={24} md={creating ? 12 : 24}>
        <Form.Item
          name="title"
          label={t('dossier.title')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input id="title" maxLength={300} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="contactId" label={t('dossier.contact')}>
          <Select id="contactId" allowClear {...contactSelect} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="assignedAgentId" label={t('dossier.agent')}>
          <Select id="assignedAgentId" allowClear options={users.options} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="source" label={t('dossier.source')}>
          <Select id="source" allowClear options={sources.options} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name="budgetMin" label={t('dossier.budgetMin')}>
          <InputNumber id="budgetMin" min={0} step={10000} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name="budgetMax" label={t('dossier.budgetMax')}>
          <InputNumber id="budgetMax" min={0} step={10000} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name="amount" label={t('dossier.amount')}>
          <InputNumber id="amount" min={0} step={10000} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name="probability" label={t('dossier.probability')}>
          <InputNumber id="probability" min={0} max={100} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="expectedCloseDate" label={t('dossier.expectedCloseDate')} {...dateProps}>
          <DatePicker id="expectedCloseDate" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="locationZone" label={t('dossier.locationZone')}>
          <Input id="locationZone" maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}
