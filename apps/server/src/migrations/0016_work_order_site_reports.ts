import { type Kysely, sql } from 'kysely';

/**
 * 现场作业记录: what the engineer records on site before a work order closes — the checklist answered
 * item by item, the result, where it was done, the test transaction and the merchant's sign-off (签收, a
 * signature image kept as a document of the work order; site photos are documents too). An installation
 * closes in two steps: the unit is bound and keyed (bound_at), then signed off.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE work_orders ADD COLUMN bound_at timestamptz;
    UPDATE work_orders SET bound_at = completed_at WHERE kind = 'install' AND status = 'completed';
    ALTER TABLE work_orders ADD CONSTRAINT work_orders_bound_install
      CHECK (bound_at IS NULL OR (kind = 'install' AND serial_no IS NOT NULL));

    CREATE TABLE work_order_reports (
      work_order_id uuid PRIMARY KEY REFERENCES work_orders(id),
      org_id uuid NOT NULL REFERENCES orgs(id),
      result text NOT NULL CHECK (length(result) BETWEEN 2 AND 500),
      checklist jsonb NOT NULL CHECK (jsonb_typeof(checklist) = 'array'),
      failed_items integer NOT NULL CHECK (failed_items >= 0),
      photo_count integer NOT NULL CHECK (photo_count >= 0),
      latitude numeric(9, 6) CHECK (latitude BETWEEN -90 AND 90),
      longitude numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
      test_amount bigint CHECK (test_amount > 0),
      test_reference text CHECK (test_reference ~ '^[0-9A-Za-z]{6,32}$'),
      test_approved boolean,
      signer_name text NOT NULL CHECK (length(signer_name) BETWEEN 1 AND 50),
      signature_document_id uuid NOT NULL REFERENCES documents(id),
      reported_by uuid NOT NULL REFERENCES users(id),
      reported_at timestamptz NOT NULL DEFAULT ms_now(),
      CHECK ((latitude IS NULL) = (longitude IS NULL)),
      CHECK ((test_amount IS NULL) = (test_reference IS NULL) AND (test_amount IS NULL) = (test_approved IS NULL))
    );
    CREATE INDEX work_order_reports_org ON work_order_reports (org_id);
  `.execute(db);

  // Engineers now upload site photos and signatures: give the default role the document permissions.
  await sql`
    INSERT INTO role_permissions (role_id, permission)
    SELECT r.id, p.permission FROM roles r
    JOIN (VALUES ('field_engineer', 'document.read'), ('field_engineer', 'document.upload'),
                 ('field_engineer', 'document.delete'))
      AS p(role_code, permission) ON p.role_code = r.code
    ON CONFLICT DO NOTHING
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
