import { type Kysely, sql } from 'kysely';

/** Heartbeats (心跳): what the terminal last reported; alerts when it goes silent or moves (移机). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE terminals
      ADD COLUMN reported_latitude numeric(9, 6) CHECK (reported_latitude BETWEEN -90 AND 90),
      ADD COLUMN reported_longitude numeric(9, 6) CHECK (reported_longitude BETWEEN -180 AND 180);
    CREATE INDEX terminals_heartbeat ON terminals (last_heartbeat_at) WHERE status IN ('installed', 'active');

    CREATE TABLE terminal_alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id),
      terminal_id uuid NOT NULL REFERENCES terminals(id),
      kind text NOT NULL CHECK (kind IN ('offline', 'relocated')),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      detail jsonb NOT NULL,
      opened_at timestamptz NOT NULL DEFAULT ms_now(),
      closed_at timestamptz,
      closed_reason text,
      CHECK ((status = 'closed') = (closed_at IS NOT NULL))
    );
    CREATE UNIQUE INDEX terminal_alerts_one_open ON terminal_alerts (terminal_id, kind) WHERE status = 'open';
    CREATE INDEX terminal_alerts_org ON terminal_alerts (org_id, opened_at DESC, id DESC);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
