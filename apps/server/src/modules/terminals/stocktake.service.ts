import { AppError, businessDate } from '@posops/kernel';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { ServiceContext } from '../../platform/http/context';
import { type ApprovedRequest, registerApprovalHandler, submitApproval } from '../approvals';
import { type AuditOrigin, originOf, recordAudit } from '../audit';
import { findWarehouse, insertTerminalEvents } from './terminals.repo';
import { applyMove } from './terminals.service';

/**
 * 盘点: the units a warehouse should hold are listed when the count begins; people scan what is on the
 * shelf; the report names what is missing, what is there without being in the ledger, and what the
 * ledger places elsewhere. Approved, missing units are written off as lost and misplaced stock is moved
 * here; nothing changes before.
 */
export const STOCKTAKE_APPROVAL = 'terminal.stocktake';

const headerOf = async (db: Db, id: string) => {
  const row = await db.selectFrom('stocktakes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'stocktake not found');
  return row;
};

export async function getStocktake(ctx: ServiceContext, id: string) {
  const row = await headerOf(ctx.db, id);
  const items = await ctx.db
    .selectFrom('stocktake_items')
    .select(['serial_no', 'expected', 'scanned', 'finding', 'detail'])
    .where('stocktake_id', '=', id)
    .orderBy('serial_no')
    .execute();
  return {
    id: row.id,
    no: row.no,
    warehouseId: row.warehouse_id,
    status: row.status,
    expected: row.expected,
    scanned: row.scanned,
    missing: row.missing,
    unexpected: row.unexpected,
    wrongPlace: row.wrong_place,
    startedAt: row.started_at.toISOString(),
    reportedAt: row.reported_at ? row.reported_at.toISOString() : null,
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    discrepancies: items
      .filter((i) => i.finding && i.finding !== 'ok')
      .map((i) => ({
        serialNo: i.serial_no,
        finding: i.finding,
        detail: i.detail as Record<string, unknown> | null,
      })),
    pendingScans: row.status === 'counting' ? items.filter((i) => i.expected && !i.scanned).length : 0,
  };
}

/** Opens a count of a warehouse: what it should hold now (in stock, not in transit). */
export async function startStocktake(ctx: ServiceContext, warehouseId: string) {
  const id = await ctx.db.transaction().execute(async (tx) => {
    const warehouse = await findWarehouse(tx, warehouseId);
    if (!warehouse)
      throw new AppError('VALIDATION_FAILED', 'no such warehouse', { warehouseId: 'not found' });
    const { rows } = await sql<{ n: bigint }>`SELECT nextval('stocktake_no') AS n`.execute(tx);
    const no = `PD${businessDate(ctx.clock.now(), ctx.config.TZ_BUSINESS).replaceAll('-', '')}${String(rows[0]!.n).padStart(6, '0')}`;
    const units = await tx
      .selectFrom('terminals')
      .select(['id', 'serial_no'])
      .where('warehouse_id', '=', warehouse.id)
      .where('status', 'in', ['in_stock', 'allocated'])
      .where('transfer_id', 'is', null)
      .execute();
    const created = await tx
      .insertInto('stocktakes')
      .values({
        no,
        org_id: warehouse.org_id,
        warehouse_id: warehouse.id,
        status: 'counting',
        expected: units.length,
        started_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        if ((error as { constraint?: string }).constraint === 'stocktakes_one_open')
          throw new AppError('CONFLICT', `${warehouse.name} is already being counted`);
        throw error;
      });
    for (let i = 0; i < units.length; i += 1000) {
      await tx
        .insertInto('stocktake_items')
        .values(
          units.slice(i, i + 1000).map((u) => ({
            stocktake_id: created.id,
            serial_no: u.serial_no,
            terminal_id: u.id,
            expected: true,
            finding: null,
          })),
        )
        .execute();
    }
    await recordAudit(tx, originOf(ctx), {
      action: 'terminal.stocktake.start',
      objectType: 'stocktake',
      objectId: created.id,
      orgId: warehouse.org_id,
      after: { no, warehouse: warehouse.name, expected: units.length },
    });
    return created.id;
  });
  return getStocktake(ctx, id);
}

/** 扫码: serials seen on the shelf; scanning one twice changes nothing. */
export async function scanStocktake(ctx: ServiceContext, id: string, serialNos: string[]) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('stocktakes')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'stocktake not found');
    if (row.status !== 'counting')
      throw new AppError('ILLEGAL_TRANSITION', `stocktake: cannot scan when ${row.status}`);
    const serials = [...new Set(serialNos.map((s) => s.trim()).filter(Boolean))];
    if (serials.length === 0) return;
    await tx
      .insertInto('stocktake_items')
      .values(
        serials.map((serial_no) => ({
          stocktake_id: id,
          serial_no,
          expected: false,
          scanned: true,
          finding: null,
        })),
      )
      .onConflict((oc) => oc.columns(['stocktake_id', 'serial_no']).doUpdateSet({ scanned: true }))
      .execute();
    const { rows } = await sql<{
      n: bigint;
    }>`SELECT count(*) AS n FROM stocktake_items WHERE stocktake_id = ${id} AND scanned`.execute(tx);
    await tx
      .updateTable('stocktakes')
      .set({ scanned: Number(rows[0]!.n) })
      .where('id', '=', id)
      .execute();
  });
  return getStocktake(ctx, id);
}

/** 盘点报告: the discrepancies, then the approval that settles them. */
export async function reportStocktake(ctx: ServiceContext, id: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('stocktakes')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'stocktake not found');
    if (row.status !== 'counting')
      throw new AppError('ILLEGAL_TRANSITION', `stocktake: cannot report when ${row.status}`);
    await tx
      .updateTable('stocktake_items')
      .set({ finding: 'ok' })
      .where('stocktake_id', '=', id)
      .where('expected', '=', true)
      .where('scanned', '=', true)
      .execute();
    await tx
      .updateTable('stocktake_items')
      .set({ finding: 'missing' })
      .where('stocktake_id', '=', id)
      .where('expected', '=', true)
      .where('scanned', '=', false)
      .execute();
    // Scanned without being expected: the ledger knows it elsewhere, or not at all. Looked up across orgs:
    // a unit found on this shelf is this warehouse's business wherever the ledger puts it.
    const extra = await tx
      .selectFrom('stocktake_items')
      .select('serial_no')
      .where('stocktake_id', '=', id)
      .where('expected', '=', false)
      .execute();
    const known = extra.length
      ? await tx
          .withoutPlugins()
          .selectFrom('terminals as t')
          .leftJoin('warehouses as w', 'w.id', 't.warehouse_id')
          .select(['t.id', 't.serial_no', 't.status', 'w.name as warehouse_name', 't.bound_mid'])
          .where(
            't.serial_no',
            'in',
            extra.map((e) => e.serial_no),
          )
          .execute()
      : [];
    const bySerial = new Map(known.map((k) => [k.serial_no, k]));
    for (const e of extra) {
      const unit = bySerial.get(e.serial_no);
      await tx
        .updateTable('stocktake_items')
        .set(
          unit
            ? {
                finding: 'wrong_place',
                terminal_id: unit.id,
                detail: JSON.stringify({
                  status: unit.status,
                  warehouse: unit.warehouse_name,
                  mid: unit.bound_mid,
                }),
              }
            : { finding: 'unexpected' },
        )
        .where('stocktake_id', '=', id)
        .where('serial_no', '=', e.serial_no)
        .execute();
    }
    const counts = await tx
      .selectFrom('stocktake_items')
      .select(['finding', (eb) => eb.fn.countAll<bigint>().as('n')])
      .where('stocktake_id', '=', id)
      .groupBy('finding')
      .execute();
    const n = (f: string) => Number(counts.find((c) => c.finding === f)?.n ?? 0);
    const now = ctx.clock.now();
    await tx
      .updateTable('stocktakes')
      .set((eb) => ({
        status: 'reported',
        missing: n('missing'),
        unexpected: n('unexpected'),
        wrong_place: n('wrong_place'),
        reported_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    const warehouse = await findWarehouse(tx, row.warehouse_id);
    await recordAudit(tx, originOf(ctx), {
      action: 'terminal.stocktake.report',
      objectType: 'stocktake',
      objectId: id,
      orgId: row.org_id,
      after: { missing: n('missing'), unexpected: n('unexpected'), wrongPlace: n('wrong_place') },
    });
    await submitApproval(ctx, tx, {
      type: STOCKTAKE_APPROVAL,
      title: `${row.no} · ${warehouse?.name ?? ''} 盘亏 ${n('missing')} · 盘盈 ${n('unexpected')} · 错位 ${n('wrong_place')}`,
      orgId: row.org_id,
      objectType: 'stocktake',
      objectId: id,
      payload: {
        no: row.no,
        expected: row.expected,
        missing: n('missing'),
        unexpected: n('unexpected'),
        wrongPlace: n('wrong_place'),
      },
    });
  });
  return getStocktake(ctx, id);
}

async function settle(tx: Db, request: ApprovedRequest, origin: AuditOrigin, approved: boolean) {
  const row = await tx
    .selectFrom('stocktakes')
    .selectAll()
    .where('id', '=', request.objectId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'stocktake not found');
  if (row.status !== 'reported')
    throw new AppError('ILLEGAL_TRANSITION', `stocktake: cannot settle when ${row.status}`);
  if (approved) {
    const system = tx.withoutPlugins();
    const warehouse = await system
      .selectFrom('warehouses')
      .select(['id', 'org_id', 'name'])
      .where('id', '=', row.warehouse_id)
      .executeTakeFirstOrThrow();
    const items = await system
      .selectFrom('stocktake_items')
      .select(['terminal_id', 'finding', 'serial_no'])
      .where('stocktake_id', '=', row.id)
      .where('finding', 'in', ['missing', 'wrong_place'])
      .execute();
    for (const item of items) {
      if (!item.terminal_id) continue;
      const unit = await system
        .selectFrom('terminals')
        .selectAll()
        .where('id', '=', item.terminal_id)
        .forUpdate()
        .executeTakeFirst();
      if (!unit) continue;
      if (
        item.finding === 'missing' &&
        ['in_stock', 'allocated'].includes(unit.status) &&
        unit.warehouse_id === warehouse.id
      ) {
        // 盘亏核销: written off as lost, with the stocktake on its history.
        await applyMove(system, origin, unit, 'report_lost', { stocktake: row.no, approval: request.id });
      } else if (
        item.finding === 'wrong_place' &&
        unit.status === 'in_stock' &&
        !unit.transfer_id &&
        unit.warehouse_id !== warehouse.id
      ) {
        // 错位更正: stock the ledger placed elsewhere is where it was counted.
        await system
          .updateTable('terminals')
          .set((eb) => ({
            warehouse_id: warehouse.id,
            org_id: warehouse.org_id,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', unit.id)
          .execute();
        await insertTerminalEvents(system, [
          {
            terminal_id: unit.id,
            org_id: warehouse.org_id,
            event: 'stocktake_correct',
            from_status: unit.status,
            to_status: unit.status,
            actor_id: origin.actorId,
            actor_name: origin.actorName,
            detail: JSON.stringify({ stocktake: row.no, warehouse: warehouse.name }),
          },
        ]);
      }
    }
  }
  await tx
    .updateTable('stocktakes')
    .set((eb) => ({
      status: approved ? 'approved' : 'rejected',
      closed_at: request.decidedAt,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', row.id)
    .execute();
  await recordAudit(tx, origin, {
    action: `terminal.stocktake.${approved ? 'approve' : 'reject'}`,
    objectType: 'stocktake',
    objectId: row.id,
    orgId: row.org_id,
    after: { approval: request.id, comment: request.comment },
  });
}

export function registerStocktakeApprovals(): void {
  registerApprovalHandler(STOCKTAKE_APPROVAL, {
    onApproved: (tx, request, origin) => settle(tx, request, origin, true),
    onRejected: (tx, request, origin) => settle(tx, request, origin, false),
  });
}

export async function listStocktakes(ctx: ServiceContext, limit: number) {
  const rows = await ctx.db
    .selectFrom('stocktakes as s')
    .innerJoin('warehouses as w', 'w.id', 's.warehouse_id')
    .select([
      's.id',
      's.no',
      's.status',
      'w.name as warehouse_name',
      's.expected',
      's.scanned',
      's.missing',
      's.unexpected',
      's.wrong_place',
      's.started_at',
    ])
    .orderBy('s.started_at', 'desc')
    .limit(limit)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      no: r.no,
      status: r.status,
      warehouseName: r.warehouse_name,
      expected: r.expected,
      scanned: r.scanned,
      missing: r.missing,
      unexpected: r.unexpected,
      wrongPlace: r.wrong_place,
      startedAt: r.started_at.toISOString(),
    })),
  };
}
