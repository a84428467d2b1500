import { type Kysely, type Migration, Migrator } from 'kysely';
import * as m0001 from '../../migrations/0001_foundation';
import * as m0002 from '../../migrations/0002_documents';
import * as m0003 from '../../migrations/0003_merchants';
import * as m0004 from '../../migrations/0004_pricing_contracts';
import * as m0005 from '../../migrations/0005_golive';
import * as m0006 from '../../migrations/0006_merchant_search';
import * as m0007 from '../../migrations/0007_merchant_changes';
import * as m0008 from '../../migrations/0008_check_messages';
import * as m0009 from '../../migrations/0009_terminals';
import * as m0010 from '../../migrations/0010_terminal_heartbeats';
import * as m0011 from '../../migrations/0011_terminal_transfers';
import * as m0012 from '../../migrations/0012_stock_thresholds';
import * as m0013 from '../../migrations/0013_procurement';
import * as m0014 from '../../migrations/0014_stocktakes';
import * as m0015 from '../../migrations/0015_work_order_dispatch';
import * as m0016 from '../../migrations/0016_work_order_site_reports';
import * as m0017 from '../../migrations/0017_remote_management';
import * as m0018 from '../../migrations/0018_terminal_upgrade_permission';
import * as m0019 from '../../migrations/0019_terminal_sessions';
import * as m0020 from '../../migrations/0020_transactions';
import * as m0021 from '../../migrations/0021_host_numbers';
import * as m0022 from '../../migrations/0022_terminal_books';

/** The one ordered list of migrations, applied at start and by `npm run db:migrate`. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_documents': m0002,
  '0003_merchants': m0003,
  '0004_pricing_contracts': m0004,
  '0005_golive': m0005,
  '0006_merchant_search': m0006,
  '0007_merchant_changes': m0007,
  '0008_check_messages': m0008,
  '0009_terminals': m0009,
  '0010_terminal_heartbeats': m0010,
  '0011_terminal_transfers': m0011,
  '0012_stock_thresholds': m0012,
  '0013_procurement': m0013,
  '0014_stocktakes': m0014,
  '0015_work_order_dispatch': m0015,
  '0016_work_order_site_reports': m0016,
  '0017_remote_management': m0017,
  '0018_terminal_upgrade_permission': m0018,
  '0019_terminal_sessions': m0019,
  '0020_transactions': m0020,
  '0021_host_numbers': m0021,
  '0022_terminal_books': m0022,
};

export function migrator(db: Kysely<unknown>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations this code knows but the database has not applied. */
export async function pendingMigrations(db: Kysely<unknown>): Promise<string[]> {
  const applied = await migrator(db).getMigrations();
  return applied.filter((m) => !m.executedAt).map((m) => m.name);
}
