import { Alert, App, Button, Col, Form, Popconfirm, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { studioApi, type DefinitionVersion, type MigrationResult } from './api';

const OUTCOME_COLOR = { WOULD_MOVE: 'blue', MOVED: 'green', CANNOT_MOVE: 'orange', FAILED: 'red' } as const;

/** F-2.4: move running dossiers of older versions onto this published version — dry run first. */
export function MigrationPanel({ target }: { target: DefinitionVersion }) {
  const { t } = useTranslation('studio');
  const { message } = App.useApp();
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [result, setResult] = useState<MigrationResult>();
  const [busy, setBusy] = useState<'dry' | 'run' | null>(null);
  const openStates = target.definition.states.filter((s) => !s.terminal).map((s) => s.code);
  const unmapped = [
    ...new Set((result?.data ?? []).filter((d) => d.outcome === 'CANNOT_MOVE').map((d) => d.fromStatus)),
  ];

  const run = async (dryRun: boolean) => {
    setBusy(dryRun ? 'dry' : 'run');
    try {
      const res = await studioApi.migrate(target.id, { dryRun, mapping });
      setResult(res);
      if (!dryRun) message.success(t('migration.done', { moved: res.summary.moved }));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="migration-panel">
      <Alert type="info" showIcon message={t('migration.help', { version: target.version })} />
      {unmapped.length > 0 && (
        <Form layout="vertical">
          <Row gutter={12}>
            {unmapped.map((status) => (
              <Col span={6} key={status}>
                <Form.Item label={t('migration.mapTo', { status })} htmlFor={`map-${status}`}>
                  <Select
                    id={`map-${status}`}
                    allowClear
                    value={mapping[status]}
                    onChange={(v?: string) =>
                      setMapping((m) => {
                        const next = { ...m };
                        if (v) next[status] = v;
                        else delete next[status];
                        return next;
                      })
                    }
                    options={openStates.map((c) => ({ value: c, label: c }))}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form>
      )}
      <Space>
        <Button loading={busy === 'dry'} onClick={() => void run(true)}>
          {t('migration.dryRun')}
        </Button>
        <Popconfirm
          title={t('migration.confirm', { count: result?.summary.wouldMove ?? 0 })}
          okText={t('migration.run')}
          cancelText={t('common.cancel')}
          onConfirm={() => void run(false)}
          disabled={!result?.dryRun || !result.summary.wouldMove}
        >
          <Button
            type="primary"
            danger
            loading={busy === 'run'}
            disabled={!result?.dryRun || !result.summary.wouldMove}
          >
            {t('migration.run')}
          </Button>
        </Popconfirm>
      </Space>
      {result && (
        <>
          <Row gutter={16}>
            <Col>
              <Statistic title={t('migration.total')} value={result.summary.total} />
            </Col>
            <Col>
              <Statistic title={t('migration.wouldMove')} value={result.summary.wouldMove} />
            </Col>
            <Col>
              <Statistic title={t('migration.moved')} value={result.summary.moved} />
            </Col>
            <Col>
              <Statistic title={t('migration.cannotMove')} value={result.summary.cannotMove} />
            </Col>
            <Col>
              <Statistic title={t('migration.failed')} value={result.summary.failed} />
            </Col>
            <Col>
              <Statistic title={t('migration.remaining')} value={result.remaining} />
            </Col>
          </Row>
          <Table
            size="small"
            rowKey="dossierId"
            dataSource={result.data}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: t('migration.dossier'), dataIndex: 'reference' },
              { title: t('migration.fromVersion'), dataIndex: 'fromVersion', render: (v: number) => `v${v}` },
              { title: t('migration.fromStatus'), dataIndex: 'fromStatus' },
              { title: t('migration.toStatus'), dataIndex: 'toStatus' },
              {
                title: t('migration.outcome'),
                dataIndex: 'outcome',
                render: (o: keyof typeof OUTCOME_COLOR) => (
                  <Tag color={OUTCOME_COLOR[o]}>{t(`migration.outcomes.${o}`)}</Tag>
                ),
              },
              { title: t('migration.reason'), dataIndex: 'reason', render: (v?: string) => v ?? '' },
            ]}
          />
        </>
      )}
    </Space>
  );
}
