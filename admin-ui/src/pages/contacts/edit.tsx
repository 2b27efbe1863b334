import { Edit } from '@refinedev/antd';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { ContactFields } from './form-fields';
import type { Schemas, Sent } from '../../api/client';

type Contact = Sent<Schemas['Contact']>;
import { useContactForm } from './use-contact-form';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

const NULLABLE = ['phone', 'source', 'assignedAgentId'] as const;

/** Edit a contact (optimistic locking through its version). */
export default function ContactEdit() {
  const { t } = useTranslation('agent');
  const { formProps, saveButtonProps, duplicate } = useContactForm('edit');
  return (
    <Edit
      goBack={backIcon}
      title={pageTitle(t('contacts.edit'))}
      saveButtonProps={saveButtonProps}
      canDelete={false}
    >
      <Form
        {...formProps}
        layout="vertical"
        onFinish={(values) => {
          const v = { ...(values as Record<string, unknown>) };
          for (const k of NULLABLE) if (v[k] === undefined || v[k] === '') v[k] = null;
          return formProps.onFinish?.(v as unknown as Contact);
        }}
      >
        <Form.Item name="version" hidden>
          <input type="hidden" />
        </Form.Item>
        <ContactFields duplicate={duplicate} />
      </Form>
    </Edit>
  );
}
