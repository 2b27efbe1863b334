import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Flex, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type RequestBody } from '../../api/client';
import { useRefreshCoop } from '../../coop/api';
import { DocumentById, UploadDocumentButton } from '../../coop/documents';
import type { CoopMember, KycItem } from '../../coop/types';
import { errorMessage } from '../../providers/http';

const COLORS: Record<KycItem['status'], string> = {
  MISSING: 'default',
  PROVIDED: 'gold',
  VALIDATED: 'green',
  REFUSED: 'red',
};

type KycBody = RequestBody<'/api/v1/coop/members/{id}/kyc/{code}', 'put'>;

/** The KYC-light checklist: pieces uploaded (by the member or here), validated or refused by a responsible. */
export function KycDrawer({ member, onClose }: { member: CoopMember; onClose: () => void }) {
  const { t } = useTranslation('coop');
  const { notification } = App.useApp();
  const refresh = useRefreshCoop();
  const [comment, setComment] = useState('');
  const put = async (code: string, body: KycBody) => {
    try {
      await ok(
        api.PUT('/api/v1/coop/members/{id}/kyc/{code}', { params: { path: { id: member.id, code } }, body }),
      );
      notification.success({ message: t('kyc.updated') });
    } catch (err) {
      notification.error({ message: t('kyc.failed'), description: errorMessage(err) });
    } finally {
      setComment('');
      await refresh();
    }
  };
  return (
    <Drawer open width={760} title={t('kyc.title', { name: member.displayName })} onClose={onClose}>
      <Alert
        style={{ marginBottom: 12 }}
        type={member.kycComplete ? 'success' : 'warning'}
        showIcon
        message={member.kycComplete ? t('kyc.complete') : t('kyc.incomplete')}
      />
      <Table<KycItem>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={member.kyc}
        data-testid="kyc-table"
        columns={[
          {
            dataIndex: 'label',
            title: t('kyc.piece'),
            render: (label: string, i) => (
              <Flex vertical>
                <span>{label}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {i.required ? t('kyc.required') : t('kyc.optional')}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            dataIndex: 'status',
            title: t('kyc.status'),
            render: (s: KycItem['status'], i) => (
              <Flex vertical gap={2}>
                <Tag color={COLORS[s]}>{t(`kyc.statuses.${s}`)}</Tag>
                {i.comment ? <Typography.Text type="secondary">{i.comment}</Typography.Text> : null}
              </Flex>
            ),
          },
          {
            dataIndex: 'documentId',
            title: t('kyc.document'),
            render: (id: string | null) => (id ? <DocumentById id={id} /> : '—'),
          },
          {
            key: 'actions',
            width: 220,
            render: (_: unknown, i) => (
              <Flex gap={4} wrap>
                <UploadDocumentButton
                  ownerType="COOP_MEMBER"
                  ownerId={member.id}
                  kind="KYC_PIECE"
                  label={t('kyc.upload')}
                  onUploaded={(doc) => put(i.code, { documentId: doc.id })}
                />
                {i.documentId && i.status !== 'VALIDATED' ? (
                  <Button
                    size="small"
                    type="primary"
                    icon={<CheckOutlined />}
                    onClick={() => void put(i.code, { decision: 'VALIDATED' })}
                  >
                    {t('kyc.validate')}
                  </Button>
                ) : null}
                {i.documentId && i.status !== 'REFUSED' ? (
                  <Popconfirm
                    title={t('kyc.refuseReason')}
                    description={<Input value={comment} onChange={(e) => setComment(e.target.value)} />}
                    okText={t('kyc.refuse')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => put(i.code, { decision: 'REFUSED', comment: comment.trim() || null })}
                  >
                    <Button size="small" danger icon={<CloseOutlined />}>
                      {t('kyc.refuse')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
