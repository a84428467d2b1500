import type { Db } from '../../platform/db/database';
import type { DocumentContentType } from './documents.schema';

export interface NewDocument {
  id: string;
  orgId: string;
  ownerType: string;
  ownerId: string;
  kind: string;
  fileName: string;
  contentType: DocumentContentType;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  uploadedAt: Date;
}

export function insertDocument(db: Db, d: NewDocument) {
  return db
    .insertInto('documents')
    .values({
      id: d.id,
      org_id: d.orgId,
      owner_type: d.ownerType,
      owner_id: d.ownerId,
      kind: d.kind,
      file_name: d.fileName,
      content_type: d.contentType,
      size_bytes: BigInt(d.sizeBytes),
      sha256: d.sha256,
      storage_key: d.storageKey,
      uploaded_by: d.uploadedBy,
      uploaded_at: d.uploadedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A document that is not deleted, if the connection's scope sees it. */
export function findDocument(db: Db, id: string) {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** The same, locked against a concurrent delete. */
export function findDocumentForUpdate(db: Db, id: string) {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

/** An owner's documents that are not deleted, oldest first. */
export function documentsOfOwner(db: Db, ownerType: string, ownerId: string) {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

export function markDocumentDeleted(db: Db, id: string, at: Date, by: string) {
  return db
    .updateTable('documents')
    .set({ deleted_at: at, deleted_by: by })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
