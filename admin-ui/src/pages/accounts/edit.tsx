import { Edit, useForm } from '@refinedev/antd';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { AccountFields } from './form-fields';
import type { Account } from './types';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

export default function AccountEdit() {
  const { t } = useTranslation('agent');
  const { formProps, saveButtonProps } = useForm<Account>({
    resource: 'accounts',
    action: 'edit',
    redirect: 'show',
  });
  return (
    <Edit
      goBack={backIcon}
      title={pageTitle(t('accounts.edit'))}
      saveButtonProps={saveButtonProps}
      canDelete={false}
    >
      <Form
        {...formProps}
        layout="vertical"
        onFinish={(values) => {
          const v = { ...(values as Record<string, unknown>) };
          for (const k of ['city', 'country']) if (v[k] === undefined || v[k] === '') v[k] = null;
          return formProps.onFinish?.(v as unknown as Account);
        }}
      >
        <Form.Item name="version" hidden>
          <input type="hidden" />
        </Form.Item>
        <AccountFields creating={false} />
      </Form>
    </Edit>
  );
}
