import { type Kysely, sql } from 'kysely';

/** 低库存预警: a minimum of available units per model per warehouse; a job raises an alert below it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE stock_thresholds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id),
      warehouse_id uuid NOT NULL REFERENCES warehouses(id),
      model_id uuid NOT NULL REFERENCES terminal_models(id),
      min_units int NOT NULL CHECK (min_units BETWEEN 1 AND 100000),
      -- Open while the stock is below the minimum: one notification per shortage, not one per run.
      alert_opened_at timestamptz,
      alert_units int,
      updated_at timestamptz NOT NULL DEFAULT ms_now(),
      UNIQUE (warehouse_id, model_id)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
