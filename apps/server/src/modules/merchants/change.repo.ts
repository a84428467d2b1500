import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type {
  MerchantChangeKind,
  MerchantChangeRequestsTable,
  MerchantChangeStatus,
  MerchantsTable,
} from './merchants.schema';

/** The change number: BG (变更), the business date, a six-digit sequence (BG20261125000001). */
export async function nextChangeNo(db: Db, businessDay: string): Promise<string> {
  const { rows } = await sql<{ n: bigint }>`SELECT nextval('merchant_change_no') AS n`.execute(db);
  return `BG${businessDay.replaceAll('-', '')}${String(rows[0]!.n).padStart(6, '0')}`;
}

function changeRows(db: Db) {
  return db
    .selectFrom('merchant_change_requests as c')
    .innerJoin('merchants as m', 'm.id', 'c.merchant_id')
    .innerJoin('users as u', 'u.id', 'c.requested_by')
    .select([
      'c.id',
      'c.no',
      'c.org_id',
      'c.merchant_id',
      'm.mid as merchant_mid',
      'm.name as merchant_name',
      'c.kind',
      'c.status',
      'c.before',
      'c.after',
      'c.account_no_sealed',
      'c.account_hash',
      'c.findings',
      sql<string>`to_char(c.effective_date, 'YYYY-MM-DD')`.as('effective_date'),
      'c.reason',
      'c.requested_by',
      'u.display_name as requested_by_name',
      'c.created_at',
      'c.decided_at',
      'c.applied_at',
      'c.closed_reason',
      'c.version',
    ]);
}

export type ChangeRow = NonNullable<Awaited<ReturnType<typeof findChange>>>;

export function findChange(db: Db, id: string) {
  return changeRows(db).where('c.id', '=', id).executeTakeFirst();
}

export function changesOfMerchant(db: Db, merchantId: string) {
  return changeRows(db)
    .where('c.merchant_id', '=', merchantId)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

export function listChangeRows(
  db: Db,
  filter: { status?: MerchantChangeStatus | undefined; kind?: MerchantChangeKind | undefined },
  after: { at: string; id: string } | null,
  limit: number,
) {
  let q = changeRows(db);
  if (filter.status) q = q.where('c.status', '=', filter.status);
  if (filter.kind) q = q.where('c.kind', '=', filter.kind);
  if (after) q = q.where(sql<boolean>`(c.created_at, c.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  return q
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export function insertChange(db: Db, row: Insertable<MerchantChangeRequestsTable>) {
  return db.insertInto('merchant_change_requests').values(row).returning(['id']).executeTakeFirstOrThrow();
}

/** Moves a request if it is still where the caller saw it; false when someone moved it first. */
export async function moveChange(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: Updateable<MerchantChangeRequestsTable>,
): Promise<boolean> {
  const moved = await db
    .updateTable('merchant_change_requests')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning(['id'])
    .executeTakeFirst();
  return moved !== undefined;
}

/** Scheduled requests whose day has come, locked for this run (another server's run skips them). */
export function lockDueChanges(db: Db, day: string, limit: number) {
  return db
    .selectFrom('merchant_change_requests')
    .select(['id'])
    .where('status', '=', 'scheduled')
    .where('effective_date', '<=', day)
    .orderBy('effective_date')
    .orderBy('created_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export function openChangesOfMerchant(db: Db, merchantId: string) {
  return changeRows(db)
    .where('c.merchant_id', '=', merchantId)
    .where('c.status', 'in', ['pending_approval', 'returned', 'scheduled'])
    .execute();
}

export function lockMerchant(db: Db, id: string) {
  return db.selectFrom('merchants').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updateMerchantProfile(db: Db, id: string, changes: Updateable<MerchantsTable>) {
  return db
    .updateTable('merchants')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Other merchants settling to the same account (for the approver to look at). */
export function merchantsWithAccount(db: Db, accountHash: string, exceptId: string) {
  return db
    .selectFrom('merchants')
    .select(['mid', 'name'])
    .where('account_hash', '=', accountHash)
    .where('id', '!=', exceptId)
    .where('status', '!=', 'closed')
    .limit(5)
    .execute();
}
