import { useSelect } from '@refinedev/antd';
import { useInvalidate } from '@refinedev/core';
import { App, Button, Descriptions, Form, Modal, Radio, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ok, type Reply, type Schemas, type Sent } from '../../api/client';
import { errorMessage } from '../../providers/http';

type Contact = Sent<Schemas['Contact']>;

/** A dry run's plan: the answer's schema leaves its fields open, so they are named here. */
type Plan = Reply<'/api/v1/contacts/merge', 'post'> & {
  survivorId: string;
  duplicateId: string;
  moves: Record<string, number>;
  kept: Record<string, number>;
  tags: string[];
};

/** Merge duplicates: pick the other contact and the survivor, preview what moves, then merge. */
export function MergeDialog({
  contact,
  open,
  onClose,
}: {
  contact: Contact;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('agent');
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [otherId, setOtherId] = useState<string>();
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const [plan, setPlan] = useState<Plan | null>(null);
  const [busy, setBusy] = useState(false);
  const { selectProps } = useSelect<Contact>({
    resource: 'contacts',
    optionLabel: (c) => `${c.firstName} ${c.lastName} <${c.email}>`,
    optionValue: 'id',
    onSearch: (value) => [{ field: 'q', operator: 'contains', value }],
    pagination: { pageSize: 20, mode: 'server' },
    queryOptions: { enabled: open },
  });
  const pair = () => {
    if (!otherId) return null;
    return keep === 'this'
      ? { survivorId: contact.id, duplicateId: otherId }
      : { survivorId: otherId, duplicateId: contact.id };
  };

  const run = async (dryRun: boolean) => {
    const ids = pair();
    if (!ids) return;
    setBusy(true);
    try {
      const answer = await ok(api.POST('/api/v1/contacts/merge', { body: { ...ids, dryRun } }));
      if (dryRun) setPlan(answer as Plan);
      else {
        notification.success({ message: t('merge.done') });
        await invalidate({ resource: 'contacts', invalidates: ['all'] });
        onClose();
        void navigate(`/contacts/show/${ids.survivorId}`);
      }
    } catch (err) {
      notification.error({ message: t('merge.failed'), description: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('merge.title')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common:buttons.cancel')}
        </Button>,
        <Button key="preview" disabled={!otherId} loading={busy && !plan} onClick={() => void run(true)}>
          {t('merge.preview')}
        </Button>,
        <Button
          key="merge"
          type="primary"
          danger
          disabled={!plan}
          loading={busy && !!plan}
          onClick={() => void run(false)}
        >
          {t('merge.confirm')}
        </Button>,
      ]}
    >
      <Form layout="vertical">
        <Form.Item label={t('merge.other')} htmlFor="merge-other">
          <Select
            id="merge-other"
            {...selectProps}
            options={selectProps.options?.filter((o) => o.value !== contact.id)}
            value={otherId as never}
            onChange={(v) => {
              setOtherId(v as unknown as string);
              setPlan(null);
            }}
          />
        </Form.Item>
        <Form.Item label={t('merge.survivor')}>
          <Radio.Group
            value={keep}
            onChange={(e) => {
              setKeep(e.target.value as 'this' | 'other');
              setPlan(null);
            }}
            options={[
              { value: 'this', label: `${contact.firstName} ${contact.lastName}` },
              { value: 'other', label: t('merge.otherContact') },
            ]}
          />
        </Form.Item>
      </Form>
      {plan ? (
        <Descriptions size="small" column={1} bordered title={t('merge.plan')} data-testid="merge-plan">
          {Object.entries(plan.moves).map(([table, n]) => (
            <Descriptions.Item key={table} label={t(`merge.tables.${table}`, { defaultValue: table })}>
              {t('merge.moves', { count: n })}
            </Descriptions.Item>
          ))}
          {Object.entries(plan.kept).map(([table, n]) => (
            <Descriptions.Item
              key={`kept-${table}`}
              label={t(`merge.tables.${table}`, { defaultValue: table })}
            >
              <Typography.Text type="warning">{t('merge.kept', { count: n })}</Typography.Text>
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('contact.tags')}>
            {plan.tags.length ? plan.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—'}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </Modal>
  );
}
