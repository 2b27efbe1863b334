import { CopyOutlined, EditOutlined, StopOutlined } from '@ant-design/icons';
import { Show } from '@refinedev/antd';
import { useInvalidate, useOne } from '@refinedev/core';
import { App, Button, Descriptions, Popconfirm, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { can } from '../../studio/access';
import { studioApi, type DefinitionVersion } from '../../studio/api';
import { DiffView } from '../../studio/diff-view';
import { DraftEditor } from '../../studio/draft-editor';
import { MigrationPanel } from '../../studio/migration-panel';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

/** One version of a pipeline, read-only: graph, tables, versions and diff, migration of running dossiers. */
export default function DefinitionShow() {
  const { t, i18n } = useTranslation('studio');
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const editable = can('WORKFLOW_ADMIN');
  const { result: def, query } = useOne<DefinitionVersion>({ resource: 'workflow-definitions', id });
  const [versions, setVersions] = useState<DefinitionVersion[]>([]);
  useEffect(() => {
    if (!def) return;
    studioApi
      .versions(def.id)
      .then((res) => setVersions(res.data))
      .catch(() => setVersions([]));
  }, [def]);

  const act = async (action: () => Promise<DefinitionVersion>, done: (d: DefinitionVersion) => void) => {
    try {
      const d = await action();
      await invalidate({ resource: 'workflow-definitions', invalidates: ['list', 'detail'] });
      done(d);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const date = (v?: string | null) => (v ? new Date(v).toLocaleString(i18n.language) : '—');
  return (
    <Show
      goBack={backIcon}
      title={pageTitle(def ? t('show.title', { caseType: def.caseType, version: def.version }) : '')}
      isLoading={query.isLoading}
      canEdit={false}
      canDelete={false}
      headerButtons={() =>
        def && editable ? (
          <Space>
            {def.status === 'DRAFT' && (
              <Link to={`/workflow-definitions/edit/${def.id}`}>
                <Button type="primary" icon={<EditOutlined />}>
                  {t('common.edit')}
                </Button>
              </Link>
            )}
            {def.status === 'PUBLISHED' && (
              <Button
                icon={<CopyOutlined />}
                onClick={() =>
                  void act(
                    () => studioApi.newDraft(def.id),
                    (d) => navigate(`/workflow-definitions/edit/${d.id}`),
                  )
                }
              >
                {t('definitions.newDraft')}
              </Button>
            )}
            {def.status === 'PUBLISHED' && (
              <Popconfirm
                title={t('show.confirmRetire', { version: def.version })}
                okText={t('show.retire')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  void act(
                    () => studioApi.retire(def.id),
                    () => message.success(t('show.retired')),
                  )
                }
              >
                <Button danger icon={<StopOutlined />}>
                  {t('show.retire')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ) : null
      }
    >
      {def && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={4}>
            <Descriptions.Item label={t('definitions.status')}>
              <Tag
                color={def.status === 'PUBLISHED' ? 'green' : def.status === 'DRAFT' ? 'orange' : 'default'}
              >
                {t(`definitions.statuses.${def.status}`)}
              </Tag>
              {def.isLatestPublished && <Tag color="blue">{t('definitions.live')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('definitions.publishedAt')}>
              {date(def.publishedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('show.retiredAt')}>{date(def.retiredAt)}</Descriptions.Item>
            <Descriptions.Item label={t('show.versions')}>
              <Space size={2} wrap>
                {versions.map((v) => (
                  <Link key={v.id} to={`/workflow-definitions/show/${v.id}`}>
                    <Tag color={v.id === def.id ? 'blue' : undefined}>v{v.version}</Tag>
                  </Link>
                ))}
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <DraftEditor
            definition={def.definition}
            problems={[]}
            editable={false}
            onChange={() => undefined}
            extraTabs={[
              { key: 'diff', label: t('diff.tab'), children: <DiffView current={def} versions={versions} /> },
              ...(editable && def.status === 'PUBLISHED'
                ? [{ key: 'migrate', label: t('migration.tab'), children: <MigrationPanel target={def} /> }]
                : []),
            ]}
          />
        </Space>
      )}
    </Show>
  );
}
