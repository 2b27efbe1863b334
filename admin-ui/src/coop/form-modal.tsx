import { App, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../providers/http';
import { useRefreshCoop } from './api';

/**
 * A dialog around a form that calls the API: client checks first, then the server's field errors
 * shown inline under their fields (other refusals as a notification), then every coop query refreshed.
 */
export function FormModal<V extends object>({
  title,
  okText,
  success,
  failure,
  onSubmit,
  onClose,
  initialValues,
  children,
  testId,
  width,
}: {
  title: ReactNode;
  okText?: string;
  success: string;
  failure: string;
  onSubmit: (values: V, form: FormInstance<V>) => Promise<unknown>;
  onClose: () => void;
  initialValues?: Partial<V>;
  children: ReactNode;
  testId?: string;
  width?: number;
}) {
  const { t } = useTranslation('coop');
  const { notification } = App.useApp();
  const refresh = useRefreshCoop();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    try {
      await onSubmit(values, form);
      notification.success({ message: success });
      await refresh();
      onClose();
    } catch (err) {
      const fields = err instanceof ApiError ? Object.entries(err.errors ?? {}) : [];
      const shown = form.getFieldsValue() as Record<string, unknown>;
      const known = fields.filter(([name]) => name.split('.')[0]! in shown);
      if (known.length)
        form.setFields(
          known.map(([name, message]) => ({ name: name.split('.') as never, errors: [message] })),
        );
      else notification.error({ message: failure, description: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      width={width}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<V> form={form} layout="vertical" initialValues={initialValues} data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}
