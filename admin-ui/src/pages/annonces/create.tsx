import { Create, useForm } from '@refinedev/antd';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { AnnonceFields, bodyOf } from './form-fields';
import type { Annonce } from './types';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

/** New listing; it starts in the initial status of the published ANNONCE workflow. */
export default function AnnonceCreate() {
  const { t } = useTranslation('annonces');
  const { formProps, saveButtonProps } = useForm<Annonce>({
    resource: 'annonces',
    action: 'create',
    redirect: 'show',
  });
  return (
    <Create goBack={backIcon} title={pageTitle(t('form.createTitle'))} saveButtonProps={saveButtonProps}>
      <Form
        {...formProps}
        layout="vertical"
        initialValues={{ transaction: 'SALE', features: [] }}
        onFinish={(values) =>
          formProps.onFinish?.(bodyOf(values as Record<string, unknown>, true) as unknown as Annonce)
        }
      >
        <AnnonceFields />
      </Form>
    </Create>
  );
}
