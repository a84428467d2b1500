import { type Kysely, sql } from 'kysely';

/**
 * 采购: request (model, quantity, reason, needed-by) → approval → purchase order to a supplier → goods
 * receipts (到货验收) that accept units into stock and record the rejects returned to the supplier.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SEQUENCE procurement_no;
    CREATE TABLE procurement_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      no text NOT NULL UNIQUE,
      org_id uuid NOT NULL REFERENCES orgs(id),
      model_id uuid NOT NULL REFERENCES terminal_models(id),
      quantity int NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
      unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
      amount_minor bigint NOT NULL CHECK (amount_minor = unit_price_minor * quantity),
      reason text NOT NULL CHECK (length(reason) BETWEEN 2 AND 500),
      needed_by date NOT NULL,
      warehouse_id uuid NOT NULL REFERENCES warehouses(id),
      status text NOT NULL CHECK (status IN ('pending_approval', 'approved', 'rejected', 'ordered', 'received', 'closed')),
      supplier_id uuid REFERENCES suppliers(id),
      ordered_at timestamptz,
      received_units int NOT NULL DEFAULT 0 CHECK (received_units BETWEEN 0 AND quantity),
      rejected_units int NOT NULL DEFAULT 0 CHECK (rejected_units >= 0),
      requested_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      version int NOT NULL DEFAULT 0,
      CHECK ((status IN ('ordered', 'received', 'closed')) = (supplier_id IS NOT NULL AND ordered_at IS NOT NULL)
        OR status = 'closed')
    );
    CREATE INDEX procurement_requests_org ON procurement_requests (org_id, created_at DESC, id DESC);

    CREATE TABLE goods_receipts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      no text NOT NULL UNIQUE,
      org_id uuid NOT NULL REFERENCES orgs(id),
      request_id uuid NOT NULL REFERENCES procurement_requests(id),
      warehouse_id uuid NOT NULL REFERENCES warehouses(id),
      accepted int NOT NULL CHECK (accepted >= 0),
      rejected jsonb NOT NULL DEFAULT '[]',
      received_by uuid NOT NULL REFERENCES users(id),
      received_at timestamptz NOT NULL DEFAULT ms_now()
    );
    CREATE INDEX goods_receipts_request ON goods_receipts (request_id);
  `.execute(db);
  await sql`
    INSERT INTO role_permissions (role_id, permission)
    SELECT r.id, p.permission FROM roles r
    JOIN (VALUES ('procurement', 'procurement.manage'), ('ops_manager', 'procurement.manage'),
                 ('ops_manager', 'procurement.read'), ('procurement', 'procurement.read'), ('approver', 'procurement.read'),
                 ('analyst', 'procurement.read'))
      AS p(role_code, permission) ON p.role_code = r.code
    ON CONFLICT DO NOTHING
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
