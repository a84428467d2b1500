import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where document bytes live. The documents table holds what they are (type, size, SHA-256); the storage
 * only keeps bytes under a key. One driver today: the local disk. An S3-compatible driver would
 * implement the same three calls.
 */
export interface DocumentStorage {
  /** Stores the bytes durably under the key; on return they survive a crash. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under the key; a missing key fails the stream. */
  get(key: string): Readable;
  /** Removes the bytes; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** The shape of every storage key, whatever the driver. */
export const storageKeyPattern =
  /^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The storage key of a document: `<yyyy>/<mm>/<id>`, by the UTC month of its upload. */
export function storageKeyOf(id: string, at: Date): string {
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `${at.getUTCFullYear()}/${month}/${id}`;
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Files under `dir/<yyyy>/<mm>/<uuid>`. A write goes to a temporary file beside the target, is flushed
 * (fsync), renamed into place and the directory flushed: a crash leaves either the whole file or none.
 */
export function createLocalDocumentStorage(dir: string): DocumentStorage {
  const root = path.resolve(dir);
  const fileOf = (key: string): string => {
    if (!storageKeyPattern.test(key)) throw new Error(`not a document storage key: ${key}`);
    return path.join(root, ...key.split('/'));
  };
  return {
    async put(key, bytes) {
      const target = fileOf(key);
      const folder = path.dirname(target);
      const created = await mkdir(folder, { recursive: true, mode: 0o750 });
      if (created) {
        // New month or year folders: make their own entries durable too.
        for (let d = path.dirname(folder); d.length >= root.length; d = path.dirname(d)) {
          await syncDirectory(d);
          if (d === root) break;
        }
      }
      const temp = path.join(folder, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
      const handle = await open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
        await handle.close();
        await rename(temp, target);
      } catch (error) {
        await handle.close().catch(() => undefined);
        await rm(temp, { force: true });
        throw error;
      }
      await syncDirectory(folder);
    },
    get(key) {
      return createReadStream(fileOf(key));
    },
    async delete(key) {
      const target = fileOf(key);
      await rm(target, { force: true });
      await syncDirectory(path.dirname(target)).catch(() => undefined);
    },
  };
}
