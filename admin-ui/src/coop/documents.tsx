import { DownloadOutlined, EyeOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Flex, Modal, Spin, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_URL } from '../providers/data-provider';
import { errorMessage, request } from '../providers/http';
import { ACCEPTED_DOCUMENTS, documentBlob, saveBlob, uploadDocument } from './api';
import type { DocumentView } from './types';

/** The document shown inside a modal: images as images, PDFs in the browser's viewer. */
function Preview({ id, mimeType, onClose }: { id: string; mimeType: string; onClose: () => void }) {
  const { t } = useTranslation('coop');
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let href: string | null = null;
    documentBlob(id)
      .then((blob) => {
        href = URL.createObjectURL(blob);
        setUrl(href);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
    return () => {
      if (href) URL.revokeObjectURL(href);
    };
  }, [id]);
  return (
    <Modal open width={900} title={t('document.preview')} footer={null} onCancel={onClose}>
      <div data-testid="document-preview" style={{ minHeight: 240, textAlign: 'center' }}>
        {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
        {!url && !error ? <Spin style={{ marginTop: 96 }} /> : null}
        {url && mimeType.startsWith('image/') ? (
          <img src={url} alt={t('document.preview')} style={{ maxWidth: '100%', maxHeight: '70vh' }} />
        ) : null}
        {url && mimeType === 'application/pdf' ? (
          <iframe
            src={url}
            title={t('document.preview')}
            style={{ width: '100%', height: '70vh', border: 0 }}
          />
        ) : null}
      </div>
    </Modal>
  );
}

/** A stored document: its name, a preview and a download (sha256-checked by the API). */
export function DocumentLink({ id, fileName, mimeType }: { id: string; fileName: string; mimeType: string }) {
  const { t } = useTranslation('coop');
  const { notification } = App.useApp();
  const [open, setOpen] = useState(false);
  const download = async () => {
    try {
      saveBlob(await documentBlob(id), fileName);
    } catch (err) {
      notification.error({ message: t('document.downloadFailed'), description: errorMessage(err) });
    }
  };
  return (
    <Flex gap={4} align="center" wrap={false} data-testid="document-link">
      <PaperClipOutlined />
      <Typography.Text ellipsis style={{ maxWidth: 180 }} title={fileName}>
        {fileName}
      </Typography.Text>
      <Button
        size="small"
        type="text"
        icon={<EyeOutlined />}
        aria-label={t('document.preview')}
        title={t('document.preview')}
        data-testid="document-preview-button"
        onClick={() => setOpen(true)}
      />
      <Button
        size="small"
        type="text"
        icon={<DownloadOutlined />}
        aria-label={t('document.download')}
        title={t('document.download')}
        onClick={() => void download()}
      />
      {open ? <Preview id={id} mimeType={mimeType} onClose={() => setOpen(false)} /> : null}
    </Flex>
  );
}

/** Picks a file and stores it as a document of `owner` (PDF, JPEG, PNG or WebP; limits checked by the API). */
export function UploadDocumentButton({
  ownerType,
  ownerId,
  kind,
  label,
  onUploaded,
  testId,
  type = 'default',
}: {
  ownerType: string;
  ownerId: string;
  kind: string;
  label: string;
  onUploaded: (doc: DocumentView) => Promise<unknown> | void;
  testId?: string;
  type?: 'default' | 'primary';
}) {
  const { t } = useTranslation('coop');
  const { notification } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <span data-testid={testId}>
      <Upload
        accept={ACCEPTED_DOCUMENTS}
        showUploadList={false}
        customRequest={({ file }) => {
          setBusy(true);
          uploadDocument(ownerType, ownerId, kind, file as File)
            .then((doc) => onUploaded(doc))
            .catch((err: unknown) =>
              notification.error({ message: t('document.uploadFailed'), description: errorMessage(err) }),
            )
            .finally(() => setBusy(false));
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} type={type}>
          {label}
        </Button>
      </Upload>
    </span>
  );
}

/** A document known only by its id: its metadata is read first (404 when the caller may not see it). */
export function DocumentById({ id }: { id: string }) {
  const meta = useQuery({
    queryKey: ['coop', 'document', id],
    queryFn: () => request<DocumentView>(`${API_URL}/documents/${id}`),
    staleTime: 5 * 60_000,
  });
  if (!meta.data) return <Typography.Text type="secondary">…</Typography.Text>;
  return <DocumentLink id={id} fileName={meta.data.fileName} mimeType={meta.data.mimeType} />;
}
