import type { AppConfig } from '../../platform/config';
import { createS3DocumentStorage } from './documents.s3-storage';
import { createLocalDocumentStorage, type DocumentStorage } from './documents.storage';

/** The settings the document storage is chosen and reached by. */
export type DocumentStorageConfig = Pick<
  AppConfig,
  | 'DOCUMENT_STORAGE'
  | 'S3_ENDPOINT'
  | 'S3_REGION'
  | 'S3_BUCKET'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_PREFIX'
  | 'S3_FORCE_PATH_STYLE'
>;

/**
 * The document storage the configuration asks for: the S3-compatible bucket when DOCUMENT_STORAGE=s3,
 * checked at once (HeadBucket) so that a wrong endpoint, bucket or key stops the start with a clear
 * error instead of failing the first upload; else files under `dataDir`.
 */
export async function createDocumentStorage(
  config: DocumentStorageConfig,
  dataDir: string,
): Promise<DocumentStorage> {
  if (config.DOCUMENT_STORAGE !== 's3') return createLocalDocumentStorage(dataDir);
  const { S3_BUCKET: bucket, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = config;
  if (!bucket || !accessKeyId || !secretAccessKey) {
    // loadConfig refuses this already; a hand-made config must not get past here either.
    throw new Error('DOCUMENT_STORAGE=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  }
  const storage = createS3DocumentStorage({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    bucket,
    accessKeyId,
    secretAccessKey,
    prefix: config.S3_PREFIX,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  });
  try {
    await storage.checkBucket();
  } catch (error) {
    storage.close();
    throw error;
  }
  return storage;
}
