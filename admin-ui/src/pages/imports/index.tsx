import { InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Progress,
  Radio,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pageTitle } from '../../components/page-title';
import { fieldErrorText } from '../../providers/field-errors';
import { errorMessage } from '../../providers/http';
import { AS_FILE, saveExport } from '../../studio/api';
import { api } from '../../api/client';
import {
  checkImport,
  loadJob,
  POLICIES,
  previewCsv,
  startImport,
  type Policy,
  type Preview,
  type Report,
} from './api';

type Row = Report['rows'][number];

/** CSV import of contacts: upload, map the columns, check (dry run), then import with progress. */
export default function ImportPage() {
  const { t } = useTranslation('imports');
  const { notification } = App.useApp();
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [policy, setPolicy] = useState<Policy>('skip');
  const [report, setReport] = useState<Report | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useQuery({
    queryKey: ['imports', jobId],
    enabled: Boolean(jobId),
    queryFn: () => loadJob(jobId!),
    refetchInterval: (q) => (q.state.data?.status === 'RUNNING' ? 1000 : false),
  });

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      notification.error({ message: t('failed'), description: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  const read = (f: File) =>
    act(async () => {
      const csv = await f.text();
      const p = await previewCsv(csv);
      setFile({ name: f.name, csv });
      setPreview(p);
      setMapping(p.suggestedMapping);
      setReport(null);
      setJobId(null);
    });
  const body = () => ({ csv: file!.csv, fileName: file!.name, mapping, onDuplicate: policy });
  const reset = () => {
    setFile(null);
    setPreview(null);
    setReport(null);
    setJobId(null);
  };

  const fieldOptions = [
    { value: '', label: t('ignore') },
    ...(preview?.fields ?? []).map((f) => ({ value: f, label: t(`fields.${f}`) })),
  ];
  const reason = (r: Row) =>
    r.errors.length
      ? r.errors
          .map((e) => `${t(`fields.${e.field}`, { defaultValue: e.field })} : ${fieldErrorText(e)}`)
          .join(' · ')
      : r.duplicateOf?.line
        ? t('duplicateOfLine', { line: r.duplicateOf.line })
        : r.duplicateOf
          ? t('duplicateOfContact')
          : '';
  const j = job.data;

  return (
    <Flex
      vertical
      gap={16}
      style={{ padding: 'clamp(8px, 2vw, 24px)', minWidth: 0 }}
      data-testid="import-page"
    >
      {pageTitle(t('title'))}
      <Typography.Paragraph style={{ margin: 0 }}>{t('intro')}</Typography.Paragraph>
      {!preview ? (
        <Upload.Dragger
          accept=".csv,text/csv"
          showUploadList={false}
          beforeUpload={(f) => {
            void read(f);
            return false;
          }}
          disabled={busy}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('drop')}</p>
        </Upload.Dragger>
      ) : null}
      {preview && !jobId ? (
        <Card size="small" title={t('mapping')} extra={t('rows', { count: preview.rows, file: file?.name })}>
          <Table
            data-testid="import-mapping"
            size="small"
            rowKey="column"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={preview.columns.map((column, i) => ({
              column,
              sample: preview.sample
                .slice(0, 2)
                .map((r) => r[i] ?? '')
                .filter(Boolean)
                .join(' · '),
            }))}
            columns={[
              { key: 'column', title: t('column'), dataIndex: 'column' },
              {
                key: 'field',
                title: t('field'),
                render: (_: unknown, r: { column: string }) => (
                  <Select
                    aria-label={`${t('field')} : ${r.column}`}
                    style={{ minWidth: 160 }}
                    value={mapping[r.column] ?? ''}
                    options={fieldOptions}
                    onChange={(v: string) => setMapping({ ...mapping, [r.column]: v || null })}
                  />
                ),
              },
              { key: 'sample', title: t('sample'), dataIndex: 'sample' },
            ]}
          />
          <Flex vertical gap={8} style={{ marginTop: 16 }}>
            <Typography.Text strong id="import-duplicates">
              {t('duplicates')}
            </Typography.Text>
            <Radio.Group
              aria-labelledby="import-duplicates"
              value={policy}
              onChange={(e) => setPolicy(e.target.value as Policy)}
              options={POLICIES.map((p) => ({ value: p, label: t(`onDuplicate.${p}`) }))}
            />
            <Space wrap>
              <Button
                loading={busy}
                onClick={() => void act(async () => setReport(await checkImport(body())))}
              >
                {t('check')}
              </Button>
              <Button
                type="primary"
                disabled={!report}
                loading={busy}
                onClick={() => void act(async () => setJobId((await startImport(body())).id))}
              >
                {t('run')}
              </Button>
              <Button onClick={reset}>{t('again')}</Button>
            </Space>
          </Flex>
        </Card>
      ) : null}
      {report && !jobId ? (
        <Card size="small" title={t('report')} data-testid="import-report">
          <Flex wrap gap={32}>
            {(['create', 'update', 'skip', 'error'] as const).map((k) => (
              <Statistic key={k} title={t(`counts.${k}`)} value={report[k]} />
            ))}
          </Flex>
          {report.rows.length ? (
            <Table<Row>
              style={{ marginTop: 16 }}
              size="small"
              rowKey="line"
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={report.rows}
              columns={[
                { key: 'line', title: t('line'), dataIndex: 'line' },
                {
                  key: 'action',
                  title: t('action'),
                  render: (_: unknown, r: Row) => t(`actions.${r.action}`),
                },
                { key: 'reason', title: t('reason'), render: (_: unknown, r: Row) => reason(r) },
              ]}
            />
          ) : null}
        </Card>
      ) : null}
      {j ? (
        <Card size="small" data-testid="import-job">
          {j.status === 'RUNNING' ? (
            <>
              <Typography.Text>
                {t('running', { done: j.created + j.updated + j.skipped + j.failed, total: j.total })}
              </Typography.Text>
              <Progress
                percent={Math.round(((j.created + j.updated + j.skipped + j.failed) / j.total) * 100)}
              />
            </>
          ) : (
            <Alert
              type={j.status === 'DONE' ? 'success' : 'error'}
              message={j.status === 'DONE' ? t('done') : t('failed')}
              description={t('result', j)}
            />
          )}
          <Space wrap style={{ marginTop: 12 }}>
            {j.failed ? (
              <Button
                onClick={() =>
                  void saveExport(
                    api.GET('/api/v1/imports/{id}/errors', { params: { path: { id: j.id } }, ...AS_FILE }),
                    `import-${j.id}-errors.csv`,
                  )
                }
              >
                {t('errorsFile')}
              </Button>
            ) : null}
            {j.status !== 'RUNNING' ? <Button onClick={reset}>{t('again')}</Button> : null}
          </Space>
        </Card>
      ) : null}
    </Flex>
  );
}
