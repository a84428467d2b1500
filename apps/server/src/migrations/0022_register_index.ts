import { type Kysely, sql } from 'kysely';

/** 账实相符 counts the units with a receipt and with a scrap in their history: an index for exactly that. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX terminal_events_register ON terminal_events (terminal_id, event)
      WHERE event IN ('receive', 'scrap');
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
