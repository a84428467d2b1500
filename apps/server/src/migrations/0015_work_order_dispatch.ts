import { type Kysely, sql } from 'kysely';

/** 派单: who does a work order and when, by when it is due (SLA), and when it was escalated as overdue. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE work_orders
      ADD COLUMN merchant_label text,
      ADD COLUMN assignee_id uuid REFERENCES users(id),
      ADD COLUMN appointment_at timestamptz,
      ADD COLUMN due_at timestamptz,
      ADD COLUMN escalated_at timestamptz;
    UPDATE work_orders w SET merchant_label = m.mid || ' ' || m.name FROM merchants m WHERE m.id = w.merchant_id;
    UPDATE work_orders SET due_at = created_at + CASE kind WHEN 'repair' THEN interval '24 hours'
      WHEN 'inspection' THEN interval '14 days' WHEN 'install' THEN interval '72 hours' ELSE interval '48 hours' END;
    ALTER TABLE work_orders ALTER COLUMN merchant_label SET NOT NULL, ALTER COLUMN due_at SET NOT NULL;
    CREATE INDEX work_orders_open_due ON work_orders (due_at) WHERE status = 'open';
    CREATE INDEX work_orders_assignee ON work_orders (assignee_id, status) WHERE assignee_id IS NOT NULL;
    CREATE INDEX work_orders_org_created ON work_orders (org_id, created_at DESC, id DESC);
  `.execute(db);
  await sql`
    INSERT INTO role_permissions (role_id, permission)
    SELECT r.id, p.permission FROM roles r
    JOIN (VALUES ('ops_manager', 'workOrder.assign'), ('back_office', 'workOrder.assign'))
      AS p(role_code, permission) ON p.role_code = r.code
    ON CONFLICT DO NOTHING
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
