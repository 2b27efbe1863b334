import { App, DatePicker, Form, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../../components/users';
import { errorMessage } from '../../providers/http';
import { rescheduleTask, useRefreshTasks, type Task } from './api';

/** Move a task to another time and/or person (the API replaces it by a corrected task). */
export function RescheduleDialog({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t } = useTranslation('tasks');
  const { notification } = App.useApp();
  const { options } = useUsers();
  const refresh = useRefreshTasks();
  const [form] = Form.useForm<{ dueAt: Dayjs; assigneeId: string }>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const values = await form.validateFields();
    const body: { dueAt?: string; assigneeId?: string } = {};
    if (!values.dueAt.isSame(dayjs(task.dueAt))) body.dueAt = values.dueAt.toISOString();
    if (values.assigneeId !== task.assigneeId) body.assigneeId = values.assigneeId;
    setSaving(true);
    try {
      await rescheduleTask(task.id, body);
      notification.success({ message: t('moved') });
      await refresh();
      onClose();
    } catch (err) {
      notification.error({ message: t('reschedule'), description: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('rescheduleTitle', { subject: task.subject ?? t('untitled') })}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="reschedule-task"
        initialValues={{ dueAt: dayjs(task.dueAt), assigneeId: task.assigneeId }}
      >
        <Form.Item name="dueAt" label={t('newDueAt')} rules={[{ required: true, message: t('dueRequired') }]}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('assignee')}>
          <Select options={options} showSearch optionFilterProp="label" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
