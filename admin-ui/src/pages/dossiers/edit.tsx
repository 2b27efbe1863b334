import { Edit, useForm } from '@refinedev/antd';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { DossierFields, withNulls } from './form-fields';
import type { Dossier } from './types';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

/** Edit a dossier's business fields; the version it was read at is sent for optimistic locking. */
export default function DossierEdit() {
  const { t } = useTranslation('agent');
  const { formProps, saveButtonProps, query } = useForm<Dossier>({
    resource: 'dossiers',
    action: 'edit',
    redirect: 'show',
  });
  const dossier = query?.data?.data;

  return (
    <Edit
      goBack={backIcon}
      title={pageTitle(t('dossiers.edit'))}
      saveButtonProps={saveButtonProps}
      canDelete={false}
    >
      <Form
        {...formProps}
        layout="vertical"
        onFinish={(values) =>
          formProps.onFinish?.(withNulls(values as Record<string, unknown>) as unknown as Dossier)
        }
      >
        <Form.Item name="version" hidden>
          <input type="hidden" />
        </Form.Item>
        <DossierFields creating={false} contactId={dossier?.contactId} />
      </Form>
    </Edit>
  );
}
