import type { Db } from '../../platform/db/database';
import type { BlacklistEntriesTable } from './merchants.schema';

export type BlacklistKind = BlacklistEntriesTable['kind'];

/** Active entries matching any of the given (kind, hash) pairs. */
export function blacklistHits(db: Db, probes: { kind: BlacklistKind; hash: string }[]) {
  if (probes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('blacklist_entries')
    .select(['id', 'kind', 'value_masked', 'reason'])
    .where('active', '=', true)
    .where((eb) => eb.or(probes.map((p) => eb.and([eb('kind', '=', p.kind), eb('value_hash', '=', p.hash)]))))
    .execute();
}

export function insertBlacklistEntry(
  db: Db,
  entry: {
    kind: BlacklistKind;
    value_hash: string;
    value_masked: string;
    reason: string;
    created_by: string | null;
  },
) {
  return db
    .insertInto('blacklist_entries')
    .values(entry)
    .onConflict((oc) => oc.columns(['kind', 'value_hash']).where('active', '=', true).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function listBlacklist(
  db: Db,
  kind: BlacklistKind | undefined,
  afterId: string | null,
  limit: number,
) {
  let q = db.selectFrom('blacklist_entries').selectAll().where('active', '=', true);
  if (kind) q = q.where('kind', '=', kind);
  if (afterId) q = q.where('id', '>', afterId);
  return q
    .orderBy('id')
    .limit(limit + 1)
    .execute();
}

export function deactivateBlacklistEntry(db: Db, id: string, at: Date) {
  return db
    .updateTable('blacklist_entries')
    .set({ active: false, removed_at: at })
    .where('id', '=', id)
    .where('active', '=', true)
    .returningAll()
    .executeTakeFirst();
}
