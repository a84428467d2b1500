import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import type { ServiceContext } from '../../platform/http/context';
import { originOf, recordAudit } from '../audit';
import { sanitiseFileName, sniffDocument } from './documents.content';
import { namePattern, ownerOf, registeredOwner } from './documents.owners';
import {
  documentsOfOwner,
  findDocument,
  findDocumentForUpdate,
  insertDocument,
  markDocumentDeleted,
} from './documents.repo';
import type { DocumentContentType } from './documents.schema';
import { type DocumentStorage, storageKeyOf } from './documents.storage';

/** What the API shows of a document: never its storage key, never its bytes. */
export interface DocumentMeta {
  id: string;
  ownerType: string;
  ownerId: string;
  kind: string;
  fileName: string;
  contentType: DocumentContentType;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

const toMeta = (r: DocumentRow): DocumentMeta => ({
  id: r.id,
  ownerType: r.owner_type,
  ownerId: r.owner_id,
  kind: r.kind,
  fileName: r.file_name,
  contentType: r.content_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at.toISOString(),
});

export const ownerIdPattern = /^[A-Za-z0-9_.:-]{1,100}$/;
const acceptedList = 'JPEG, PNG or WebP images, or PDF';

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function checkOwnerFields(ownerType: string, ownerId: string, kind?: string) {
  const fields: Record<string, string> = {};
  if (!namePattern.test(ownerType)) fields.ownerType = 'lower-case letters, digits, _ . -, at most 40';
  if (!ownerIdPattern.test(ownerId)) fields.ownerId = 'letters, digits, _ . : -, at most 100';
  if (kind !== undefined && !namePattern.test(kind)) {
    fields.kind = 'lower-case letters, digits, _ . -, at most 40';
  }
  if (Object.keys(fields).length > 0) {
    const summary = Object.entries(fields)
      .map(([f, m]) => `${f}: ${m}`)
      .join('; ');
    throw new AppError('VALIDATION_FAILED', `invalid document fields: ${summary}`, fields);
  }
  const owner = ownerOf(ownerType);
  if (kind !== undefined && !owner.kinds.includes(kind)) {
    const message = `${kind} is not a document kind of ${ownerType} (one of: ${owner.kinds.join(', ')})`;
    throw new AppError('VALIDATION_FAILED', message, { kind: message });
  }
  return owner;
}

const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);

export interface UploadInput {
  ownerType: string;
  ownerId: string;
  kind: string;
  /** The name the client gave; sanitised here. */
  fileName: string | undefined;
  bytes: Buffer;
}

/**
 * Stores one document: fields and owner checked, type told from the bytes, row and audit written, bytes
 * stored last in the same transaction; a failure anywhere leaves neither row nor file.
 */
export async function uploadDocument(
  ctx: ServiceContext,
  storage: DocumentStorage,
  input: UploadInput,
): Promise<DocumentMeta> {
  const owner = checkOwnerFields(input.ownerType, input.ownerId, input.kind);
  const size = input.bytes.length;
  if (size === 0) {
    throw new AppError('VALIDATION_FAILED', 'the file is empty', { file: 'the file is empty' });
  }
  const max = ctx.config.DOCUMENT_MAX_BYTES;
  if (size > max) {
    const message = `the file is larger than ${max} bytes`;
    throw new AppError('PAYLOAD_TOO_LARGE', message, { file: message });
  }
  const sniffed = await sniffDocument(input.bytes);
  const shownName = sanitiseFileName(input.fileName, sniffed.accepted ? sniffed.ext : 'bin');
  if (!sniffed.accepted) {
    const message = `${shownName} is ${sniffed.description}; accepted are ${acceptedList}`;
    throw new AppError('DOCUMENT_TYPE_NOT_ALLOWED', message, { file: message });
  }
  const id = randomUUID();
  const at = ctx.clock.now();
  const storageKey = storageKeyOf(id, at);
  let stored = false;
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const orgId = await owner.orgOf(tx, input.ownerId);
      if (!orgId) throw notFound(`${input.ownerType} ${input.ownerId}`);
      if (!(await owner.canChange(tx, input.ownerId))) {
        throw new AppError(
          'DOCUMENT_OWNER_LOCKED',
          `${input.ownerType} ${input.ownerId} no longer accepts document changes`,
        );
      }
      await insertDocument(tx, {
        id,
        orgId,
        ownerType: input.ownerType,
        ownerId: input.ownerId,
        kind: input.kind,
        fileName: shownName,
        contentType: sniffed.contentType,
        sizeBytes: size,
        sha256: sha256Of(input.bytes),
        storageKey,
        uploadedBy: ctx.actor.userId,
        uploadedAt: at,
      });
      // Read back through the caller's scope: an owner whose org lies outside the caller's subtree is
      // refused here even if its module's lookup did not scope itself.
      const row = await findDocument(tx, id);
      if (!row) throw notFound(`${input.ownerType} ${input.ownerId}`);
      const document = toMeta(row);
      await recordAudit(tx, originOf(ctx), {
        action: 'document.upload',
        objectType: 'document',
        objectId: id,
        orgId,
        after: document,
      });
      await storage.put(storageKey, input.bytes);
      stored = true;
      return document;
    });
  } catch (error) {
    if (stored) await storage.delete(storageKey).catch(() => undefined);
    throw error;
  }
}

/** An owner's documents (metadata), for the owner's page; 404 when the caller cannot see the owner. */
export async function listDocuments(
  ctx: ServiceContext,
  ownerType: string,
  ownerId: string,
): Promise<DocumentMeta[]> {
  const owner = checkOwnerFields(ownerType, ownerId);
  if (!(await owner.orgOf(ctx.db, ownerId))) throw notFound(`${ownerType} ${ownerId}`);
  return documentsOf(ctx.db, ownerType, ownerId);
}

/**
 * An owner's documents that are not deleted, for other modules' checks ("licence missing"). Pass the
 * caller's scoped connection or transaction.
 */
export async function documentsOf(db: Db, ownerType: string, ownerId: string): Promise<DocumentMeta[]> {
  return (await documentsOfOwner(db, ownerType, ownerId)).map(toMeta);
}

export async function getDocument(ctx: ServiceContext, id: string): Promise<DocumentMeta> {
  const row = await findDocument(ctx.db, id);
  if (!row) throw notFound('document');
  return toMeta(row);
}

/** Reads at most `limit` bytes; more than that, or a missing file, is reported rather than returned. */
async function readStored(stream: Readable, limit: number): Promise<{ bytes: Buffer } | { problem: string }> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > limit) {
        stream.destroy();
        return { problem: 'the file is longer than recorded' };
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { problem: 'the file is missing' };
    throw error;
  }
  return { bytes: Buffer.concat(chunks, total) };
}

export interface ErrorLog {
  error(details: object, message: string): void;
}

/**
 * The bytes of a document, checked against the size and SHA-256 recorded at upload before any byte is
 * handed out: a damaged or replaced file is logged and refused, never served.
 */
export async function readDocumentContent(
  ctx: ServiceContext,
  storage: DocumentStorage,
  id: string,
  log: ErrorLog,
): Promise<{ document: DocumentMeta; bytes: Buffer }> {
  const row = await findDocument(ctx.db, id);
  if (!row) throw notFound('document');
  const expected = Number(row.size_bytes);
  const read = await readStored(storage.get(row.storage_key), expected);
  const problem =
    'problem' in read
      ? read.problem
      : read.bytes.length !== expected
        ? `the file has ${read.bytes.length} bytes, not ${expected}`
        : sha256Of(read.bytes) !== row.sha256
          ? 'the file does not match its SHA-256'
          : null;
  if (problem !== null || !('bytes' in read)) {
    log.error(
      { documentId: row.id, storageKey: row.storage_key, sha256: row.sha256, problem },
      'document content damaged: refused',
    );
    throw new AppError(
      'DOCUMENT_CORRUPT',
      `the stored file of document ${row.id} is damaged (${problem}); it is not served — restore it from a backup`,
    );
  }
  return { document: toMeta(row), bytes: read.bytes };
}

/** Soft delete: the row is marked deleted (the file stays for the audit trail); only while the owner allows. */
export async function deleteDocument(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await findDocumentForUpdate(tx, id);
    if (!row) throw notFound('document');
    const owner = registeredOwner(row.owner_type);
    if (!owner || !(await owner.canChange(tx, row.owner_id))) {
      throw new AppError(
        'DOCUMENT_OWNER_LOCKED',
        `${row.owner_type} ${row.owner_id} no longer accepts document changes`,
      );
    }
    const deleted = await markDocumentDeleted(tx, id, ctx.clock.now(), ctx.actor.userId);
    if (!deleted) throw notFound('document');
    const before = toMeta(row);
    await recordAudit(tx, originOf(ctx), {
      action: 'document.delete',
      objectType: 'document',
      objectId: id,
      orgId: row.org_id,
      before,
      after: { ...before, deletedAt: deleted.deleted_at?.toISOString() ?? null },
    });
  });
}
