import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { WorkOrdersTable } from './workorders.schema';

/** Work orders numbered WO + business date + a six-digit sequence, opened for the field engineers. */
export async function insertWorkOrders(
  db: Db,
  kind: WorkOrdersTable['kind'],
  orders: { org_id: string; merchant_id: string; terminal_model: string | null; serial_no?: string | null }[],
  businessDay: string,
) {
  const out: { id: string; no: string }[] = [];
  for (const order of orders) {
    const { rows } = await sql<{ n: bigint }>`SELECT nextval('work_order_no') AS n`.execute(db);
    const no = `WO${businessDay.replaceAll('-', '')}${String(rows[0]!.n).padStart(6, '0')}`;
    out.push(
      await db
        .insertInto('work_orders')
        .values({ ...order, no, kind, status: 'open' })
        .returning(['id', 'no'])
        .executeTakeFirstOrThrow(),
    );
  }
  return out;
}

export function deleteWorkOrders(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve();
  return db.deleteFrom('work_orders').where('id', 'in', ids).where('status', '=', 'open').execute();
}

export function findWorkOrder(db: Db, id: string) {
  return db.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export function completeWorkOrder(
  db: Db,
  id: string,
  serialNo: string,
  terminalId: string | null,
  by: string,
  at: Date,
) {
  return db
    .updateTable('work_orders')
    .set({
      status: 'completed',
      serial_no: serialNo,
      terminal_id: terminalId,
      completed_by: by,
      completed_at: at,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning(['id'])
    .executeTakeFirst();
}

export function workOrdersOf(db: Db, merchantId: string) {
  return db
    .selectFrom('work_orders')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .orderBy('created_at')
    .orderBy('no')
    .execute();
}

/** The serial numbers of the terminals installed at the merchant (completed installations). */
export function installedTerminalsOf(db: Db, merchantId: string) {
  return db
    .selectFrom('work_orders')
    .select(['serial_no', 'terminal_model'])
    .where('merchant_id', '=', merchantId)
    .where('kind', '=', 'install')
    .where('status', '=', 'completed')
    .where('serial_no', 'is not', null)
    .execute();
}

/** Completed installations of a merchant: activation waits for one. */
export async function installationsDone(db: Db, merchantId: string): Promise<number> {
  const row = await db
    .selectFrom('work_orders')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .where('merchant_id', '=', merchantId)
    .where('kind', '=', 'install')
    .where('status', '=', 'completed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
