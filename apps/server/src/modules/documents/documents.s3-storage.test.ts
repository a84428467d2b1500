/**
 * The S3-compatible document storage against a real S3 server over real HTTP: fauxqs, an S3 emulator
 * run in this process (a devDependency, nothing to install by hand).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  DeleteBucketCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { fixedClock } from '@posops/kernel';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, orgId, startTestApp, type TestApp } from '../../../test/app';
import { createTestDatabase } from '../../../test/database';
import { jpeg, pdf, uploadDocument } from '../../../test/files';
import { loadConfig } from '../../platform/config';
import { createPosOps } from '../../platform/posops';
import {
  createDocumentStorage,
  createS3DocumentStorage,
  registerDocumentOwner,
  type S3DocumentStorageOptions,
} from '.';

const BUCKET = 'posops-docs';
const ACCESS_KEY = 'posops-test-key';
/** A marker that must never show up in an error or a log line. */
const SECRET = `never-log-me-${randomBytes(8).toString('hex')}`;

const keyA = '2026/03/0b5e9f5c-3f3e-4c59-9a67-2f0d8f1f4a10';
const keyB = '2026/04/6f1c2d3e-4b5a-4c69-8d7e-9f0a1b2c3d4e';

let s3: FauxqsServer;
/** A plain client of the same server, to look behind the driver's back. */
let raw: S3Client;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64');
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('base64');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The keys in the bucket, as the service lists them. */
async function listed(): Promise<string[]> {
  const response = await raw.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (response.Contents ?? []).map((o) => o.Key ?? '').sort();
}

async function clearBucket(): Promise<void> {
  for (const key of await listed()) await raw.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
}

function options(overrides: Partial<S3DocumentStorageOptions> = {}): S3DocumentStorageOptions {
  return {
    endpoint: s3.address,
    region: 'us-east-1',
    bucket: BUCKET,
    accessKeyId: ACCESS_KEY,
    secretAccessKey: SECRET,
    forcePathStyle: true,
    ...overrides,
  };
}

/** A port on 127.0.0.1 that nothing listens on (just freed). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** An HTTP proxy in front of the S3 server that records what the driver really sends. */
async function recordingProxy(target: string) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const upstream = http.request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => res.destroy(error));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    seen,
    port,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Everything an error shows: message, stack and causes, as a log line or a crash report would. */
function allTextOf(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as { message?: string; stack?: string; cause?: unknown } | undefined; e; ) {
    parts.push(String(e.message), String(e.stack), JSON.stringify(e, Object.getOwnPropertyNames(e)));
    e = e.cause as typeof e;
  }
  return parts.join('\n');
}

beforeAll(async () => {
  s3 = await startFauxqs({ port: 0, logger: false });
  s3.createBucket(BUCKET);
  raw = new S3Client({
    endpoint: s3.address,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'other', secretAccessKey: 'other' },
  });
});

afterAll(async () => {
  raw?.destroy();
  await s3?.stop();
});

describe('the S3 document storage', () => {
  it('puts, gets and deletes the bytes under the prefix, and nothing else in the bucket', async () => {
    await clearBucket();
    const storage = createS3DocumentStorage(options({ prefix: 'posops/documents' }));
    try {
      // Large enough to arrive in several chunks.
      const bytes = new Uint8Array(randomBytes(300 * 1024));
      await storage.put(keyA, bytes);
      expect(await listed()).toEqual([`posops/documents/${keyA}`]);
      expect(new Uint8Array(await readAll(storage.get(keyA)))).toEqual(bytes);
      // A reader that gives up after the first chunk (the documents module does, past the recorded
      // size) just stops the download.
      const partial = storage.get(keyA);
      for await (const chunk of partial) {
        expect((chunk as Buffer).length).toBeLessThan(bytes.length);
        break;
      }
      expect(partial.destroyed).toBe(true);
      expect(new Uint8Array(await readAll(storage.get(keyA)))).toEqual(bytes);

      await storage.delete(keyA);
      expect(await listed()).toEqual([]);
      await expect(readAll(storage.get(keyA))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      storage.close();
    }
  });

  it('keeps keys at the top of the bucket without a prefix, and strips stray slashes from one', async () => {
    await clearBucket();
    const bare = createS3DocumentStorage(options());
    const slashed = createS3DocumentStorage(options({ prefix: '/tenant-a/' }));
    try {
      await bare.put(keyA, pdf());
      await slashed.put(keyB, pdf());
      expect(await listed()).toEqual([keyA, `tenant-a/${keyB}`]);
      // Each sees only its own keys.
      await expect(readAll(bare.get(keyB))).rejects.toMatchObject({ code: 'ENOENT' });
      expect(new Uint8Array(await readAll(slashed.get(keyB)))).toEqual(pdf());
    } finally {
      bare.close();
      slashed.close();
    }
  });

  it('sends the SHA-256 and MD5 of the bytes with every put, path-style, without aws-chunked trailers', async () => {
    await clearBucket();
    const proxy = await recordingProxy(s3.address);
    const storage = createS3DocumentStorage(
      options({ endpoint: `http://127.0.0.1:${proxy.port}`, prefix: 'p' }),
    );
    try {
      const bytes = jpeg();
      await storage.put(keyA, bytes);
      const put = proxy.seen.find((r) => r.method === 'PUT');
      expect(new URL(put?.url ?? '', 'http://proxy').pathname).toBe(`/${BUCKET}/p/${keyA}`);
      expect(put?.headers['x-amz-checksum-sha256']).toBe(sha256(bytes));
      expect(put?.headers['content-md5']).toBe(md5(bytes));
      expect(put?.headers['content-length']).toBe(String(bytes.length));
      expect(put?.headers['content-encoding'] ?? '').not.toContain('aws-chunked');
      expect(put?.headers['x-amz-checksum-crc32']).toBeUndefined();
      // The credentials sign the request; the secret itself never travels.
      expect(put?.headers.authorization).toContain(`Credential=${ACCESS_KEY}/`);
      expect(JSON.stringify(proxy.seen)).not.toContain(SECRET);
      // And the service kept that checksum with the object.
      const head = await raw.send(
        new HeadObjectCommand({ Bucket: BUCKET, Key: `p/${keyA}`, ChecksumMode: 'ENABLED' }),
      );
      expect(head.ChecksumSHA256).toBe(sha256(bytes));
    } finally {
      storage.close();
      await proxy.close();
    }
  });

  it('fails the stream of a missing key (no empty stream) and ignores the deletion of one', async () => {
    await clearBucket();
    const storage = createS3DocumentStorage(options());
    try {
      const stream = storage.get(keyB);
      let chunks = 0;
      stream.on('data', () => chunks++);
      const error = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
        stream.once('error', resolve);
        stream.once('end', () => reject(new Error('a missing key ended as an empty stream')));
      });
      expect(chunks).toBe(0);
      expect(error.code).toBe('ENOENT');
      expect(error.message).toContain(`s3://${BUCKET}/${keyB}`);
      await expect(storage.delete(keyB)).resolves.toBeUndefined();
    } finally {
      storage.close();
    }
  });

  it('refuses keys that are not document keys, before any request', async () => {
    const proxy = await recordingProxy(s3.address);
    const storage = createS3DocumentStorage(options({ endpoint: `http://127.0.0.1:${proxy.port}` }));
    try {
      await expect(storage.put('../other-bucket/x', pdf())).rejects.toThrow(/not a document storage key/);
      await expect(readAll(storage.get('2026/03/../../secrets'))).rejects.toThrow(
        /not a document storage key/,
      );
      await expect(storage.delete('')).rejects.toThrow(/not a document storage key/);
      expect(proxy.seen).toEqual([]);
    } finally {
      storage.close();
      await proxy.close();
    }
  });

  it('reports a failing service as an error, never as a missing file, and without the secret', async () => {
    const storage = createS3DocumentStorage(options({ bucket: 'no-such-bucket' }));
    try {
      const put = await storage.put(keyA, pdf()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(put).toBeInstanceOf(Error);
      expect((put as Error).message).toMatch(
        /^document storage: PutObject s3:\/\/no-such-bucket\/2026\/03\//,
      );
      expect((put as Error).message).toContain('NoSuchBucket');
      expect(allTextOf(put)).not.toContain(SECRET);

      const get = await readAll(storage.get(keyA)).then(
        () => null,
        (e: unknown) => e as NodeJS.ErrnoException,
      );
      expect(get?.message).toContain('NoSuchBucket');
      expect(get?.code).not.toBe('ENOENT');
      await expect(storage.delete(keyA)).rejects.toThrow(/NoSuchBucket/);
    } finally {
      storage.close();
    }
  });

  it('addresses the bucket as a host name when path style is off', async () => {
    const proxy = await recordingProxy(s3.address);
    const storage = createS3DocumentStorage(
      options({ endpoint: `http://localhost:${proxy.port}`, forcePathStyle: false }),
    );
    try {
      const outcome = await storage.checkBucket(5_000).then(
        () => 'reached',
        (e: Error) => e.message,
      );
      if (outcome === 'reached') {
        // This machine resolves *.localhost: the request came with the bucket in the host name.
        expect(proxy.seen[0]?.headers.host).toBe(`${BUCKET}.localhost:${proxy.port}`);
        expect(proxy.seen[0]?.url).toBe('/');
      } else {
        // It does not: the driver tried the bucket's own host name, not a path.
        expect(outcome).toContain(`${BUCKET}.localhost`);
        expect(proxy.seen).toEqual([]);
      }
    } finally {
      storage.close();
      await proxy.close();
    }
  });
});

describe('choosing the storage at start-up', () => {
  const s3Env = () => ({
    DOCUMENT_STORAGE: 's3',
    S3_ENDPOINT: s3.address,
    S3_BUCKET: BUCKET,
    S3_ACCESS_KEY_ID: ACCESS_KEY,
    S3_SECRET_ACCESS_KEY: SECRET,
  });

  it('uses the local disk by default, and the bucket when DOCUMENT_STORAGE=s3', async () => {
    await clearBucket();
    const dir = mkdtempSync(path.join(tmpdir(), 'posops-storage-choice-'));
    try {
      const local = await createDocumentStorage(loadConfig({}), dir);
      await local.put(keyA, pdf());
      expect(readdirSync(path.join(dir, '2026', '03'))).toHaveLength(1);
      expect(await listed()).toEqual([]);

      const bucket = await createDocumentStorage(loadConfig({ ...s3Env(), S3_PREFIX: 'chosen' }), dir);
      await bucket.put(keyB, pdf());
      expect(await listed()).toEqual([`chosen/${keyB}`]);
      expect(existsSync(path.join(dir, '2026', '04'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops the start when the bucket is not reachable, naming it, without the secret', async () => {
    const port = await closedPort();
    const database = await createTestDatabase();
    const lines: string[] = [];
    const logStream = { write: (line: string) => lines.push(line) };
    try {
      const config = loadConfig({
        DEMO: 'true',
        JOBS: 'false',
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'posops-s3-down-')),
        ...s3Env(),
        S3_ENDPOINT: `http://127.0.0.1:${port}`,
      });
      const started = await createPosOps(config, database.url, fixedClock(new Date()), {
        logger: { level: 'trace', stream: logStream },
        demoActivity: false,
      }).then(
        async (posops) => {
          await posops.close();
          return null;
        },
        (e: unknown) => e,
      );
      expect(started).toBeInstanceOf(Error);
      const message = (started as Error).message;
      expect(message).toContain(`the bucket s3://${BUCKET}/ at http://127.0.0.1:${port} is not reachable`);
      expect(message).toContain('ECONNREFUSED');
      expect(message).toContain('check S3_ENDPOINT');
      expect(allTextOf(started)).not.toContain(SECRET);
      expect(lines.join('\n')).not.toContain(SECRET);
    } finally {
      await database.drop();
    }
  });

  it('stops the start when the bucket does not exist', async () => {
    const refused = await createDocumentStorage(
      loadConfig({ ...s3Env(), S3_BUCKET: 'missing-bucket' }),
      '/nonexistent',
    ).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(refused).toContain('the bucket s3://missing-bucket/');
    expect(refused).toContain('HTTP 404');
    expect(refused).toContain('the bucket does not exist');
  });
});

describe('S3 settings', () => {
  it('defaults to the local disk, us-east-1 and path-style addressing', () => {
    const config = loadConfig({});
    expect(config.DOCUMENT_STORAGE).toBe('local');
    expect(config.S3_REGION).toBe('us-east-1');
    expect(config.S3_FORCE_PATH_STYLE).toBe(true);
    expect(config.S3_ENDPOINT).toBeUndefined();
    // S3 settings without the switch are a mistake, refused rather than silently stored on disk.
    expect(() => loadConfig({ S3_BUCKET: 'some-bucket' })).toThrow(
      /S3_BUCKET set but DOCUMENT_STORAGE is local/,
    );
  });

  it('reads a complete S3 configuration', () => {
    const config = loadConfig({
      DOCUMENT_STORAGE: 's3',
      S3_ENDPOINT: 'https://cos.ap-guangzhou.myqcloud.com',
      S3_REGION: 'ap-guangzhou',
      S3_BUCKET: 'posops-1250000000',
      S3_ACCESS_KEY_ID: 'AKID',
      S3_SECRET_ACCESS_KEY: SECRET,
      S3_PREFIX: 'prod/documents',
      S3_FORCE_PATH_STYLE: 'off',
    });
    expect(config).toMatchObject({
      DOCUMENT_STORAGE: 's3',
      S3_ENDPOINT: 'https://cos.ap-guangzhou.myqcloud.com',
      S3_REGION: 'ap-guangzhou',
      S3_BUCKET: 'posops-1250000000',
      S3_PREFIX: 'prod/documents',
      S3_FORCE_PATH_STYLE: false,
    });
  });

  it('names exactly the settings DOCUMENT_STORAGE=s3 is missing', () => {
    expect(() => loadConfig({ DOCUMENT_STORAGE: 's3' })).toThrow(
      'Invalid configuration: DOCUMENT_STORAGE=s3 also needs S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY',
    );
    expect(() =>
      loadConfig({
        DOCUMENT_STORAGE: 's3',
        S3_BUCKET: 'b-1',
        S3_ACCESS_KEY_ID: 'k',
        S3_SECRET_ACCESS_KEY: '',
      }),
    ).toThrow('Invalid configuration: DOCUMENT_STORAGE=s3 also needs S3_SECRET_ACCESS_KEY');
    expect(() => loadConfig({ DOCUMENT_STORAGE: 's3', S3_SECRET_ACCESS_KEY: SECRET })).toThrow(
      /needs S3_BUCKET, S3_ACCESS_KEY_ID$/,
    );
  });

  it.each([
    ['DOCUMENT_STORAGE', 'gcs'],
    ['S3_ENDPOINT', 'minio:9000'],
    ['S3_ENDPOINT', 'ftp://minio.example:9000'],
    ['S3_ENDPOINT', `http://admin:${SECRET}@minio.example:9000`],
    ['S3_BUCKET', 'Documents_2026'],
    ['S3_BUCKET', 'ab'],
    ['S3_REGION', 'us east'],
    ['S3_PREFIX', '/documents'],
    ['S3_PREFIX', 'documents/'],
    ['S3_PREFIX', 'a//b'],
    ['S3_PREFIX', 'a/../b'],
    ['S3_PREFIX', 'a b'],
    ['S3_FORCE_PATH_STYLE', 'maybe'],
  ])('refuses %s=%s naming the setting, never echoing the secret', (key, value) => {
    const attempt = () => loadConfig({ S3_SECRET_ACCESS_KEY: SECRET, [key]: value });
    expect(attempt).toThrow(new RegExp(`^Invalid configuration: ${key}: `));
    let message = '';
    try {
      attempt();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain(SECRET);
  });
});

describe('documents in a bucket, through the app', () => {
  let app: TestApp;
  let frontdesk: Client;
  let dataDir: string;
  const folder = { orgId: '', open: true };

  beforeAll(async () => {
    await clearBucket();
    dataDir = mkdtempSync(path.join(tmpdir(), 'posops-s3-app-'));
    app = await startTestApp({
      DATA_DIR: dataDir,
      DOCUMENT_STORAGE: 's3',
      S3_ENDPOINT: s3.address,
      S3_BUCKET: BUCKET,
      S3_ACCESS_KEY_ID: ACCESS_KEY,
      S3_SECRET_ACCESS_KEY: SECRET,
      S3_PREFIX: 'posops/documents',
    });
    folder.orgId = await orgId(app, 'BJCY');
    registerDocumentOwner('test.s3folder', {
      kinds: ['scan'],
      orgOf: async (db, id) => {
        if (id !== 'f-1') return null;
        const seen = await db
          .selectFrom('orgs')
          .select('id')
          .where('id', '=', folder.orgId)
          .executeTakeFirst();
        return seen ? folder.orgId : null;
      },
      canChange: async () => folder.open,
    });
    frontdesk = await app.as('frontdesk');
  });

  afterAll(async () => {
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function content(id: string) {
    const response = await fetch(`${app.baseUrl}/api/documents/${id}/content`, {
      headers: frontdesk.cookie ? { cookie: frontdesk.cookie } : {},
    });
    return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  const fields = { ownerType: 'test.s3folder', ownerId: 'f-1', kind: 'scan' };

  it('stores an upload in the bucket under the prefix, not on the disk, and serves it back', async () => {
    const bytes = pdf();
    const created = await uploadDocument(app.baseUrl, frontdesk, fields, { bytes, name: 'licence.pdf' });
    expect(created.status).toBe(201);
    const row = await app.db
      .selectFrom('documents')
      .select('storage_key')
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(await listed()).toContain(`posops/documents/${row.storage_key}`);
    expect(existsSync(path.join(dataDir, 'documents'))).toBe(false);
    const served = await content(created.body.id);
    expect(served.status).toBe(200);
    expect(served.bytes).toEqual(bytes);
  });

  it('refuses an object replaced behind its back (SHA-256 checked on read), and a vanished one', async () => {
    const created = await uploadDocument(app.baseUrl, frontdesk, fields, {
      bytes: pdf(),
      name: 'forged.pdf',
    });
    expect(created.status).toBe(201);
    const row = await app.db
      .selectFrom('documents')
      .select('storage_key')
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    const Key = `posops/documents/${row.storage_key}`;
    const forged = pdf();
    forged[forged.length - 3] = 0x21; // same size, one byte changed
    await raw.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: forged }));
    const served = await content(created.body.id);
    expect(served.status).toBe(500);
    const body = JSON.parse(Buffer.from(served.bytes).toString('utf8'));
    expect(body.code).toBe('DOCUMENT_CORRUPT');
    expect(body.message).toContain('does not match its SHA-256');
    expect(JSON.stringify(body)).not.toContain(SECRET);

    await raw.send(new DeleteObjectCommand({ Bucket: BUCKET, Key }));
    const missing = await content(created.body.id);
    expect(missing.status).toBe(500);
    expect(JSON.parse(Buffer.from(missing.bytes).toString('utf8')).message).toContain('the file is missing');
  });

  it('records nothing when the bucket refuses the upload', async () => {
    const rows = async () => (await app.db.selectFrom('documents').select('id').execute()).length;
    const before = await rows();
    await clearBucket();
    await raw.send(new DeleteBucketCommand({ Bucket: BUCKET }));
    try {
      const refused = await uploadDocument(app.baseUrl, frontdesk, fields, {
        bytes: pdf(),
        name: 'lost.pdf',
      });
      expect(refused.status).toBe(500);
      expect(JSON.stringify(refused.body)).not.toContain(SECRET);
      expect(await rows()).toBe(before);
    } finally {
      s3.createBucket(BUCKET);
    }
    expect(
      (await uploadDocument(app.baseUrl, frontdesk, fields, { bytes: pdf(), name: 'ok.pdf' })).status,
    ).toBe(201);
    expect(await rows()).toBe(before + 1);
  });
});
