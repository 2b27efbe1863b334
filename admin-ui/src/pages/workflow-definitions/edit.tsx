import { CheckCircleOutlined, CloudUploadOutlined, SaveOutlined } from '@ant-design/icons';
import { Edit } from '@refinedev/antd';
import { useInvalidate, useOne, useWarnAboutChange } from '@refinedev/core';
import { Alert, App, Button, Popconfirm, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../providers/http';
import { can } from '../../studio/access';
import { studioApi, type DefinitionVersion } from '../../studio/api';
import type { DefinitionProblemView, WorkflowDefinitionBody } from '../../studio/definition-model';
import { DraftEditor } from '../../studio/draft-editor';
import { SimulationPanel } from '../../studio/simulation-panel';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

/** Problems carried by a 422 of publish (or a 400 of save): `errors` with JSON-pointer paths. */
function problemsOf(err: unknown): DefinitionProblemView[] {
  if (!(err instanceof ApiError)) return [];
  const errors = (err.problem?.errors ?? []) as (Omit<DefinitionProblemView, 'path'> & {
    path?: string;
    field?: string;
  })[];
  return errors.map((e) => ({
    path: e.path ?? (e.field === '/' ? '' : (e.field ?? '')),
    message: e.message,
    code: e.code,
    params: e.params,
  }));
}

/** The draft editor: tables, graph, guards, validation pinned to rows, simulation, publish. */
export default function DefinitionEdit() {
  const { t, i18n } = useTranslation('studio');
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const { setWarnWhen } = useWarnAboutChange();
  const editable = can('WORKFLOW_ADMIN');
  const { result: loaded, query } = useOne<DefinitionVersion>({ resource: 'workflow-definitions', id });
  const [body, setBody] = useState<WorkflowDefinitionBody>();
  const [lockVersion, setLockVersion] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<DefinitionProblemView[]>([]);
  const [validated, setValidated] = useState<boolean | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (loaded && !body) {
      setBody(loaded.definition);
      setLockVersion(loaded.lockVersion);
    }
  }, [loaded, body]);
  useEffect(() => setWarnWhen(dirty), [dirty, setWarnWhen]);

  const fail = (err: unknown) => {
    const pinned = problemsOf(err);
    if (pinned.length) setProblems(pinned);
    message.error(err instanceof Error ? err.message : String(err));
  };

  /** Saves when changed; returns false when the server refused. */
  const save = async (): Promise<boolean> => {
    if (!body || !dirty) return true;
    try {
      const saved = await studioApi.saveDraft(id, body, lockVersion);
      setLockVersion(saved.lockVersion);
      setDirty(false);
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  };

  const validate = async (): Promise<boolean> => {
    setBusy('validate');
    try {
      if (!(await save())) return false;
      const result = await studioApi.validate(id);
      setProblems(result.errors);
      setValidated(result.valid);
      if (result.valid) message.success(t('editor.valid'));
      else message.warning(t('editor.invalid', { count: result.errors.length }));
      return result.valid;
    } catch (err) {
      fail(err);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const publish = async () => {
    if (!(await validate())) return;
    setBusy('publish');
    try {
      const published = await studioApi.publish(id);
      message.success(t('editor.published', { version: published.version }));
      await invalidate({ resource: 'workflow-definitions', invalidates: ['list', 'detail'] });
      setWarnWhen(false);
      void navigate(`/workflow-definitions/show/${published.id}`);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const simulate = async (input: { dossierId?: string; state?: string }) => {
    if (!(await save())) return undefined;
    try {
      return await studioApi.simulate(id, { ...input, lang: i18n.language.startsWith('en') ? 'en' : 'fr' });
    } catch (err) {
      fail(err);
      return undefined;
    }
  };

  const change = (next: WorkflowDefinitionBody) => {
    setBody(next);
    setDirty(true);
    setValidated(null);
  };

  const title = loaded
    ? t('editor.title', { caseType: loaded.caseType, version: loaded.version })
    : t('editor.loading');
  if (loaded && loaded.status !== 'DRAFT') {
    return (
      <Alert
        type="info"
        showIcon
        message={t('editor.notDraft', { status: loaded.status })}
        action={<Link to={`/workflow-definitions/show/${loaded.id}`}>{t('common.open')}</Link>}
      />
    );
  }

  return (
    <Edit
      goBack={backIcon}
      title={pageTitle(title)}
      isLoading={query.isLoading}
      canDelete={false}
      footerButtons={() => null}
      headerButtons={() =>
        editable ? (
          <Space>
            {dirty && <Tag color="orange">{t('editor.unsaved')}</Tag>}
            {validated === true && !dirty && <Tag color="green">{t('editor.validTag')}</Tag>}
            <Button
              icon={<SaveOutlined />}
              disabled={!dirty}
              loading={busy === 'save'}
              onClick={() => void save().then((ok) => ok && message.success(t('common.saved')))}
            >
              {t('editor.save')}
            </Button>
            <Button
              icon={<CheckCircleOutlined />}
              loading={busy === 'validate'}
              onClick={() => void validate()}
            >
              {t('editor.validate')}
            </Button>
            <Popconfirm
              title={t('editor.confirmPublish', { version: loaded?.version })}
              okText={t('editor.publish')}
              cancelText={t('common.cancel')}
              onConfirm={() => void publish()}
            >
              <Button type="primary" icon={<CloudUploadOutlined />} loading={busy === 'publish'}>
                {t('editor.publish')}
              </Button>
            </Popconfirm>
          </Space>
        ) : null
      }
    >
      {!editable && (
        <Alert type="warning" showIcon message={t('common.readOnly')} style={{ marginBottom: 12 }} />
      )}
      {body && (
        <DraftEditor
          definition={body}
          problems={problems}
          editable={editable}
          onChange={change}
          extraTabs={
            editable
              ? [
                  {
                    key: 'simulate',
                    label: t('simulation.tab'),
                    children: (
                      <SimulationPanel
                        caseType={body.caseType}
                        stateCodes={body.states.map((s) => s.code)}
                        onSimulate={simulate}
                      />
                    ),
                  },
                ]
              : []
          }
        />
      )}
    </Edit>
  );
}
