import { type Kysely, sql } from 'kysely';

/**
 * 签到状态: a terminal's session keys (PIK, MAK — sealed under the host master key) and its current batch
 * belong to the terminal, not to a TCP connection, and are shared by every host process through here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE terminal_sessions (
      terminal_id uuid PRIMARY KEY REFERENCES terminals(id),
      tid text NOT NULL UNIQUE CHECK (tid ~ '^[0-9]{8}$'),
      org_id uuid NOT NULL REFERENCES orgs(id),
      batch_no int NOT NULL DEFAULT 1 CHECK (batch_no BETWEEN 1 AND 999999),
      sealed_pik text NOT NULL,
      sealed_mak text NOT NULL,
      pik_check_value text NOT NULL CHECK (pik_check_value ~ '^[0-9A-F]{8}$'),
      mak_check_value text NOT NULL CHECK (mak_check_value ~ '^[0-9A-F]{8}$'),
      signed_on_at timestamptz NOT NULL,
      sign_ons int NOT NULL DEFAULT 1 CHECK (sign_ons > 0),
      remote_address text
    );
    CREATE INDEX terminal_sessions_org ON terminal_sessions (org_id, signed_on_at DESC);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
