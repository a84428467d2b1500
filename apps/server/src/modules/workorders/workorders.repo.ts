import { sql } from 'kysely';
import type { AppConfig } from '../../platform/config';
import type { Db } from '../../platform/db/database';
import type { WorkOrdersTable } from './workorders.schema';

/** How long each kind of work order may stay open (SLA), in hours, unless configured otherwise. */
export const defaultSlaHours: Record<WorkOrdersTable['kind'], number> = {
  install: 72,
  repair: 24,
  inspection: 14 * 24,
  relocation: 48,
  retrieval: 48,
};

/** Work orders numbered WO + business date + a six-digit sequence, due by their kind's SLA. */
export async function insertWorkOrders(
  db: Db,
  kind: WorkOrdersTable['kind'],
  orders: {
    org_id: string;
    merchant_id: string;
    merchant_label: string;
    terminal_model: string | null;
    serial_no?: string | null;
    terminal_id?: string | null;
  }[],
  businessDay: string,
  now: Date,
  config: Pick<AppConfig, 'WORK_ORDER_SLA_HOURS'>,
) {
  const out: { id: string; no: string }[] = [];
  const hours = config.WORK_ORDER_SLA_HOURS?.[kind] ?? defaultSlaHours[kind];
  const due = new Date(now.getTime() + hours * 3_600_000);
  for (const order of orders) {
    const { rows } = await sql<{ n: bigint }>`SELECT nextval('work_order_no') AS n`.execute(db);
    const no = `WO${businessDay.replaceAll('-', '')}${String(rows[0]!.n).padStart(6, '0')}`;
    out.push(
      await db
        .insertInto('work_orders')
        .values({ ...order, no, kind, status: 'open', created_at: now, due_at: due })
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

/** The terminals installed at the merchant: bound by an installation, signed off or not yet. */
export function installedTerminalsOf(db: Db, merchantId: string) {
  return db
    .selectFrom('work_orders')
    .select(['serial_no', 'terminal_model', 'terminal_id'])
    .where('merchant_id', '=', merchantId)
    .where('kind', '=', 'install')
    .where('status', '!=', 'cancelled')
    .where('bound_at', 'is not', null)
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

/** Per merchant: installed units, whether an inspection is open, when the last one was opened. */
export async function inspectionStatusOf(db: Db, merchantIds: string[]) {
  if (merchantIds.length === 0)
    return new Map<string, { installed: number; open: boolean; last: Date | null }>();
  const rows = await db
    .selectFrom('work_orders')
    .select([
      'merchant_id',
      sql<bigint>`count(*) FILTER (WHERE kind = 'install' AND status = 'completed')`.as('installed'),
      sql<boolean>`coalesce(bool_or(kind = 'inspection' AND status = 'open'), false)`.as('open'),
      sql<Date | null>`max(created_at) FILTER (WHERE kind = 'inspection')`.as('last'),
    ])
    .where('merchant_id', 'in', merchantIds)
    .groupBy('merchant_id')
    .execute();
  return new Map(
    rows.map((r) => [r.merchant_id, { installed: Number(r.installed), open: r.open, last: r.last }]),
  );
}

/**
 * The field work a unit has seen (维护档案): its own work orders (installation, repair, relocation,
 * retrieval, inspections opened for it) and the merchant-wide inspections made while it was installed
 * there, each with its site report and engineer.
 */
export function fieldWorkOfTerminal(
  db: Db,
  terminalId: string,
  periods: readonly { merchantId: string; from: Date; to: Date | null }[],
) {
  return db
    .selectFrom('work_orders as w')
    .leftJoin('work_order_reports as r', 'r.work_order_id', 'w.id')
    .leftJoin('users as u', 'u.id', 'w.completed_by')
    .select([
      'w.id',
      'w.no',
      'w.kind',
      'w.status',
      'w.merchant_label',
      'w.created_at',
      'w.completed_at',
      'u.display_name as engineer_name',
      'r.result',
      'r.failed_items',
      'r.checklist',
      'r.test_approved',
      'r.signer_name',
    ])
    .where((eb) =>
      eb.or([
        eb('w.terminal_id', '=', terminalId),
        ...periods.map((p) =>
          eb.and([
            eb('w.terminal_id', 'is', null),
            eb('w.kind', '=', 'inspection'),
            eb('w.merchant_id', '=', p.merchantId),
            eb('w.created_at', '>=', p.from),
            ...(p.to ? [eb('w.created_at', '<', p.to)] : []),
          ]),
        ),
      ]),
    )
    .orderBy('w.created_at')
    .orderBy('w.no')
    .execute();
}
