import { CheckCircleTwoTone, CloseCircleTwoTone, ExperimentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Form, Row, Select, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas, type Sent } from '../api/client';
import type { SimulationResult } from './api';

type DossierOption = Pick<Sent<Schemas['Dossier']>, 'id' | 'reference' | 'title' | 'statusCode'>;

interface Props {
  caseType: string;
  stateCodes: string[];
  /** Saves the draft if needed, then simulates it. */
  onSimulate: (input: { dossierId?: string; state?: string }) => Promise<SimulationResult | undefined>;
}

/** F-2.5: the draft's transitions and guards evaluated on a real dossier (or a state), and its impact. */
export function SimulationPanel({ caseType, stateCodes, onSimulate }: Props) {
  const { t } = useTranslation('studio');
  const [dossiers, setDossiers] = useState<DossierOption[]>([]);
  const [search, setSearch] = useState('');
  const [dossierId, setDossierId] = useState<string>();
  const [state, setState] = useState<string>();
  const [result, setResult] = useState<SimulationResult>();
  const [running, setRunning] = useState(false);

  useEffect(() => {
    const q = search.trim();
    let live = true;
    ok(
      api.GET('/api/v1/dossiers', {
        params: { query: { caseType, pageSize: 20, sort: '-createdAt', ...(q ? { q } : {}) } },
      }),
    )
      .then((res) => live && setDossiers(res.data))
      .catch(() => live && setDossiers([]));
    return () => {
      live = false;
    };
  }, [caseType, search]);

  const run = async () => {
    setRunning(true);
    try {
      setResult(await onSimulate({ dossierId, state }));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card size="small" title={t('simulation.title')} data-testid="simulation-panel">
      <Form layout="vertical">
        <Row gutter={12} align="bottom">
          <Col span={10}>
            <Form.Item
              label={t('simulation.dossier')}
              htmlFor="sim-dossier"
              extra={t('simulation.dossierHelp')}
            >
              <Select
                id="sim-dossier"
                allowClear
                showSearch
                filterOption={false}
                onSearch={setSearch}
                value={dossierId}
                onChange={setDossierId}
                options={dossiers.map((d) => ({
                  value: d.id,
                  label: `${d.reference} · ${d.title ?? ''} (${d.statusCode})`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label={t('simulation.state')} htmlFor="sim-state">
              <Select
                id="sim-state"
                allowClear
                value={state}
                onChange={setState}
                options={stateCodes.map((c) => ({ value: c, label: c }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item>
              <Button
                type="primary"
                icon={<ExperimentOutlined />}
                loading={running}
                onClick={() => void run()}
              >
                {t('simulation.run')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {result && (
        <div data-testid="simulation-result">
          <Typography.Paragraph>
            {t('simulation.from', { state: result.state })}{' '}
            {!result.stateInDefinition && <Tag color="red">{t('simulation.stateMissing')}</Tag>}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="to"
            pagination={false}
            dataSource={result.transitions}
            locale={{ emptyText: t('simulation.noTransition') }}
            columns={[
              {
                title: t('editor.to'),
                dataIndex: 'to',
                render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
              },
              { title: t('editor.label'), dataIndex: 'label' },
              {
                title: t('simulation.allowed'),
                dataIndex: 'allowed',
                render: (allowed: boolean) =>
                  allowed ? (
                    <Tag color="green" icon={<CheckCircleTwoTone twoToneColor="#52c41a" />}>
                      {t('simulation.yes')}
                    </Tag>
                  ) : (
                    <Tag color="red" icon={<CloseCircleTwoTone twoToneColor="#ff4d4f" />}>
                      {t('simulation.no')}
                    </Tag>
                  ),
              },
              { title: t('simulation.reason'), dataIndex: 'reason', render: (v?: string) => v ?? '' },
            ]}
          />
          <Descriptions
            size="small"
            bordered
            column={2}
            style={{ marginTop: 12 }}
            title={t('simulation.impact')}
          >
            <Descriptions.Item label={t('simulation.openDossiers')}>
              {result.impact.openDossiers}
            </Descriptions.Item>
            <Descriptions.Item label={t('simulation.stranded')}>{result.impact.stranded}</Descriptions.Item>
            <Descriptions.Item label={t('simulation.blocked')}>
              {result.impact.blocked} / {result.impact.blockedEvaluated}
            </Descriptions.Item>
            <Descriptions.Item label={t('simulation.byStatus')}>
              {result.impact.byStatus.map((b) => (
                <Tag key={b.statusCode} color={b.inDraft ? 'default' : 'red'}>
                  {b.statusCode}: {b.count}
                </Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
          {result.impact.note && (
            <Alert type="info" showIcon message={result.impact.note} style={{ marginTop: 8 }} />
          )}
        </div>
      )}
    </Card>
  );
}
