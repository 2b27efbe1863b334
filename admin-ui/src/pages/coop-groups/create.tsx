import { Create, useForm } from '@refinedev/antd';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CoopGroup } from '../../coop/types';
import { GroupFields } from './form-fields';
import { bodyOf, formValuesOf, type GroupFormValues } from './rules-fields';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

/** New cooperative group: it starts in the initial status of the COOP_GROUP workflow. */
export default function GroupCreate() {
  const { t } = useTranslation('coop');
  const { formProps, saveButtonProps } = useForm<CoopGroup>({
    resource: 'coop/groups',
    action: 'create',
    redirect: 'show',
  });
  return (
    <Create goBack={backIcon} title={pageTitle(t('group.create'))} saveButtonProps={saveButtonProps}>
      <Form
        {...formProps}
        layout="vertical"
        initialValues={formValuesOf()}
        onFinish={(values) => formProps.onFinish?.(bodyOf(values as GroupFormValues) as unknown as CoopGroup)}
      >
        <GroupFields />
      </Form>
    </Create>
  );
}
