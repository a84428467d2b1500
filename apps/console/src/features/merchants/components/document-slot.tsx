import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Progress, Typography, theme, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import type { DocumentMeta } from '../../../api/types';
import { DOCUMENT_MAX_BYTES, useDeleteDocument } from '../../../app/documents';
import { errorText } from '../../../app/errors';
import { applicationDocumentKeys, uploadApplicationDocument } from '../api';
import { type DocumentKind, documentAccept } from '../model';
import { DocumentThumb } from './document-thumb';

interface Props {
  applicationId: string;
  kind: DocumentKind;
  required: boolean;
  editable: boolean;
  /** The documents of this kind (the form item's value). */
  value?: DocumentMeta[];
  onChange?: (value: DocumentMeta[]) => void;
  id?: string;
}

interface Refusal {
  title: string;
  detail?: string;
}

/**
 * One upload slot of the documents step: the files of one kind with preview and delete, and an upload
 * that posts the file as multipart with progress; a refusal shows the server's reason.
 */
export function DocumentSlot({ applicationId, kind, required, editable, value, onChange, id }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const queryClient = useQueryClient();
  const remove = useDeleteDocument();
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const docs = value ?? [];

  const refused = (name: string, error: unknown): Refusal => {
    const title = t('merchants.documents.refused', { name });
    if (error instanceof ApiError) {
      const detail = errorText(t, error);
      // The server's own words say what the file was (e.g. "a Windows executable (PE)").
      return { title, detail: detail === error.message ? detail : `${detail} (${error.message})` };
    }
    return { title, detail: errorText(t, error) };
  };

  return (
    <Card
      size="small"
      id={id}
      title={
        // Marked like a required form item; the optional one says so.
        <span title={t(required ? 'merchants.documents.required' : 'merchants.documents.optional')}>
          {required && <span style={{ color: token.colorError, marginInlineEnd: 4 }}>*</span>}
          {t(`merchants.fields.documents.${kind}`)}
          {!required && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 6 }}>
              ({t('merchants.documents.optional')})
            </Typography.Text>
          )}
        </span>
      }
      extra={
        editable && (
          <div data-testid={`doc-upload-${kind}`}>
            <Upload
              accept={documentAccept}
              showUploadList={false}
              multiple={false}
              disabled={progress !== null}
              beforeUpload={(file) => {
                setRefusal(null);
                if (file.size > DOCUMENT_MAX_BYTES) {
                  setRefusal({ title: t('merchants.documents.tooLarge', { name: file.name }) });
                  return Upload.LIST_IGNORE;
                }
                return true;
              }}
              customRequest={({ file, onProgress, onSuccess, onError }) => {
                const upload = file as File;
                setProgress({ name: upload.name, percent: 0 });
                uploadApplicationDocument(applicationId, kind, upload, {
                  onProgress: (percent) => {
                    setProgress({ name: upload.name, percent: Math.min(99, Math.round(percent)) });
                    onProgress?.({ percent });
                  },
                })
                  .then((meta) => {
                    setProgress(null);
                    onChange?.([...docs, meta]);
                    void queryClient.invalidateQueries({ queryKey: applicationDocumentKeys(applicationId) });
                    message.success(t('merchants.documents.uploaded', { name: meta.fileName }));
                    onSuccess?.(meta);
                  })
                  .catch((error: unknown) => {
                    setProgress(null);
                    setRefusal(refused(upload.name, error));
                    onError?.(error instanceof Error ? error : new Error(String(error)));
                  });
              }}
            >
              <Button
                size="small"
                icon={<UploadOutlined />}
                loading={progress !== null}
                data-testid={`doc-upload-button-${kind}`}
              >
                {docs.length > 0 ? t('merchants.documents.reupload') : t('merchants.documents.upload')}
              </Button>
            </Upload>
          </div>
        )
      }
      styles={{ body: { minHeight: 150 } }}
      data-testid={`doc-slot-${kind}`}
    >
      <Flex wrap gap={12}>
        {docs.map((doc) => (
          <DocumentThumb
            key={doc.id}
            doc={doc}
            deleting={remove.isPending && remove.variables === doc.id}
            onDelete={
              editable
                ? (d) =>
                    remove.mutate(d.id, {
                      onSuccess: () => {
                        onChange?.(docs.filter((x) => x.id !== d.id));
                        message.success(t('merchants.documents.deleted'));
                      },
                      onError: (error) => message.error(errorText(t, error)),
                    })
                : undefined
            }
          />
        ))}
        {docs.length === 0 && !progress && (
          <Typography.Text type="secondary">{t('merchants.form.missing')}</Typography.Text>
        )}
      </Flex>
      {progress && (
        <div style={{ marginTop: 8 }} data-testid={`doc-progress-${kind}`}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('merchants.documents.uploading', { name: progress.name })}
          </Typography.Text>
          <Progress percent={progress.percent} size="small" status="active" />
        </div>
      )}
      {refusal && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setRefusal(null) }}
          title={refusal.title}
          description={refusal.detail}
          style={{ marginTop: 8 }}
          data-testid={`doc-error-${kind}`}
        />
      )}
    </Card>
  );
}
