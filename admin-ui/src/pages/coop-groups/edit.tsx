import { Edit, useForm } from '@refinedev/antd';
import { Form } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoopGroup } from '../../coop/types';
import { GroupFields } from './form-fields';
import { bodyOf, formValuesOf, type GroupFormValues } from './rules-fields';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

/** Edit a group and its rules; the version read is sent back (a stale edit is refused with 409). */
export default function GroupEdit() {
  const { t } = useTranslation('coop');
  const { formProps, saveButtonProps, query } = useForm<CoopGroup>({
    resource: 'coop/groups',
    action: 'edit',
    redirect: 'show',
  });
  const group = query?.data?.data;
  const { form } = formProps;
  // The API's rules become the editor's values (penalty kind "NONE", indexation switch).
  useEffect(() => {
    if (group && form) form.setFieldsValue(formValuesOf(group.rules));
  }, [group, form]);
  return (
    <Edit
      goBack={backIcon}
      title={pageTitle(t('group.edit'))}
      saveButtonProps={saveButtonProps}
      canDelete={false}
    >
      <Form
        {...formProps}
        layout="vertical"
        onFinish={(values) => formProps.onFinish?.(bodyOf(values as GroupFormValues) as unknown as CoopGroup)}
      >
        <Form.Item name="version" hidden>
          <input type="hidden" />
        </Form.Item>
        <GroupFields />
      </Form>
    </Edit>
  );
}
