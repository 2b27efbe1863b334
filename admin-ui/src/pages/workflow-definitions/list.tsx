import { CopyOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { List, useTable } from '@refinedev/antd';
import { useInvalidate } from '@refinedev/core';
import { App, Button, Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { can } from '../../studio/access';
import { studioApi, type DefinitionVersion } from '../../studio/api';
import { localized, type Lang } from '../../studio/definition-model';
import { useDictionaryOptions } from '../../studio/use-case-statuses';
import { pageTitle } from '../../components/page-title';
import { tableSkeleton } from '../../components/loading';

const STATUS_COLOR = { DRAFT: 'orange', PUBLISHED: 'green', RETIRED: 'default' } as const;

/** Every version of every pipeline, per case type, newest first. */
export default function DefinitionList() {
  const { t, i18n } = useTranslation('studio');
  const lang: Lang = i18n.language.startsWith('en') ? 'en' : 'fr';
  const { message } = App.useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const editable = can('WORKFLOW_ADMIN');
  const caseTypes = useDictionaryOptions('CASE_TYPE');
  const { tableProps, setFilters, filters } = useTable<DefinitionVersion>({
    resource: 'workflow-definitions',
    pagination: { pageSize: 50 },
    syncWithLocation: true,
  });
  const current = (field: string) =>
    (filters.find((f) => 'field' in f && f.field === field)?.value as string | undefined) ?? undefined;
  const setFilter = (field: string, value?: string) =>
    setFilters([{ field, operator: 'eq', value }], 'merge');

  const newDraft = async (d: DefinitionVersion) => {
    try {
      const draft = await studioApi.newDraft(d.id);
      message.success(t('definitions.draftCreated', { caseType: draft.caseType, version: draft.version }));
      await invalidate({ resource: 'workflow-definitions', invalidates: ['list'] });
      void navigate(`/workflow-definitions/edit/${draft.id}`);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <List
      title={pageTitle(t('definitions.title'))}
      canCreate={editable}
      createButtonProps={{ children: t('definitions.create') }}
    >
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={t('definitions.caseType')} htmlFor="filter-case-type">
          <Select
            id="filter-case-type"
            allowClear
            style={{ width: 220 }}
            value={current('caseType')}
            onChange={(v?: string) => setFilter('caseType', v)}
            options={caseTypes.options}
          />
        </Form.Item>
        <Form.Item label={t('definitions.status')} htmlFor="filter-status">
          <Select
            id="filter-status"
            allowClear
            style={{ width: 180 }}
            value={current('status')}
            onChange={(v?: string) => setFilter('status', v)}
            options={(['DRAFT', 'PUBLISHED', 'RETIRED'] as const).map((s) => ({
              value: s,
              label: t(`definitions.statuses.${s}`),
            }))}
          />
        </Form.Item>
      </Form>
      <Table<DefinitionVersion>
        {...tableProps}
        {...tableSkeleton(tableProps)}
        rowKey="id"
        size="middle"
        onRow={(d) =>
          ({ 'data-testid': `definition-row-${d.caseType}-${d.version}` }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('definitions.caseType'),
            dataIndex: 'caseType',
            render: (_, d) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>
                  {localized(d.definition.name ?? d.name, lang, d.caseType)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {d.caseType}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('definitions.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
          {
            title: t('definitions.status'),
            dataIndex: 'status',
            render: (_, d) => (
              <Space size={2}>
                <Tag color={STATUS_COLOR[d.status]}>{t(`definitions.statuses.${d.status}`)}</Tag>
                {d.isLatestPublished && <Tag color="blue">{t('definitions.live')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('definitions.size'),
            key: 'size',
            render: (_, d) =>
              t('definitions.sizeValue', {
                states: d.definition.states.length,
                transitions: d.definition.transitions.length,
              }),
          },
          {
            title: t('definitions.publishedAt'),
            dataIndex: 'publishedAt',
            render: (v?: string | null) => (v ? new Date(v).toLocaleString(i18n.language) : '—'),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, d) => (
              <Space>
                <Link to={`/workflow-definitions/show/${d.id}`}>
                  <Button size="small" icon={<EyeOutlined />}>
                    {t('common.open')}
                  </Button>
                </Link>
                {editable && d.status === 'DRAFT' && (
                  <Link to={`/workflow-definitions/edit/${d.id}`}>
                    <Button size="small" type="primary" icon={<EditOutlined />}>
                      {t('common.edit')}
                    </Button>
                  </Link>
                )}
                {editable && d.status === 'PUBLISHED' && (
                  <Button size="small" icon={<CopyOutlined />} onClick={() => void newDraft(d)}>
                    {t('definitions.newDraft')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </List>
  );
}
