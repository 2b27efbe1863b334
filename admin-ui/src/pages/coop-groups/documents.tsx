import { Flex, Table, Tag } from 'antd';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../components/format';
import { api } from '../../api/client';
import { useCoopQuery, useRefreshCoop } from '../../coop/api';
import { DocumentLink, UploadDocumentButton } from '../../coop/documents';
import type { DocumentView } from '../../coop/types';

/** The group's published documents (statutes, minutes); every member can read them. */
export function GroupDocuments({ groupId, canPublish }: { groupId: string; canPublish: boolean }) {
  const { t } = useTranslation('coop');
  const { notification } = App.useApp();
  const refresh = useRefreshCoop();
  const docs = useCoopQuery(['documents', groupId], () =>
    api.GET('/api/v1/coop/groups/{id}/documents', { params: { path: { id: groupId } } }),
  );
  const published = async () => {
    notification.success({ message: t('document.uploaded') });
    await refresh();
  };
  return (
    <Flex vertical gap={12}>
      {canPublish ? (
        <Flex gap={8} justify="flex-end">
          {(['STATUTES', 'PV', 'OTHER'] as const).map((kind) => (
            <UploadDocumentButton
              key={kind}
              ownerType="COOP_GROUP"
              ownerId={groupId}
              kind={kind}
              label={
                kind === 'STATUTES'
                  ? t('document.publishStatutes')
                  : kind === 'PV'
                    ? t('document.publishPv')
                    : t('document.upload')
              }
              onUploaded={published}
            />
          ))}
        </Flex>
      ) : null}
      <Table<DocumentView>
        size="small"
        rowKey="id"
        loading={docs.isLoading}
        dataSource={docs.data?.data ?? []}
        pagination={false}
        data-testid="group-documents"
        locale={{ emptyText: t('document.empty') }}
        columns={[
          {
            dataIndex: 'kind',
            title: t('document.kind'),
            render: (k: string) => <Tag>{t(`document.kinds.${k}`, k)}</Tag>,
          },
          {
            dataIndex: 'fileName',
            title: t('document.name'),
            render: (_: string, d) => <DocumentLink id={d.id} fileName={d.fileName} mimeType={d.mimeType} />,
          },
          {
            dataIndex: 'sizeBytes',
            title: t('document.size'),
            align: 'right',
            render: (v: number) => `${formatNumber(v / 1024, 1)} Ko`,
          },
          { dataIndex: 'createdAt', title: t('document.date'), render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Flex>
  );
}

export function DocumentsTab({ groupId }: { groupId: string }) {
  return <GroupDocuments groupId={groupId} canPublish />;
}
