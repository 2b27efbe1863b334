import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DictLabel } from '../../components/dictionary';
import { api, ok } from '../../api/client';
import { errorMessage } from '../../providers/http';
import { RULES_KEY, rulesOf, type NotificationRule } from './api';
import { RuleForm } from './rule-form';

/** Notification rules (WORKFLOW_ADMIN): which event notifies whom, on which channel, with which text. */
export default function NotificationRulesPage() {
  const { t } = useTranslation('rules');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useQuery({
    queryKey: RULES_KEY,
    queryFn: async () => {
      const page = await ok(api.GET('/api/v1/notification-rules'));
      return { ...page, data: rulesOf(page.data) };
    },
  });
  const variables = useQuery({
    queryKey: [...RULES_KEY, 'variables'],
    queryFn: () => ok(api.GET('/api/v1/notification-rules/variables')),
    staleTime: Infinity,
  });
  const [editing, setEditing] = useState<NotificationRule | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const toggle = async (rule: NotificationRule, isActive: boolean) => {
    setError(null);
    try {
      const { id: _id, ...fields } = rule;
      await ok(
        api.PUT('/api/v1/notification-rules/{id}', {
          params: { path: { id: rule.id } },
          body: { ...fields, isActive },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: RULES_KEY });
      void message.success(t('form.saved'));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('list.title')}
        </Typography.Title>
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('list.create')}
        </Button>
      }
    >
      {rules.isError ? <Alert type="error" showIcon message={errorMessage(rules.error)} /> : null}
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Table<NotificationRule>
        data-testid="rules-table"
        rowKey="id"
        size="middle"
        loading={rules.isLoading}
        dataSource={rules.data?.data ?? []}
        pagination={false}
        locale={{ emptyText: t('list.empty') }}
        columns={[
          {
            dataIndex: 'name',
            title: t('field.name'),
            render: (name: string, row) => (
              <Typography.Text strong delete={!row.isActive}>
                {name}
              </Typography.Text>
            ),
          },
          {
            dataIndex: 'event',
            title: t('field.event'),
            render: (e: string) => <Tag color="blue">{t(`events.${e}`, { defaultValue: e })}</Tag>,
          },
          {
            dataIndex: 'recipients',
            title: t('field.recipients'),
            render: (list: string[]) => (
              <Space size={4} wrap>
                {list.map((r) => (
                  <Tag key={r}>{t(`recipients.${r}`, { defaultValue: r })}</Tag>
                ))}
              </Space>
            ),
          },
          {
            dataIndex: 'channel',
            title: t('field.channel'),
            render: (c: string) => t(`channels.${c}`, { defaultValue: c }),
          },
          {
            key: 'scope',
            title: t('field.caseType'),
            render: (_: unknown, row) => (
              <Flex gap={4}>
                {row.caseType ? <DictLabel dictType="CASE_TYPE" code={row.caseType} tag /> : '—'}
                {row.statusCode ? <DictLabel dictType="CASE_STATUS" code={row.statusCode} tag /> : null}
              </Flex>
            ),
          },
          {
            dataIndex: 'isActive',
            title: t('field.isActive'),
            render: (active: boolean, row) => (
              <Switch
                size="small"
                checked={active}
                aria-label={active ? t('list.deactivate') : t('list.activate')}
                onChange={(v) => void toggle(row, v)}
              />
            ),
          },
          {
            key: 'actions',
            width: 110,
            render: (_: unknown, row) => (
              <Button size="small" onClick={() => setEditing(row)}>
                {t('list.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing ? (
        <RuleForm
          rule={editing === 'new' ? null : editing}
          variables={variables.data ?? {}}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            await queryClient.invalidateQueries({ queryKey: RULES_KEY });
            void message.success(t('form.saved'));
          }}
        />
      ) : null}
    </Card>
  );
}
