import { Create, useForm } from '@refinedev/antd';
import { useList } from '@refinedev/core';
import { Alert, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { can } from '../../studio/access';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

interface Values {
  email: string;
  fullName: string;
  password: string;
  roles: string[];
}

/** Create (invite) a user with an initial password and roles; the server's field errors show inline. */
export default function UserCreate() {
  const { t } = useTranslation('studio');
  const { formProps, saveButtonProps } = useForm<Values>({
    resource: 'users',
    action: 'create',
    redirect: 'list',
  });
  const { result: roles } = useList<{ code: string; name: string }>({
    resource: 'roles',
    pagination: { mode: 'off' },
  });
  if (!can('USER_ADMIN')) return <Alert type="warning" showIcon message={t('common.forbidden')} />;
  return (
    <Create goBack={backIcon} title={pageTitle(t('users.create'))} saveButtonProps={saveButtonProps}>
      <Form {...formProps} layout="vertical" style={{ maxWidth: 520 }} initialValues={{ roles: ['AGENT'] }}>
        <Form.Item name="fullName" label={t('users.fullName')} rules={[{ required: true }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ required: true }, { type: 'email' }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          extra={t('users.passwordHelp')}
          rules={[{ required: true }, { min: 8 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={roles.data.map((r) => ({ value: r.code, label: `${r.code} — ${r.name}` }))}
          />
        </Form.Item>
      </Form>
    </Create>
  );
}
