import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { COOP_PROJECT_STATUSES, type CoopProjectStatus } from '../../../../definitions/coop/project.js';
import { api, ok } from '../../api/client';
import { FormModal } from '../../coop/form-modal';
import { DecimalInput } from '../../coop/money-input';
import type { AllocationRun, CoopProject } from '../../coop/types';
import { euroField } from './rules-fields';

const num = { style: { width: '100%' } };

/** A new project with its milestones. */
export function ProjectModal({ groupId, onClose }: { groupId: string; onClose: () => void }) {
  const { t } = useTranslation('coop');
  const required = { required: true, whitespace: true, message: t('group.required') };
  return (
    <FormModal<{
      name: string;
      statusCode?: CoopProjectStatus;
      budgetTotalCents?: number | null;
      milestones?: { code: string; label: string; dueDate?: Dayjs }[];
    }>
      title={t('project.add')}
      success={t('project.created')}
      failure={t('plan.failed')}
      width={720}
      onClose={onClose}
      initialValues={{ statusCode: 'LAND_SECURED', milestones: [] }}
      onSubmit={(v) =>
        ok(
          api.POST('/api/v1/coop/groups/{id}/projects', {
            params: { path: { id: groupId } },
            body: {
              name: v.name.trim(),
              statusCode: v.statusCode,
              budgetTotalCents: v.budgetTotalCents ?? null,
              milestones: (v.milestones ?? []).map((m) => ({
                code: m.code,
                label: m.label,
                dueDate: m.dueDate ? m.dueDate.toISOString() : null,
              })),
            },
          }),
        )
      }
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="name" label={t('project.name')} rules={[required]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="statusCode" label={t('project.status')}>
            <Select
              options={COOP_PROJECT_STATUSES.map((s) => ({ value: s, label: t(`project.statuses.${s}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="budgetTotalCents" label={t('project.budget')} {...euroField}>
            <DecimalInput min="0" step="1000" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>{t('project.milestones')}</Typography.Text>
      <Form.List name="milestones">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Row key={f.key} gutter={8} align="top">
                <Col span={6}>
                  <Form.Item
                    name={[f.name, 'code']}
                    rules={[{ required: true, pattern: /^[A-Za-z0-9._-]+$/, message: t('project.codeHint') }]}
                  >
                    <Input placeholder={t('project.milestoneCode')} maxLength={32} />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name={[f.name, 'label']} rules={[required]}>
                    <Input placeholder={t('project.milestoneLabel')} maxLength={200} />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item name={[f.name, 'dueDate']}>
                    <DatePicker format="DD/MM/YYYY" placeholder={t('project.milestoneDue')} {...num} />
                  </Form.Item>
                </Col>
                <Col span={1}>
                  <MinusCircleOutlined style={{ marginTop: 9 }} onClick={() => remove(f.name)} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
              {t('project.addMilestone')}
            </Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

/** A new lot (AVAILABLE); its code is unique in the project. */
export function LotModal({ project, onClose }: { project: CoopProject; onClose: () => void }) {
  const { t } = useTranslation('coop');
  const required = { required: true, message: t('group.required') };
  return (
    <FormModal<{
      code: string;
      type: string;
      surfaceM2: number;
      floor?: number;
      referencePriceCents?: number;
    }>
      title={`${t('lot.add')} — ${project.name}`}
      success={t('lot.created')}
      failure={t('lot.failed')}
      onClose={onClose}
      onSubmit={(v) =>
        ok(
          api.POST('/api/v1/coop/projects/{id}/lots', {
            params: { path: { id: project.id } },
            body: {
              code: v.code.trim(),
              type: v.type.trim(),
              surfaceM2: v.surfaceM2,
              floor: v.floor ?? null,
              referencePriceCents: v.referencePriceCents ?? null,
            },
          }),
        )
      }
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="code"
            label={t('lot.code')}
            rules={[{ ...required, pattern: /^[A-Za-z0-9._-]+$/ }]}
          >
            <Input maxLength={32} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="type" label={t('lot.type')} rules={[{ ...required, whitespace: true }]}>
            <Input maxLength={32} placeholder="T3" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="surfaceM2" label={t('lot.surface')} rules={[required]}>
            <InputNumber min={0.1} step={0.5} suffix="m²" {...num} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="floor" label={t('lot.floor')}>
            <InputNumber min={-10} max={300} precision={0} {...num} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="referencePriceCents" label={t('lot.price')} {...euroField}>
            <DecimalInput min="0" step="1000" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

/** Runs the FIFO allocation of a project: a PROPOSED run with an explanation for every member. */
export function RunAllocationModal({
  project,
  usePreferences,
  onClose,
  onRan,
}: {
  project: CoopProject;
  usePreferences: boolean;
  onClose: () => void;
  onRan: (run: AllocationRun) => void;
}) {
  const { t } = useTranslation('coop');
  return (
    <FormModal<{ cutoffAt?: Dayjs; usePreferences: boolean }>
      title={t('project.runTitle', { name: project.name })}
      okText={t('project.run')}
      success={t('project.ran')}
      failure={t('project.runFailed')}
      onClose={onClose}
      testId="allocation-run-form"
      initialValues={{ usePreferences }}
      onSubmit={async (v) =>
        onRan(
          await ok(
            api.POST('/api/v1/coop/projects/{id}/allocations', {
              params: { path: { id: project.id } },
              body: {
                ...(v.cutoffAt ? { cutoffAt: v.cutoffAt.toISOString() } : {}),
                usePreferences: v.usePreferences,
              },
            }),
          ),
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('project.runHint')}</Typography.Paragraph>
      <Form.Item name="cutoffAt" label={t('project.cutoffAt')} extra={t('project.cutoffDefault')}>
        <DatePicker showTime format="DD/MM/YYYY HH:mm" {...num} />
      </Form.Item>
      <Form.Item name="usePreferences" label={t('project.usePreferences')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
