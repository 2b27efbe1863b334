import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DictType } from '../../../definitions/dictionary-defaults.js';
import { api, ok } from '../api/client';
import { ApiError } from '../providers/http';
import type { DictionaryEntry } from './dictionary-types';

interface Values {
  code: string;
  label: string;
  labelFr?: string;
  labelAr?: string;
}

interface Props {
  dictType: DictType;
  /** null = create; an entry = edit it (a global one gets a tenant override). */
  entry: DictionaryEntry | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

/** Create or edit an entry: code (creation only) and labels fr/en/ar; the server's field errors show inline. */
export function DictionaryEntryForm({ dictType, entry, open, onClose, onSaved }: Props) {
  const { t } = useTranslation('studio');
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (entry)
      form.setFieldsValue({
        code: entry.code,
        label: entry.label,
        labelFr: entry.labelFr ?? '',
        labelAr: entry.labelAr ?? '',
      });
  }, [open, entry, form]);

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    const labels = { label: values.label, labelFr: values.labelFr || null, labelAr: values.labelAr || null };
    try {
      if (entry) {
        await ok(
          api.PATCH('/api/v1/dictionaries/{id}', {
            params: { path: { id: entry.id } },
            body: { version: entry.version, ...labels },
          }),
        );
      } else {
        await ok(api.POST('/api/v1/dictionaries', { body: { dictType, code: values.code, ...labels } }));
      }
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.problem?.errors?.length) {
        form.setFields(
          err.problem.errors.map((e) => ({ name: e.field as keyof Values, errors: [e.message] })),
        );
      }
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={
        entry
          ? t('dictionaries.editTitle', { code: entry.code })
          : t('dictionaries.addTitle', { type: dictType })
      }
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} name="dictionary-entry">
        <Form.Item
          name="code"
          label={t('dictionaries.code')}
          extra={t('dictionaries.codeHelp')}
          rules={[
            { required: true },
            { pattern: /^[A-Z][A-Z0-9_]{1,63}$/, message: t('dictionaries.codePattern') },
          ]}
        >
          <Input disabled={!!entry} autoComplete="off" />
        </Form.Item>
        <Form.Item name="labelFr" label={t('dictionaries.labelFr')}>
          <Input lang="fr" />
        </Form.Item>
        <Form.Item name="label" label={t('dictionaries.labelEn')} rules={[{ required: true }]}>
          <Input lang="en" />
        </Form.Item>
        <Form.Item name="labelAr" label={t('dictionaries.labelAr')}>
          <Input dir="rtl" lang="ar" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
