import { App, Card, Empty, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format';
import { api, ok } from '../../api/client';
import { useCoopQuery, useRefreshCoop } from '../../coop/api';
import { DocumentLink, UploadDocumentButton } from '../../coop/documents';
import { formatCents } from '../../coop/money';
import { ContributionStatusTag } from '../../coop/tags';
import type { ScheduleLine } from '../../coop/types';

const PAYABLE = new Set(['PENDING', 'REJECTED', 'LATE']);

/** My schedule (échéancier): every due line with amount, status and proof; a proof is uploaded on a called line. */
export function MySchedule({ groupId }: { groupId: string }) {
  const { t } = useTranslation('coop');
  const { notification } = App.useApp();
  const refresh = useRefreshCoop();
  const schedule = useCoopQuery(['my-schedule', groupId], () =>
    api.GET('/api/v1/coop/me/groups/{groupId}/schedule', { params: { path: { groupId } } }),
  );
  const submit = async (contributionId: string, documentId: string) => {
    try {
      await ok(
        api.POST('/api/v1/coop/contributions/{id}/proof', {
          params: { path: { id: contributionId }, header: { 'idempotency-key': documentId } },
          body: { documentId },
        }),
      );
      notification.success({ message: t('me.proofSent') });
    } catch (err) {
      notification.error({
        message: t('me.proofFailed'),
        description: err instanceof Error ? err.message : String(err),
      });
    }
    await refresh();
  };
  const plans = schedule.data?.data ?? [];
  if (!schedule.isLoading && !plans.length) return <Empty description={t('me.empty')} />;
  return (
    <Flex vertical gap={16}>
      {plans.map((plan) => (
        <Card
          key={plan.planId}
          size="small"
          title={t('me.plan', { name: plan.planName })}
          data-testid="my-schedule"
        >
          <Table<ScheduleLine>
            size="small"
            rowKey="seq"
            loading={schedule.isLoading}
            dataSource={plan.lines}
            pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false }}
            onRow={(l) =>
              ({ 'data-seq': l.seq, 'data-status': l.status }) as React.HTMLAttributes<HTMLElement>
            }
            scroll={{ x: 800 }}
            columns={[
              {
                dataIndex: 'seq',
                title: t('contribution.seq'),
                width: 90,
                render: (s: number) => t('contribution.seqN', { seq: s }),
              },
              { dataIndex: 'dueAt', title: t('contribution.dueAt'), render: (v: string) => formatDate(v) },
              {
                dataIndex: 'amountDue',
                title: t('contribution.amount'),
                align: 'right',
                render: (v: number, l) => (
                  <Flex vertical align="flex-end">
                    <span>{formatCents(v)}</span>
                    {l.contribution?.penaltyTotal ? (
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        + {formatCents(l.contribution.penaltyTotal)}{' '}
                        {t('contribution.penalties').toLowerCase()}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ),
              },
              {
                key: 'outstanding',
                title: t('contribution.outstanding'),
                align: 'right',
                render: (_: unknown, l) => (l.contribution ? formatCents(l.contribution.outstanding) : '—'),
              },
              {
                dataIndex: 'status',
                title: t('contribution.status'),
                render: (s: string, l) => (
                  <Flex vertical gap={2}>
                    <span>
                      <ContributionStatusTag status={s} />
                    </span>
                    {l.contribution?.rejectionReason && PAYABLE.has(s) ? (
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        {t('contribution.rejectedBecause', { reason: l.contribution.rejectionReason })}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ),
              },
              {
                key: 'proof',
                title: t('contribution.proof'),
                render: (_: unknown, l) => (
                  <Flex vertical gap={4} align="flex-start">
                    {l.proof ? (
                      <DocumentLink
                        id={l.proof.documentId}
                        fileName={l.proof.fileName}
                        mimeType={l.proof.mimeType}
                      />
                    ) : null}
                    {l.contribution && PAYABLE.has(l.status) ? (
                      <UploadDocumentButton
                        ownerType="COOP_CONTRIBUTION"
                        ownerId={l.contribution.id}
                        kind="PAYMENT_PROOF"
                        type={l.proof ? 'default' : 'primary'}
                        testId={`proof-upload-${l.seq}`}
                        label={l.proof ? t('me.proofNew') : t('me.proofUpload')}
                        onUploaded={(doc) => submit(l.contribution!.id, doc.id)}
                      />
                    ) : null}
                    {!l.proof && !(l.contribution && PAYABLE.has(l.status)) ? '—' : null}
                  </Flex>
                ),
              },
            ]}
          />
        </Card>
      ))}
    </Flex>
  );
}
