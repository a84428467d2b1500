import type { TerminalStatus } from '@posops/contracts';
import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database';
import { inOrgSubtree } from '../../platform/db/org-subtree';
import type { TerminalEventsTable, TerminalsTable } from './terminals.schema';

export const modelName = sql<string>`tm.brand || ' ' || tm.model`;

function terminalRows(db: Db) {
  return db
    .selectFrom('terminals as t')
    .innerJoin('terminal_models as tm', 'tm.id', 't.model_id')
    .innerJoin('orgs as o', 'o.id', 't.org_id')
    .leftJoin('warehouses as w', 'w.id', 't.warehouse_id')
    .leftJoin('merchants as m', 'm.id', 't.merchant_id')
    .leftJoin('suppliers as s', 's.id', 't.supplier_id')
    .select([
      't.id',
      't.serial_no',
      't.model_id',
      modelName.as('model_name'),
      't.status',
      't.org_id',
      'o.name as org_name',
      't.warehouse_id',
      'w.name as warehouse_name',
      't.tid',
      't.bound_mid',
      't.merchant_id',
      'm.name as merchant_name',
      't.firmware_version',
      't.last_heartbeat_at',
      't.installed_at',
      't.created_at',
      't.supplier_id',
      's.name as supplier_name',
      sql<string | null>`to_char(t.purchased_at, 'YYYY-MM-DD')`.as('purchased_at'),
      't.bound_acquirer',
      't.bound_credit_code',
      't.bound_account_masked',
      't.bound_division_code',
      't.bound_address',
      't.latitude',
      't.longitude',
      't.bound_at',
      't.tmk_check_value',
      't.tmk_injected_at',
      't.version',
    ]);
}

export type TerminalRow = NonNullable<Awaited<ReturnType<typeof findTerminal>>>;

export function findTerminal(db: Db, id: string) {
  return terminalRows(db).where('t.id', '=', id).executeTakeFirst();
}

export function findTerminalBySerial(db: Db, serialNo: string) {
  return terminalRows(db).where('t.serial_no', '=', serialNo).executeTakeFirst();
}

export interface TerminalFilter {
  q?: string | undefined;
  status?: TerminalStatus | undefined;
  modelId?: string | undefined;
  orgId?: string | undefined;
  warehouseId?: string | undefined;
  merchantId?: string | undefined;
}

export function listTerminalRows(
  db: Db,
  filter: TerminalFilter,
  after: { at: string; id: string } | null,
  limit: number,
) {
  let q = terminalRows(db);
  if (filter.q) {
    const text = filter.q.trim();
    q = q.where((eb) =>
      eb.or([
        eb('t.serial_no', 'like', `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
        eb('t.tid', '=', text),
      ]),
    );
  }
  if (filter.status) q = q.where('t.status', '=', filter.status);
  if (filter.modelId) q = q.where('t.model_id', '=', filter.modelId);
  if (filter.warehouseId) q = q.where('t.warehouse_id', '=', filter.warehouseId);
  if (filter.merchantId) q = q.where('t.merchant_id', '=', filter.merchantId);
  if (filter.orgId) q = q.where(inOrgSubtree('t.org_id', filter.orgId));
  if (after) q = q.where(sql<boolean>`(t.created_at, t.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  return q
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export function lockTerminalBySerial(db: Db, serialNo: string) {
  return db
    .selectFrom('terminals')
    .selectAll()
    .where('serial_no', '=', serialNo)
    .forUpdate()
    .executeTakeFirst();
}

export function lockTerminal(db: Db, id: string) {
  return db.selectFrom('terminals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateTerminal(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: Updateable<TerminalsTable>,
): Promise<boolean> {
  const row = await db
    .updateTable('terminals')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export function insertTerminals(db: Db, rows: Insertable<TerminalsTable>[]) {
  return db.insertInto('terminals').values(rows).returning(['id', 'serial_no', 'org_id']).execute();
}

export function insertTerminalEvents(db: Db, rows: Insertable<TerminalEventsTable>[]) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('terminal_events').values(rows).execute();
}

export function historyOf(db: Db, terminalId: string) {
  return db
    .selectFrom('terminal_events')
    .select(['at', 'event', 'from_status', 'to_status', 'actor_name', 'detail'])
    .where('terminal_id', '=', terminalId)
    .orderBy('id', 'desc')
    .execute();
}

/** Serial numbers of the list already in the ledger (any org: a serial is unique institution-wide). */
export async function existingSerials(db: Db, serials: string[]): Promise<Set<string>> {
  if (serials.length === 0) return new Set();
  const rows = await db
    .selectFrom('terminals')
    .select('serial_no')
    .where('serial_no', 'in', serials)
    .execute();
  return new Set(rows.map((r) => r.serial_no));
}

export async function nextTid(db: Db): Promise<string> {
  const { rows } = await sql<{ n: bigint }>`SELECT nextval('terminal_tid') AS n`.execute(db);
  return String(rows[0]!.n);
}

export function warehouseOfOrg(db: Db, orgId: string) {
  return db
    .selectFrom('warehouses')
    .select(['id', 'org_id', 'name'])
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}

export function findWarehouse(db: Db, id: string) {
  return db.selectFrom('warehouses').select(['id', 'org_id', 'name']).where('id', '=', id).executeTakeFirst();
}

export function listWarehouses(db: Db) {
  return db
    .selectFrom('warehouses as w')
    .innerJoin('orgs as o', 'o.id', 'w.org_id')
    .select([
      'w.id',
      'w.code',
      'w.name',
      'w.org_id',
      'o.name as org_name',
      'w.kind',
      (eb) =>
        eb
          .selectFrom('terminals as t')
          .select(eb.fn.countAll<bigint>().as('n'))
          .whereRef('t.warehouse_id', '=', 'w.id')
          .as('units'),
    ])
    .orderBy('o.path')
    .execute();
}

/** What the terminal host needs of a unit to admit its messages: state, binding and its sealed TMK. */
export function terminalForHost(db: Db, tid: string) {
  return db
    .selectFrom('terminals')
    .select(['id', 'org_id', 'status', 'serial_no', 'tid', 'merchant_id', 'bound_mid', 'tmk_sealed'])
    .where('tid', '=', tid)
    .executeTakeFirst();
}
