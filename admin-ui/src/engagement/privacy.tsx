import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { ApiError, errorMessage } from '../providers/http';
import { AS_FILE, saveExport } from '../studio/api';
import { can } from './api';

/** Downloads GET /contacts/:id/personal-data (bearer token) as a JSON file; EXPORT permission only. */
export function ExportPersonalDataButton({ contactId }: { contactId: string }) {
  const { t } = useTranslation('engagement');
  const { notification } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!can('EXPORT')) return null;
  const download = async () => {
    setBusy(true);
    try {
      await saveExport(
        api.GET('/api/v1/contacts/{id}/personal-data', { params: { path: { id: contactId } }, ...AS_FILE }),
        `contact-${contactId}.json`,
      );
      notification.success({ message: t('privacy.exported') });
    } catch (err) {
      notification.error({ message: t('privacy.failed'), description: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void download()}>
      {t('privacy.export')}
    </Button>
  );
}

interface EraseValues {
  reason: string;
  confirmEmail: string;
}

/** Erasure (F-6.5) behind a dialog that asks for the contact's email; CRM_CONTACTS_DELETE only. */
export function EraseContactButton({
  contactId,
  email,
  onErased,
}: {
  contactId: string;
  email: string;
  onErased: () => void;
}) {
  const { t } = useTranslation('engagement');
  const { notification } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<EraseValues>();
  const typed = Form.useWatch('confirmEmail', form) as string | undefined;
  if (!can('CRM_CONTACTS_DELETE')) return null;
  const matches = (typed ?? '').trim().toLowerCase() === email.toLowerCase();

  const erase = async (v: EraseValues) => {
    setBusy(true);
    try {
      await ok(api.POST('/api/v1/contacts/{id}/erase', { params: { path: { id: contactId } }, body: v }));
      notification.success({ message: t('privacy.erased') });
      setOpen(false);
      onErased();
    } catch (err) {
      if (err instanceof ApiError && err.errors)
        form.setFields(
          Object.entries(err.errors).map(([name, msg]) => ({
            name: name as keyof EraseValues,
            errors: [msg],
          })),
        );
      else notification.error({ message: t('privacy.failed'), description: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button danger icon={<DeleteOutlined />} onClick={() => setOpen(true)}>
        {t('privacy.erase')}
      </Button>
      <Modal
        open={open}
        title={t('privacy.eraseTitle')}
        onCancel={() => setOpen(false)}
        okText={t('privacy.confirm')}
        okButtonProps={{ danger: true, disabled: !matches }}
        cancelText={t('common:buttons.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Alert type="error" showIcon message={t('privacy.eraseWarning')} style={{ marginBottom: 16 }} />
        <Form<EraseValues> form={form} layout="vertical" name="erase" onFinish={(v) => void erase(v)}>
          <Form.Item name="reason" label={t('privacy.reason')} rules={[{ required: true, min: 3 }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="confirmEmail"
            label={t('privacy.confirmEmail', { email })}
            rules={[{ required: true }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
