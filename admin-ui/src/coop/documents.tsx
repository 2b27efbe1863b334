import {
  DownloadOutlined,
  EyeOutlined,
  FilePdfOutlined,
  PaperClipOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Flex, Modal, Spin, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { errorMessage } from '../providers/http';
import { ACCEPTED_DOCUMENTS, documentBlob, saveBlob, uploadDocument } from './api';
import type { DocumentView } from './types';

/** A blob as a data: URL (the CSP allows data: images, not blob: ones). */
function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(blob);
  });
}

/**
 * The document inside a modal: an image is shown; a PDF is offered for download (the CSP lets no
 * frame or plugin render it inline).
 */
function Preview({
  id,
  fileName,
  mimeType,
  onDownload,
  onClose,
}: {
  id: string;
  fileName: string;
  mimeType: string;
  onDownload: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('coop');
  const image = mimeType.startsWith('image/');
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!image) return;
    documentBlob(id)
      .then(dataUrl)
      .then(setUrl)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [id, image]);
  return (
    <Modal
      open
      width={image ? 900 : 520}
      title={fileName}
      onCancel={onClose}
      footer={
        <Button icon={<DownloadOutlined />} onClick={onDownload}>
          {t('document.download')}
        </Button>
      }
    >
      <div data-testid="document-preview" style={{ minHeight: image ? 240 : 0, textAlign: 'center' }}>
        {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
        {image && !url && !error ? <Spin style={{ marginTop: 96 }} /> : null}
        {url ? <img src={url} alt={fileName} style={{ maxWidth: '100%', maxHeight: '70vh' }} /> : null}
        {!image ? (
          <Typography.Paragraph type="secondary" style={{ textAlign: 'left' }}>
            <FilePdfOutlined /> {t('document.pdfHint')}
          </Typography.Paragraph>
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
      {open ? (
        <Preview
          id={id}
          fileName={fileName}
          mimeType={mimeType}
          onDownload={() => void download()}
          onClose={() => setOpen(false)}
        />
      ) : null}
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
    queryFn: () => ok(api.GET('/api/v1/documents/{id}', { params: { path: { id } } })),
    staleTime: 5 * 60_000,
  });
  if (!meta.data) return <Typography.Text type="secondary">…</Typography.Text>;
  return <DocumentLink id={id} fileName={meta.data.fileName} mimeType={meta.data.mimeType} />;
}
