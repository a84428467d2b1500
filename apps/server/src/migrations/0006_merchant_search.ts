import { type Kysely, sql } from 'kysely';

/** Fuzzy search of merchant and application names (Chinese included) by trigram indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX merchants_name_trgm ON merchants USING gin (name gin_trgm_ops);
    CREATE INDEX merchants_credit_code ON merchants (credit_code);
    CREATE INDEX merchant_applications_name_trgm ON merchant_applications USING gin (merchant_name gin_trgm_ops);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
