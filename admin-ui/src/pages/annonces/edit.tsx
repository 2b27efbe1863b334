import { Edit, useForm } from '@refinedev/antd';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { AnnonceFields, bodyOf } from './form-fields';
import type { Annonce } from './types';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

/** Edit a listing; the version it was read at is sent for optimistic locking (stale → 409). */
export default function AnnonceEdit() {
  const { t } = useTranslation('annonces');
  const { formProps, saveButtonProps } = useForm<Annonce>({
    resource: 'annonces',
    action: 'edit',
    redirect: 'show',
  });
  return (
    <Edit
      goBack={backIcon}
      title={pageTitle(t('form.editTitle'))}
      saveButtonProps={saveButtonProps}
      canDelete={false}
    >
      <Form
        {...formProps}
        layout="vertical"
        onFinish={(values) =>
          formProps.onFinish?.(bodyOf(values as Record<string, unknown>, false) as unknown as Annonce)
        }
      >
        <Form.Item name="version" hidden>
          <input type="hidden" />
        </Form.Item>
        <AnnonceFields />
      </Form>
    </Edit>
  );
}
