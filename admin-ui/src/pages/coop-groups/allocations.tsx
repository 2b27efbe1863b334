import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format';
import { AllocationLines } from '../../coop/allocation-lines';
import { api, ok } from '../../api/client';
import { useCoopMembers, useCoopQuery, useRefreshCoop } from '../../coop/api';
import { DocumentById, UploadDocumentButton } from '../../coop/documents';
import { FormModal } from '../../coop/form-modal';
import { AllocationStatusTag } from '../../coop/tags';
import type { AllocationRun } from '../../coop/types';
import { errorMessage } from '../../providers/http';

function CancelModal({ run, onClose }: { run: AllocationRun; onClose: () => void }) {
  const { t } = useTranslation('coop');
  return (
    <FormModal<{ reason: string }>
      title={t('allocation.cancelTitle')}
      okText={t('allocation.cancel')}
      success={t('allocation.cancelled')}
      failure={t('allocation.failed')}
      onClose={onClose}
      onSubmit={(v) =>
        ok(
          api.POST('/api/v1/coop/allocations/{id}/cancel', {
            params: { path: { id: run.id } },
            body: { reason: v.reason.trim() },
          }),
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('allocation.cancelHint')}</Typography.Paragraph>
      <Form.Item
        name="reason"
        label={t('contribution.reason')}
        rules={[{ required: true, whitespace: true, message: t('contribution.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

function RunCard({
  run,
  projectName,
  memberStatus,
}: {
  run: AllocationRun;
  projectName: string;
  memberStatus: (id: string) => string | undefined;
}) {
  const { t } = useTranslation('coop');
  const { notification } = App.useApp();
  const refresh = useRefreshCoop();
  const [cancelling, setCancelling] = useState(false);
  const params = { path: { id: run.id } };
  const call = async (decide: () => Promise<unknown>, done: string) => {
    try {
      await decide();
      notification.success({ message: done });
    } catch (err) {
      notification.error({ message: t('allocation.failed'), description: errorMessage(err) });
    }
    await refresh();
  };
  const lots = run.lines.filter((l) => l.lotId).length;
  const open = run.status === 'PROPOSED' || run.status === 'ASSIGNED';
  return (
    <Card
      size="small"
      data-testid="allocation-run-card"
      data-status={run.status}
      title={
        <Space wrap>
          {t('allocation.run', { date: formatDateTime(run.createdAt) })}
          <AllocationStatusTag status={run.status} />
          <Typography.Text type="secondary">{projectName}</Typography.Text>
        </Space>
      }
      extra={
        <Space wrap>
          {run.status === 'PROPOSED' ? (
            <UploadDocumentButton
              ownerType="COOP_ALLOCATION_RUN"
              ownerId={run.id}
              kind="PV"
              type="primary"
              testId="allocation-pv-upload"
              label={t('allocation.uploadPv')}
              onUploaded={(doc) =>
                call(
                  () =>
                    ok(
                      api.POST('/api/v1/coop/allocations/{id}/approve', {
                        params,
                        body: { pvDocumentId: doc.id },
                      }),
                    ),
                  t('allocation.approved'),
                )
              }
            />
          ) : null}
          {run.status === 'ASSIGNED' ? (
            <Popconfirm
              title={t('allocation.sign')}
              onConfirm={() =>
                call(
                  () => ok(api.POST('/api/v1/coop/allocations/{id}/sign', { params })),
                  t('allocation.signed'),
                )
              }
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
            >
              <Button type="primary" data-testid="allocation-sign">
                {t('allocation.sign')}
              </Button>
            </Popconfirm>
          ) : null}
          {open ? (
            <Button danger onClick={() => setCancelling(true)}>
              {t('allocation.cancel')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('project.cutoffAt')}>{formatDateTime(run.cutoffAt)}</Descriptions.Item>
        <Descriptions.Item label={t('allocation.result')}>
          {t('allocation.summary', { lots, skipped: run.lines.length - lots })}
        </Descriptions.Item>
        <Descriptions.Item label={t('allocation.pv')}>
          {run.pvDocumentId ? <DocumentById id={run.pvDocumentId} /> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('allocation.digest')}>
          <Typography.Text code copyable={{ text: run.inputsDigest }}>
            {run.inputsDigest.slice(0, 12)}
          </Typography.Text>
        </Descriptions.Item>
        {run.cancelReason ? (
          <Descriptions.Item label={t('allocation.statuses.CANCELLED')} span={4}>
            {run.cancelReason}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <AllocationLines lines={run.lines} memberStatus={memberStatus} />
      {cancelling ? <CancelModal run={run} onClose={() => setCancelling(false)} /> : null}
    </Card>
  );
}

/** Allocation runs, newest first: explanation per member, PV upload and approval, signature, cancellation. */
export function AllocationsTab({ groupId }: { groupId: string }) {
  const { t } = useTranslation('coop');
  const runs = useCoopQuery(['allocations', groupId], () =>
    api.GET('/api/v1/coop/groups/{id}/allocations', { params: { path: { id: groupId } } }),
  );
  const projects = useCoopQuery(['projects', groupId], () =>
    api.GET('/api/v1/coop/groups/{id}/projects', { params: { path: { id: groupId } } }),
  );
  const members = useCoopMembers(groupId);
  const projectName = new Map((projects.data?.data ?? []).map((p) => [p.id, p.name]));
  const status = new Map((members.data?.data ?? []).map((m) => [m.id, m.status]));
  const rows = runs.data?.data ?? [];
  return (
    <Flex vertical gap={16}>
      {!runs.isLoading && !rows.length ? <Empty description={t('allocation.empty')} /> : null}
      {rows.map((run) => (
        <RunCard
          key={run.id}
          run={run}
          projectName={projectName.get(run.projectId) ?? ''}
          memberStatus={(id) => status.get(id)}
        />
      ))}
    </Flex>
  );
}
