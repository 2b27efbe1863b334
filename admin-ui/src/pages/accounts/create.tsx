import { Create, useForm } from '@refinedev/antd';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { AccountFields } from './form-fields';
import type { Account } from './types';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

export default function AccountCreate() {
  const { t } = useTranslation('agent');
  const { formProps, saveButtonProps } = useForm<Account>({
    resource: 'accounts',
    action: 'create',
    redirect: 'show',
  });
  return (
    <Create goBack={backIcon} title={pageTitle(t('accounts.create'))} saveButtonProps={saveButtonProps}>
      <Form {...formProps} layout="vertical" initialValues={{ type: 'PROSPECT' }}>
        <AccountFields creating />
      </Form>
    </Create>
  );
}
