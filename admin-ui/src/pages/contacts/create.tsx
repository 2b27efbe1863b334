import { Create } from '@refinedev/antd';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { ContactFields } from './form-fields';
import { useContactForm } from './use-contact-form';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

export default function ContactCreate() {
  const { t } = useTranslation('agent');
  const { formProps, saveButtonProps, duplicate } = useContactForm('create');
  return (
    <Create goBack={backIcon} title={pageTitle(t('contacts.create'))} saveButtonProps={saveButtonProps}>
      <Form {...formProps} layout="vertical">
        <ContactFields duplicate={duplicate} />
      </Form>
    </Create>
  );
}
