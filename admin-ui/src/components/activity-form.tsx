import { useForm } from '@refinedev/antd';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, DatePicker, Form, Input, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useDictionary } from './dictionary';
import { FormSelect } from './form-select';
import { useUsers } from './users';

interface ActivityValues {
  type: string;
  direction?: string;
  subject?: string;
  content?: string;
  dueAt?: Dayjs | null;
  /** "Rappeler dans 3 jours": a follow-up task logged with this activity (seed 001 US3.1). */
  planNext?: boolean;
  nextSubject?: string;
  nextDueAt?: Dayjs | null;
  nextAssigneeId?: string;
}

/** Quick picks for the next action, at 09:00 so it lands in the working day. */
const NEXT_IN_DAYS = [1, 3, 7] as const;

const TASK_TYPES = new Set(['TASK', 'FOLLOW_UP']);

/** Log an activity, a note or a task on a dossier and/or contact; server field errors show inline. */
export function ActivityForm({ dossierId, contactId }: { dossierId?: string; contactId?: string | null }) {
  const { t } = useTranslation('agent');
  const { t: tt } = useTranslation('tasks');
  const users = useUsers();
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
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  const type = Form.useWatch('type', form);
  const planNext = Form.useWatch('planNext', form);

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
            ...(v.planNext && v.nextDueAt
              ? {
                  nextAction: {
                    dueAt: v.nextDueAt.toISOString(),
                    subject: v.nextSubject || null,
                    ...(v.nextAssigneeId ? { assigneeId: v.nextAssigneeId } : {}),
                  },
                }
              : {}),
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
        <Form.Item name="planNext" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{tt('nextAction.toggle')}</Checkbox>
        </Form.Item>
        {planNext ? (
          <Space wrap align="start" data-testid="next-action">
            <Form.Item name="nextSubject" label={tt('nextAction.subject')}>
              <Input
                maxLength={300}
                placeholder={tt('nextAction.subjectPlaceholder')}
                style={{ width: 240 }}
              />
            </Form.Item>
            <Form.Item
              name="nextDueAt"
              label={tt('nextAction.dueAt')}
              rules={[{ required: true, message: tt('dueRequired') }]}
            >
              <DatePicker
                showTime
                presets={NEXT_IN_DAYS.map((d) => ({
                  label: tt(`nextAction.in.${d}`),
                  value: dayjs().add(d, 'day').hour(9).minute(0).second(0).millisecond(0),
                }))}
              />
            </Form.Item>
            <Form.Item name="nextAssigneeId" label={tt('nextAction.assignee')}>
              <FormSelect options={users.options} style={{ width: 200 }} allowClear />
            </Form.Item>
          </Space>
        ) : null}
        <Button type="primary" {...saveButtonProps}>
          {t('activity.submit')}
        </Button>
      </Form>
    </Card>
  );
}
