import { type Kysely, sql } from 'kysely';

/**
 * 盘点: a count session of one warehouse — the units expected when it began, the serials scanned, the
 * discrepancies (missing, unexpected, in the wrong place) — and an approval to write off or correct.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SEQUENCE stocktake_no;
    CREATE TABLE stocktakes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      no text NOT NULL UNIQUE,
      org_id uuid NOT NULL REFERENCES orgs(id),
      warehouse_id uuid NOT NULL REFERENCES warehouses(id),
      status text NOT NULL CHECK (status IN ('counting', 'reported', 'approved', 'rejected', 'cancelled')),
      expected int NOT NULL,
      scanned int NOT NULL DEFAULT 0,
      missing int NOT NULL DEFAULT 0,
      unexpected int NOT NULL DEFAULT 0,
      wrong_place int NOT NULL DEFAULT 0,
      started_by uuid NOT NULL REFERENCES users(id),
      started_at timestamptz NOT NULL DEFAULT ms_now(),
      reported_at timestamptz,
      closed_at timestamptz,
      version int NOT NULL DEFAULT 0
    );
    -- One count at a time per warehouse.
    CREATE UNIQUE INDEX stocktakes_one_open ON stocktakes (warehouse_id) WHERE status IN ('counting', 'reported');
    CREATE TABLE stocktake_items (
      stocktake_id uuid NOT NULL REFERENCES stocktakes(id),
      serial_no text NOT NULL,
      terminal_id uuid REFERENCES terminals(id),
      expected boolean NOT NULL,
      scanned boolean NOT NULL DEFAULT false,
      finding text CHECK (finding IN ('ok', 'missing', 'unexpected', 'wrong_place')),
      detail jsonb,
      PRIMARY KEY (stocktake_id, serial_no)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
