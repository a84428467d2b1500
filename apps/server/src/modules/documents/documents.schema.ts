import type { ColumnType } from 'kysely';

/** The types a document may be (sniffed from its bytes); the table refuses any other. */
export type DocumentContentType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

export interface DocumentsTable {
  id: string;
  org_id: string;
  owner_type: string;
  owner_id: string;
  kind: string;
  file_name: string;
  /** Sniffed from the bytes: image/jpeg, image/png, image/webp or application/pdf. */
  content_type: DocumentContentType;
  size_bytes: ColumnType<bigint, bigint, never>;
  /** Lower-case hex SHA-256 of the bytes, checked again on every read. */
  sha256: string;
  /** Where the storage keeps the bytes: `<yyyy>/<mm>/<id>`. */
  storage_key: string;
  uploaded_by: string;
  uploaded_at: ColumnType<Date, Date, never>;
  deleted_at: ColumnType<Date | null, never, Date>;
  deleted_by: ColumnType<string | null, never, string>;
}

export interface DocumentTables {
  documents: DocumentsTable;
}
