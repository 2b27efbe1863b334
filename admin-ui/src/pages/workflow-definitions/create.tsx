import { Create, useForm } from '@refinedev/antd';
import { App, Alert, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ok } from '../../api/client';
import { can } from '../../studio/access';
import { studioApi, type DefinitionVersion } from '../../studio/api';
import type { WorkflowDefinitionBody } from '../../studio/definition-model';
import { useDictionaryOptions } from '../../studio/use-case-statuses';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

interface Values {
  caseType: string;
  start: 'copy' | 'blank';
  nameFr?: string;
  nameEn?: string;
}

/** The smallest valid pipeline: NEW → WON | LOST. */
function skeleton(v: Values): WorkflowDefinitionBody {
  const name = { ...(v.nameFr ? { fr: v.nameFr } : {}), ...(v.nameEn ? { en: v.nameEn } : {}) };
  return {
    caseType: v.caseType,
    ...(Object.keys(name).length ? { name } : {}),
    states: [
      { code: 'NEW', initial: true },
      { code: 'WON', terminal: true, reasonType: 'WON' },
      { code: 'LOST', terminal: true, reasonType: 'LOSS' },
    ],
    transitions: [
      { from: 'NEW', to: 'WON', permission: 'CRM_DEALS_STAGE_CHANGE' },
      { from: 'NEW', to: 'LOST', permission: 'CRM_DEALS_STAGE_CHANGE' },
    ],
  };
}

/** Start a draft: a copy of the live version of a case type, or a blank pipeline. */
export default function DefinitionCreate() {
  const { t } = useTranslation('studio');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const caseTypes = useDictionaryOptions('CASE_TYPE');
  const { formProps, saveButtonProps, onFinish } = useForm<DefinitionVersion, never, Values>({
    resource: 'workflow-definitions',
    action: 'create',
    redirect: false,
    onMutationSuccess: ({ data }) => navigate(`/workflow-definitions/edit/${data.id}`),
  });

  const submit = async (values: Values) => {
    if (values.start === 'blank') {
      await onFinish(skeleton(values) as unknown as Values);
      return;
    }
    try {
      const live = await ok(
        api.GET('/api/v1/workflow-definitions', {
          params: { query: { caseType: values.caseType, status: 'PUBLISHED', pageSize: 1 } },
        }),
      );
      const source = live.data[0];
      if (!source) {
        message.warning(t('definitions.noLiveVersion', { caseType: values.caseType }));
        return;
      }
      const draft = await studioApi.newDraft(source.id);
      void navigate(`/workflow-definitions/edit/${draft.id}`);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  if (!can('WORKFLOW_ADMIN')) return <Alert type="warning" showIcon message={t('common.forbidden')} />;
  return (
    <Create
      goBack={backIcon}
      title={pageTitle(t('definitions.create'))}
      saveButtonProps={{ ...saveButtonProps, children: t('definitions.startDraft') }}
    >
      <Form<Values>
        {...formProps}
        layout="vertical"
        initialValues={{ start: 'copy' }}
        onFinish={(v) => void submit(v)}
        style={{ maxWidth: 560 }}
      >
        <Form.Item
          name="caseType"
          label={t('definitions.caseType')}
          rules={[{ required: true }]}
          extra={t('definitions.caseTypeHelp')}
        >
          <Select showSearch options={caseTypes.options} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="start" label={t('definitions.startFrom')}>
          <Radio.Group
            options={[
              { value: 'copy', label: t('definitions.startCopy') },
              { value: 'blank', label: t('definitions.startBlank') },
            ]}
          />
        </Form.Item>
        <Form.Item name="nameFr" label={t('definitions.nameFr')}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('definitions.nameEn')}>
          <Input />
        </Form.Item>
      </Form>
    </Create>
  );
}
