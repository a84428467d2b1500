import type { Kysely } from 'kysely';
import { loadConfig } from '../platform/config';
import { resolveDatabase } from '../platform/db/database-url';
import { migrateToLatest } from '../platform/db/migrate';
import { createDb, createPool } from '../platform/db/pool';

/** `npm run db:migrate`: the same migrations, the same code path as at server start. */
const config = loadConfig();
const log = (msg: string) => process.stdout.write(`${msg}\n`);
const { url, embedded } = await resolveDatabase(config, log);
const db = createDb(createPool(url, 2));
try {
  const applied = await migrateToLatest(db as unknown as Kysely<unknown>);
  log(applied.length ? `applied: ${applied.join(', ')}` : 'database schema is current');
} finally {
  await db.destroy();
  if (embedded && !embedded.adopted) await embedded.stop();
}
