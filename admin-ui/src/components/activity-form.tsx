import { useForm } from '@refinedev/antd';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Radio, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useDictionary } from './dictionary';
import { FormSelect } from './form-select';

interface ActivityValues {
  type: string;
  direction?: string;
  subject?: string;
  content?: string;
  dueAt?: Dayjs | null;
}

const TASK_TYPES = new Set(['TASK', 'FOLLOW_UP']);

/** Log an activity, a note or a task on a dossier and/or contact; server field errors show inline. */
export function ActivityForm({ dossierId, contactId }: { dossierId?: string; contactId?: string | null }) {
  const { t } = useTranslation('agent');
  const types = useDictionary('ACTIVITY_TYPE');
  const queryClient = useQueryClient();
  const { formProps, saveButtonProps, form } = useForm<Record<string, unknown>, never, ActivityValues>({
    resource: 'activities',
    action: 'create',
    redirect: false,
    warnWhenUnsavedChanges: false,
    successNotification: () => ({ type: 'success', message: t('activity.saved') }),
    onMutationSuccess: () => {
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
  const type = Form.useWatch('type', form);

  return (
    <Card size="small" title={t('activity.title')} data-testid="activity-form">
      <Form
        {...formProps}
        name="activity"
        layout="vertical"
        initialValues={{ type: 'NOTE', direction: 'INTERNAL' }}
        onFinish={(values) => {
          const v = values as ActivityValues;
          return formProps.onFinish?.({
            type: v.type,
            direction: v.direction ?? 'INTERNAL',
            subject: v.subject || null,
            content: v.content || null,
            dueAt: v.dueAt ? v.dueAt.toISOString() : null,
            ...(dossierId ? { dossierId } : {}),
            ...(contactId ? { contactId } : {}),
          } as unknown as ActivityValues);
        }}
      >
        <Space wrap align="start">
          <Form.Item name="type" label={t('activity.type')} rules={[{ required: true }]}>
            <FormSelect options={types.options} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="direction" label={t('activity.direction')}>
            <Radio.Group
              optionType="button"
              options={['IN', 'OUT', 'INTERNAL'].map((d) => ({
                value: d,
                label: t(`activity.directions.${d}`),
              }))}
            />
          </Form.Item>
          {TASK_TYPES.has(type ?? '') ? (
            <Form.Item
              name="dueAt"
              label={t('activity.dueAt')}
              rules={[{ required: true, message: t('activity.dueRequired') }]}
            >
              <DatePicker showTime />
            </Form.Item>
          ) : null}
        </Space>
        <Form.Item name="subject" label={t('activity.subject')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="content" label={t('activity.content')}>
          <Input.TextArea rows={3} maxLength={20000} />
        </Form.Item>
        <Button type="primary" {...saveButtonProps}>
          {t('activity.submit')}
        </Button>
      </Form>
    </Card>
  );
}
