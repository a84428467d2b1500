import { type Kysely, sql } from 'kysely';

/** Review findings carry a message key with parameters, so the console shows them in the user's language. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE merchant_application_checks ADD COLUMN message jsonb`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('PosOps migrations are forward-only; restore a backup to go back.');
}
