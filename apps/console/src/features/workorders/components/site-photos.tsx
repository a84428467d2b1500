import { CameraOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Flex, Image, Typography, Upload, type UploadFile } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentMeta } from '../../../api/types';
import {
  DOCUMENT_MAX_BYTES,
  documentContentUrl,
  documentKeys,
  uploadDocument,
  useDeleteDocument,
} from '../../../app/documents';
import { errorText } from '../../../app/errors';
import { SITE_PHOTO, WORK_ORDER_OWNER } from '../model';

/** More than a site needs; the add button goes once there are this many. */
const PHOTOS_MAX = 9;
const photoAccept = 'image/jpeg,image/png,image/webp';

interface Props {
  workOrderId: string;
  minPhotos: number;
  /** The photos uploaded to the work order (the form item's value). */
  value?: DocumentMeta[];
  onChange?: (value: DocumentMeta[]) => void;
  id?: string;
}

/**
 * 现场照片: taken with the phone's back camera (or picked), each uploaded at once as a document of the
 * work order, shown as thumbnails from the server; removable while the work order is open.
 */
export function SitePhotos({ workOrderId, minPhotos, value, onChange, id }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const remove = useDeleteDocument();
  const [uploading, setUploading] = useState<UploadFile[]>([]);
  const [preview, setPreview] = useState<string | null>(null);
  const photos = value ?? [];
  // Uploads finishing one after the other (several photos picked at once) each add to the latest list.
  const latest = useRef(photos);
  latest.current = photos;
  const owner = { type: WORK_ORDER_OWNER, id: workOrderId };

  const fileList: UploadFile[] = [
    ...photos.map((p) => ({
      uid: p.id,
      name: p.fileName,
      status: 'done' as const,
      url: documentContentUrl(p.id),
      thumbUrl: documentContentUrl(p.id),
    })),
    ...uploading,
  ];
  const progress = (uid: string, patch: Partial<UploadFile> | null) =>
    setUploading((list) =>
      patch === null
        ? list.filter((f) => f.uid !== uid)
        : list.map((f) => (f.uid === uid ? { ...f, ...patch } : f)),
    );

  return (
    <Flex vertical gap={8} id={id}>
      <Typography.Text type="secondary" data-testid="site-photo-count" data-count={photos.length}>
        {minPhotos > 0
          ? t('workorders.site.photos.count', { count: photos.length, min: minPhotos })
          : t('workorders.site.photos.countOptional', { count: photos.length })}
      </Typography.Text>
      <div data-testid="site-photo-upload">
        <Upload
          listType="picture-card"
          accept={photoAccept}
          capture="environment"
          multiple
          fileList={fileList}
          beforeUpload={(file) => {
            if (file.size > DOCUMENT_MAX_BYTES) {
              message.error(t('workorders.site.photos.tooLarge', { name: file.name }));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file }) => {
            const photo = file as File & { uid: string };
            const uid = photo.uid;
            setUploading((list) => [...list, { uid, name: photo.name, status: 'uploading', percent: 0 }]);
            uploadDocument(owner, SITE_PHOTO, photo, photo.name, {
              onProgress: (percent) => progress(uid, { percent: Math.min(99, Math.round(percent)) }),
            })
              .then((meta) => {
                progress(uid, null);
                latest.current = [...latest.current, meta];
                onChange?.(latest.current);
                void queryClient.invalidateQueries({ queryKey: documentKeys.ofOwner(owner.type, owner.id) });
              })
              .catch((error: unknown) => {
                progress(uid, null);
                message.error(
                  t('workorders.site.photos.refused', { name: photo.name, reason: errorText(t, error) }),
                );
              });
          }}
          onRemove={(file) => {
            if (file.status !== 'done') return true;
            return remove
              .mutateAsync(file.uid)
              .then(() => {
                latest.current = latest.current.filter((p) => p.id !== file.uid);
                onChange?.(latest.current);
                message.success(t('workorders.site.photos.deleted'));
                return true;
              })
              .catch((error: unknown) => {
                message.error(errorText(t, error));
                return false;
              });
          }}
          onPreview={(file) => setPreview(file.url ?? null)}
        >
          {fileList.length < PHOTOS_MAX && (
            <Flex vertical align="center" gap={4} data-testid="site-photo-add">
              <CameraOutlined style={{ fontSize: 24 }} />
              <span>{t('workorders.site.photos.add')}</span>
            </Flex>
          )}
        </Upload>
      </div>
      {preview && (
        <Image
          style={{ display: 'none' }}
          src={preview}
          alt={t('workorders.site.photos.preview')}
          preview={{ open: true, src: preview, onOpenChange: (open) => !open && setPreview(null) }}
        />
      )}
    </Flex>
  );
}
