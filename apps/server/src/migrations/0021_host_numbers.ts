import { type Kysely, sql } from 'kysely';

/**
 * Numbers the host gives out: RRNs (12 digits, unique) and its STANs toward the channel (unique per
 * day, 000001–999999, wrapping). Each process takes blocks of a hundred, so a transaction costs no
 * round trip for its numbers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SEQUENCE host_rrn INCREMENT BY 100 MINVALUE 1 MAXVALUE 999999999999;
    CREATE SEQUENCE host_channel_stan INCREMENT BY 100 MINVALUE 1 MAXVALUE 999900 CYCLE;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
