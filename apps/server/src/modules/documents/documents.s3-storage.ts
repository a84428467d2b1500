import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { type DocumentStorage, storageKeyPattern } from './documents.storage';

/** Where the bucket is and how to reach it (from the S3_* settings). */
export interface S3DocumentStorageOptions {
  /** The service's URL (MinIO, Ceph, OSS, COS …); undefined for AWS S3 itself. */
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Folder inside the bucket, without leading or trailing slash; keys go under `<prefix>/`. */
  prefix?: string | undefined;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO and most self-hosted services). */
  forcePathStyle: boolean;
  /** Abandon a connection attempt after this long (default 5 s). */
  connectTimeoutMs?: number;
  /** Abandon a request whose socket stays idle this long (default 30 s). */
  idleTimeoutMs?: number;
}

export interface S3DocumentStorage extends DocumentStorage {
  /** The bucket as the operator would name it: `s3://bucket/prefix/ at endpoint`; no credentials. */
  readonly location: string;
  /** HeadBucket: resolves when the bucket exists and the credentials may use it, else a clear error. */
  checkBucket(timeoutMs?: number): Promise<void>;
  /** Closes the client's idle connections. */
  close(): void;
}

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const statusOf = (error: unknown) => (error as SdkError | null)?.$metadata?.httpStatusCode;

/** The object is not there (a missing bucket is not "missing": it is a failure). */
const isMissing = (error: unknown) => {
  const name = (error as SdkError | null)?.name;
  if (name === 'NoSuchBucket') return false;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(error) === 404;
};

/** What went wrong, in words: the service's error code and status, or the network error. */
function describe(error: unknown): string {
  const e = (error ?? {}) as SdkError;
  const status = statusOf(error);
  if (e.name === 'AbortError' || e.name === 'TimeoutError')
    return `no answer in time (${e.message ?? e.name})`;
  if (status === undefined && e.code) return `cannot reach the service: ${e.code} ${e.message ?? ''}`.trim();
  const name = e.name && e.name !== 'Error' && e.name !== 'UnknownError' ? e.name : 'error';
  const message = e.message && e.message !== 'UnknownError' && e.message !== e.name ? `: ${e.message}` : '';
  return status === undefined ? `${name}${message}` : `${name} (HTTP ${status})${message}`;
}

function headBucketHint(error: unknown): string {
  switch (statusOf(error)) {
    case 404:
      return 'the bucket does not exist: create it, or correct S3_BUCKET';
    case 403:
      return 'access denied: check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, and that they may list the bucket';
    case 301:
    case 400:
      return 'check S3_REGION, S3_ENDPOINT and S3_FORCE_PATH_STYLE';
    default:
      return 'check S3_ENDPOINT, S3_REGION and S3_FORCE_PATH_STYLE, and that the service is up';
  }
}

class StorageError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DocumentStorageError';
  }
}

/**
 * Documents in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, OSS and COS S3 endpoints), under
 * `<prefix>/<yyyy>/<mm>/<uuid>`. A put sends the bytes' SHA-256 (x-amz-checksum-sha256) and MD5
 * (Content-MD5): the service refuses the object unless the bytes it received match, and S3 answers a put
 * only once the object is stored durably. A get streams the object; a missing object fails the stream
 * with code ENOENT, as the local disk does. The documents module still checks size and SHA-256 on every
 * read. Credentials come from the options alone; nothing here logs them.
 */
export function createS3DocumentStorage(options: S3DocumentStorageOptions): S3DocumentStorage {
  const prefix = options.prefix ? `${options.prefix.replace(/^\/+|\/+$/g, '')}/` : '';
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // Only our settings count: no AWS_ENDPOINT_URL or ~/.aws/config endpoint behind the operator's back.
    ignoreConfiguredEndpointUrls: true,
    // We send our own SHA-256 and MD5; no extra CRC32 in an aws-chunked trailer, which several
    // S3-compatible services refuse.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      connectionTimeout: options.connectTimeoutMs ?? 5_000,
      socketTimeout: options.idleTimeoutMs ?? 30_000,
    },
  });
  const where = options.endpoint ? new URL(options.endpoint).origin : `AWS S3 (${options.region})`;
  const location = `s3://${options.bucket}/${prefix} at ${where}`;
  const objectKey = (key: string): string => {
    // The same keys as the local disk (`<yyyy>/<mm>/<uuid>`): nothing else is ever written or read.
    if (!storageKeyPattern.test(key)) throw new Error(`not a document storage key: ${key}`);
    return `${prefix}${key}`;
  };
  const objectName = (Key: string) => `s3://${options.bucket}/${Key} at ${where}`;
  const failure = (action: string, Key: string, error: unknown) =>
    new StorageError(`document storage: ${action} ${objectName(Key)} failed: ${describe(error)}`, undefined, {
      cause: error,
    });

  return {
    location,

    async put(key, bytes) {
      const Key = objectKey(key);
      const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: options.bucket,
            Key,
            Body: body,
            ContentLength: body.length,
            ContentType: 'application/octet-stream',
            ChecksumSHA256: createHash('sha256').update(body).digest('base64'),
            ContentMD5: createHash('md5').update(body).digest('base64'),
          }),
        );
      } catch (error) {
        throw failure('PutObject', Key, error);
      }
    },

    get(key) {
      const out = new PassThrough();
      let Key: string;
      try {
        Key = objectKey(key);
      } catch (error) {
        process.nextTick(() => out.destroy(error as Error));
        return out;
      }
      const abort = new AbortController();
      // The reader gave up early (e.g. the file is longer than recorded): stop the download.
      out.once('close', () => {
        if (!out.readableEnded) abort.abort();
      });
      client.send(new GetObjectCommand({ Bucket: options.bucket, Key }), { abortSignal: abort.signal }).then(
        (response) => {
          const body = response.Body;
          if (!(body instanceof Readable)) {
            out.destroy(new StorageError(`document storage: GetObject ${objectName(Key)}: no body`));
            return;
          }
          // An error of the body (a connection cut mid-way) fails `out`; destroying `out` ends the body.
          pipeline(body, out).catch(() => undefined);
        },
        (error: unknown) => {
          if (abort.signal.aborted) return;
          out.destroy(
            isMissing(error)
              ? new StorageError(`document storage: no object ${objectName(Key)}`, 'ENOENT', { cause: error })
              : failure('GetObject', Key, error),
          );
        },
      );
      return out;
    },

    async delete(key) {
      const Key = objectKey(key);
      try {
        await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key }));
      } catch (error) {
        // S3 answers 204 for a missing key; some compatible services answer 404 NoSuchKey.
        if (isMissing(error)) return;
        throw failure('DeleteObject', Key, error);
      }
    },

    async checkBucket(timeoutMs = 20_000) {
      try {
        await client.send(new HeadBucketCommand({ Bucket: options.bucket }), {
          abortSignal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new StorageError(
          `document storage: the bucket ${location} is not reachable: ${describe(error)} — ${headBucketHint(error)}`,
          undefined,
          { cause: error },
        );
      }
    },

    close() {
      client.destroy();
    },
  };
}
