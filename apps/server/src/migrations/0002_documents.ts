import { type Kysely, sql } from 'kysely';

/**
 * Documents (资料文件): metadata of uploaded files (ID cards, licences, photos, PDFs); the bytes live in
 * the document storage (DATA_DIR/documents by default), named by storage_key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE documents (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs(id),
      owner_type text NOT NULL CHECK (owner_type ~ '^[a-z][a-z0-9_.-]{0,39}$'),
      owner_id text NOT NULL CHECK (length(owner_id) BETWEEN 1 AND 100),
      kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]{0,39}$'),
      file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
      -- Sniffed from the bytes, never the client's claim.
      content_type text NOT NULL
        CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
      size_bytes bigint NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      storage_key text NOT NULL UNIQUE,
      uploaded_by uuid NOT NULL REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT ms_now(),
      deleted_at timestamptz,
      deleted_by uuid REFERENCES users(id),
      CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
    );
    CREATE INDEX documents_owner ON documents (owner_type, owner_id);
    CREATE INDEX documents_org ON documents (org_id);
  `.execute(db);

  // A database seeded before this migration keeps its roles: give the default roles the new
  // permissions (a fresh database has no roles yet; the seed gives them from the role catalogue).
  await sql`
    INSERT INTO role_permissions (role_id, permission)
    SELECT r.id, p.permission
    FROM roles r
    JOIN (VALUES
      ('sysadmin', 'document.read'), ('sysadmin', 'document.upload'), ('sysadmin', 'document.delete'),
      ('ops_manager', 'document.read'), ('ops_manager', 'document.upload'), ('ops_manager', 'document.delete'),
      ('sales_manager', 'document.read'), ('sales_manager', 'document.upload'), ('sales_manager', 'document.delete'),
      ('sales_rep', 'document.read'), ('sales_rep', 'document.upload'), ('sales_rep', 'document.delete'),
      ('front_desk', 'document.read'), ('front_desk', 'document.upload'), ('front_desk', 'document.delete'),
      ('back_office', 'document.read'), ('back_office', 'document.upload'), ('back_office', 'document.delete'),
      ('agent', 'document.read'), ('agent', 'document.upload'), ('agent', 'document.delete'),
      ('risk_officer', 'document.read'),
      ('approver', 'document.read')
    ) AS p(role_code, permission) ON p.role_code = r.code
    ON CONFLICT DO NOTHING
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
