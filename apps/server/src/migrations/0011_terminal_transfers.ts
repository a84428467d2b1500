import { type Kysely, sql } from 'kysely';

/**
 * 调拨 (下发 to an agent, 回拨 from it, or between warehouses): units leave their warehouse's available
 * stock at dispatch and arrive at receipt. A unit is on at most one transfer, and stays in exactly one
 * warehouse row throughout: no unit in two places.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SEQUENCE terminal_transfer_no;
    CREATE TABLE terminal_transfers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      no text NOT NULL UNIQUE,
      -- The receiving org: the receiver sees it; the sender saw both warehouses.
      org_id uuid NOT NULL REFERENCES orgs(id),
      from_warehouse_id uuid NOT NULL REFERENCES warehouses(id),
      to_warehouse_id uuid NOT NULL REFERENCES warehouses(id),
      -- Names as they were: each side may see neither the other's warehouse nor its users.
      from_name text NOT NULL,
      to_name text NOT NULL,
      created_by_name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('dispatch', 'recall', 'transfer')),
      status text NOT NULL CHECK (status IN ('in_transit', 'received', 'cancelled')),
      units int NOT NULL CHECK (units > 0),
      reason text NOT NULL CHECK (length(reason) BETWEEN 2 AND 500),
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT ms_now(),
      closed_by uuid REFERENCES users(id),
      closed_at timestamptz,
      version int NOT NULL DEFAULT 0,
      CHECK (from_warehouse_id <> to_warehouse_id),
      CHECK ((status = 'in_transit') = (closed_at IS NULL))
    );
    CREATE INDEX terminal_transfers_org ON terminal_transfers (org_id, created_at DESC, id DESC);
    CREATE TABLE terminal_transfer_units (
      transfer_id uuid NOT NULL REFERENCES terminal_transfers(id),
      terminal_id uuid NOT NULL REFERENCES terminals(id),
      PRIMARY KEY (transfer_id, terminal_id)
    );
    ALTER TABLE terminals
      ADD COLUMN transfer_id uuid REFERENCES terminal_transfers(id),
      ADD CONSTRAINT terminals_transit_in_stock CHECK (transfer_id IS NULL OR status = 'in_stock');
  `.execute(db);
  await sql`
    INSERT INTO role_permissions (role_id, permission)
    SELECT r.id, p.permission FROM roles r
    JOIN (VALUES ('ops_manager', 'terminal.transfer'), ('procurement', 'terminal.transfer'), ('agent', 'terminal.transfer'))
      AS p(role_code, permission) ON p.role_code = r.code
    ON CONFLICT DO NOTHING
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
