import { DeleteOutlined, EyeOutlined, FilePdfOutlined, LinkOutlined } from '@ant-design/icons';
import { Button, Flex, Image, Modal, Popconfirm, Tooltip, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentMeta } from '../../../api/types';
import { documentContentUrl } from '../../../app/documents';
import { formatDateTime } from '../../../app/format';

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const THUMB_W = 104;
const THUMB_H = 78;

/** A PDF shown in the page (the browser's viewer in a frame), with a way out to a tab of its own. */
export function PdfPreviewModal({ doc, onClose }: { doc: DocumentMeta | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={doc !== null}
      onCancel={onClose}
      title={doc?.fileName}
      width="min(960px, 92vw)"
      footer={
        doc && (
          <Button href={documentContentUrl(doc.id)} target="_blank" rel="noopener" icon={<LinkOutlined />}>
            {t('merchants.documents.openPdf')}
          </Button>
        )
      }
      destroyOnHidden
      data-testid="pdf-preview"
    >
      {doc && (
        <iframe
          title={doc.fileName}
          src={documentContentUrl(doc.id)}
          style={{ width: '100%', height: '70vh', border: 0 }}
        />
      )}
    </Modal>
  );
}

interface Props {
  doc: DocumentMeta;
  onDelete?: (doc: DocumentMeta) => void;
  deleting?: boolean;
}

/** One stored document: a thumbnail that opens the preview (lightbox for images, viewer for PDF). */
export function DocumentThumb({ doc, onDelete, deleting }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [pdfOpen, setPdfOpen] = useState(false);
  const isPdf = doc.contentType === 'application/pdf';
  return (
    <Flex
      vertical
      gap={4}
      style={{ width: THUMB_W + 16 }}
      data-testid={`doc-item-${doc.kind}`}
      data-document-id={doc.id}
    >
      <div
        style={{
          width: THUMB_W,
          height: THUMB_H,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
          overflow: 'hidden',
          display: 'grid',
          placeItems: 'center',
          background: token.colorFillQuaternary,
        }}
      >
        {isPdf ? (
          <Button
            type="text"
            style={{ width: '100%', height: '100%' }}
            onClick={() => setPdfOpen(true)}
            aria-label={t('merchants.documents.preview')}
            data-testid={`doc-preview-${doc.kind}`}
          >
            <Flex vertical align="center" gap={2}>
              <FilePdfOutlined style={{ fontSize: 28, color: token.colorError }} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                PDF · <EyeOutlined />
              </Typography.Text>
            </Flex>
          </Button>
        ) : (
          <Image
            src={documentContentUrl(doc.id)}
            alt={doc.fileName}
            width={THUMB_W}
            height={THUMB_H}
            styles={{ image: { objectFit: 'cover' } }}
            data-testid={`doc-preview-${doc.kind}`}
          />
        )}
      </div>
      <Tooltip title={doc.fileName}>
        <Typography.Text ellipsis style={{ maxWidth: THUMB_W + 16, fontSize: 12 }}>
          {doc.fileName}
        </Typography.Text>
      </Tooltip>
      <Flex align="center" justify="space-between" style={{ maxWidth: THUMB_W + 16 }}>
        <Tooltip title={formatDateTime(doc.uploadedAt)}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fileSize(doc.sizeBytes)}
          </Typography.Text>
        </Tooltip>
        {onDelete && (
          <Popconfirm
            title={t('merchants.documents.confirmDelete')}
            onConfirm={() => onDelete(doc)}
            okButtonProps={{ danger: true, 'data-testid': 'doc-delete-confirm' }}
          >
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              loading={deleting}
              aria-label={t('merchants.documents.delete')}
              data-testid={`doc-delete-${doc.kind}`}
            />
          </Popconfirm>
        )}
      </Flex>
      {isPdf && <PdfPreviewModal doc={pdfOpen ? doc : null} onClose={() => setPdfOpen(false)} />}
    </Flex>
  );
}
