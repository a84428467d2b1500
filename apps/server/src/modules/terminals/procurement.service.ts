import { AppError, businessDate } from '@posops/kernel';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { ServiceContext } from '../../platform/http/context';
import { type ApprovedRequest, registerApprovalHandler, submitApproval } from '../approvals';
import { type AuditOrigin, originOf, recordAudit } from '../audit';
import { findWarehouse, insertTerminalEvents, insertTerminals } from './terminals.repo';

/**
 * 采购: a request (model, quantity, reason, needed-by, destination warehouse) goes to approval (amount
 * thresholds add the head office); approved, it is ordered from a supplier; each goods receipt (到货验收)
 * checks the serial numbers against the order — count, no duplicates, not already in the ledger — takes
 * the accepted units into stock and records the rejects returned to the supplier, with their reason.
 */
export const PROCUREMENT_APPROVAL = 'terminal.procurement';

/** A refusal on one field, in English and as a key the console translates (`messages.procurement.*`). */
const refuse = (field: string, message: string, key: string, params?: Record<string, string | number>) =>
  new AppError(
    'VALIDATION_FAILED',
    message,
    { [field]: message },
    { [field]: params ? { key: `procurement.${key}`, params } : { key: `procurement.${key}` } },
  );

async function nextNo(db: Db, prefix: string, at: Date, timeZone: string) {
  const { rows } = await sql<{ n: bigint }>`SELECT nextval('procurement_no') AS n`.execute(db);
  return `${prefix}${businessDate(at, timeZone).replaceAll('-', '')}${String(rows[0]!.n).padStart(6, '0')}`;
}

const requestRows = (db: Db) =>
  db
    .selectFrom('procurement_requests as p')
    .innerJoin('terminal_models as tm', 'tm.id', 'p.model_id')
    .leftJoin('suppliers as s', 's.id', 'p.supplier_id')
    .select([
      'p.id',
      'p.no',
      'p.org_id',
      'p.model_id',
      sql<string>`tm.brand || ' ' || tm.model`.as('model_name'),
      'p.quantity',
      'p.unit_price_minor',
      'p.amount_minor',
      'p.reason',
      sql<string>`to_char(p.needed_by, 'YYYY-MM-DD')`.as('needed_by'),
      'p.warehouse_id',
      'p.status',
      'p.supplier_id',
      's.name as supplier_name',
      'p.ordered_at',
      'p.received_units',
      'p.rejected_units',
      'p.created_at',
      'p.version',
    ]);

type RequestRow = NonNullable<Awaited<ReturnType<ReturnType<typeof requestRows>['executeTakeFirst']>>>;

const view = (r: RequestRow) => ({
  id: r.id,
  no: r.no,
  modelId: r.model_id,
  modelName: r.model_name,
  quantity: r.quantity,
  unitPriceMinor: r.unit_price_minor.toString(),
  amountMinor: r.amount_minor.toString(),
  reason: r.reason,
  neededBy: r.needed_by,
  warehouseId: r.warehouse_id,
  status: r.status,
  supplierId: r.supplier_id,
  supplierName: r.supplier_name,
  orderedAt: r.ordered_at ? r.ordered_at.toISOString() : null,
  receivedUnits: r.received_units,
  rejectedUnits: r.rejected_units,
  outstanding: r.quantity - r.received_units,
  createdAt: r.created_at.toISOString(),
});

export async function getProcurement(ctx: ServiceContext, id: string) {
  const row = await requestRows(ctx.db).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'procurement request not found');
  const receipts = await ctx.db
    .selectFrom('goods_receipts')
    .select(['no', 'accepted', 'rejected', 'received_at'])
    .where('request_id', '=', id)
    .orderBy('received_at')
    .execute();
  return {
    ...view(row),
    receipts: receipts.map((g) => ({
      no: g.no,
      accepted: g.accepted,
      rejected: g.rejected as { serialNo: string; reason: string }[],
      receivedAt: g.received_at.toISOString(),
    })),
  };
}

export async function listProcurements(
  ctx: ServiceContext,
  query: { status?: RequestRow['status'] | undefined; limit: number },
) {
  let q = requestRows(ctx.db);
  if (query.status) q = q.where('p.status', '=', query.status);
  const rows = await q.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(query.limit).execute();
  return { items: rows.map(view) };
}

export async function requestProcurement(
  ctx: ServiceContext,
  input: { modelId: string; quantity: number; reason: string; neededBy: string; warehouseId: string },
) {
  const today = businessDate(ctx.clock.now(), ctx.config.TZ_BUSINESS);
  if (input.neededBy < today)
    throw refuse('neededBy', `needed by a day already past (${today})`, 'needed_past', { date: today });
  const id = await ctx.db.transaction().execute(async (tx) => {
    const model = await tx
      .selectFrom('terminal_models')
      .selectAll()
      .where('id', '=', input.modelId)
      .executeTakeFirst();
    if (!model) throw refuse('modelId', 'no such model', 'no_model');
    if (model.status !== 'active')
      throw refuse('modelId', `${model.brand} ${model.model} is retired`, 'model_retired', {
        name: `${model.brand} ${model.model}`,
      });
    const warehouse = await findWarehouse(tx, input.warehouseId);
    if (!warehouse) throw refuse('warehouseId', 'no such warehouse', 'no_warehouse');
    const no = await nextNo(tx, 'CG', ctx.clock.now(), ctx.config.TZ_BUSINESS);
    const amount = model.unit_price_minor * BigInt(input.quantity);
    const row = await tx
      .insertInto('procurement_requests')
      .values({
        no,
        org_id: warehouse.org_id,
        model_id: model.id,
        quantity: input.quantity,
        unit_price_minor: model.unit_price_minor,
        amount_minor: amount,
        reason: input.reason,
        needed_by: input.neededBy,
        warehouse_id: warehouse.id,
        status: 'pending_approval',
        requested_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, originOf(ctx), {
      action: 'procurement.request',
      objectType: 'procurement_request',
      objectId: row.id,
      orgId: warehouse.org_id,
      after: {
        no,
        model: `${model.brand} ${model.model}`,
        quantity: input.quantity,
        amountMinor: amount,
        reason: input.reason,
      },
    });
    await submitApproval(ctx, tx, {
      type: PROCUREMENT_APPROVAL,
      title: `${no} · ${model.brand} ${model.model} × ${input.quantity}`,
      orgId: warehouse.org_id,
      objectType: 'procurement_request',
      objectId: row.id,
      payload: {
        no,
        model: `${model.brand} ${model.model}`,
        quantity: input.quantity,
        amountMinor: amount.toString(),
        neededBy: input.neededBy,
        reason: input.reason,
      },
      amountMinor: amount,
    });
    return row.id;
  });
  return getProcurement(ctx, id);
}

function decided(status: 'approved' | 'rejected') {
  return async (tx: Db, request: ApprovedRequest, origin: AuditOrigin) => {
    const row = await tx
      .selectFrom('procurement_requests')
      .selectAll()
      .where('id', '=', request.objectId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'procurement request not found');
    if (row.status !== 'pending_approval')
      throw new AppError('ILLEGAL_TRANSITION', `procurement: cannot be ${status} when ${row.status}`);
    await tx
      .updateTable('procurement_requests')
      .set((eb) => ({ status, version: eb('version', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    await recordAudit(tx, origin, {
      action: `procurement.${status === 'approved' ? 'approve' : 'reject'}`,
      objectType: 'procurement_request',
      objectId: row.id,
      orgId: row.org_id,
      before: { status: row.status },
      after: { status, approval: request.id, comment: request.comment },
    });
  };
}

export function registerProcurementApprovals(): void {
  registerApprovalHandler(PROCUREMENT_APPROVAL, {
    onApproved: decided('approved'),
    onRejected: decided('rejected'),
  });
}

/** 下单: the approved request is ordered from a supplier. */
export async function orderProcurement(ctx: ServiceContext, id: string, supplierId: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('procurement_requests')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'procurement request not found');
    if (row.status !== 'approved')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `procurement: cannot order when ${row.status} (it must be approved)`,
      );
    const supplier = await tx
      .selectFrom('suppliers')
      .select(['id', 'name', 'status'])
      .where('id', '=', supplierId)
      .executeTakeFirst();
    if (!supplier) throw refuse('supplierId', 'no such supplier', 'no_supplier');
    if (supplier.status !== 'active')
      throw refuse('supplierId', `supplier ${supplier.name} is suspended`, 'supplier_suspended', {
        name: supplier.name,
      });
    await tx
      .updateTable('procurement_requests')
      .set((eb) => ({
        status: 'ordered',
        supplier_id: supplier.id,
        ordered_at: ctx.clock.now(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, originOf(ctx), {
      action: 'procurement.order',
      objectType: 'procurement_request',
      objectId: id,
      orgId: row.org_id,
      before: { status: row.status },
      after: { status: 'ordered', supplier: supplier.name },
    });
  });
  return getProcurement(ctx, id);
}

/**
 * 到货验收: the serial numbers that arrived, those accepted entering the request's warehouse as stock, the
 * rejected (appearance, function) going back to the supplier with their reason. Nothing is received
 * unless every number checks out; the order is complete once all its units are accepted.
 */
export async function receiveGoods(
  ctx: ServiceContext,
  id: string,
  input: {
    accepted: string[];
    rejected: { serialNo: string; reason: string }[];
    firmware?: string | undefined;
  },
) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('procurement_requests')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'procurement request not found');
    if (row.status !== 'ordered')
      throw new AppError('ILLEGAL_TRANSITION', `procurement: cannot receive goods when ${row.status}`);
    const all = [...input.accepted, ...input.rejected.map((r) => r.serialNo)].map((s) => s.trim());
    const bad = all.filter((s) => !/^[A-Za-z0-9-]{4,40}$/.test(s));
    if (bad.length > 0)
      throw refuse('accepted', `not serial numbers: ${bad.slice(0, 10).join(', ')}`, 'not_serials', {
        serials: bad.slice(0, 10).join(', '),
      });
    const twice = all.filter((s, i) => all.indexOf(s) !== i);
    if (twice.length > 0)
      throw refuse('accepted', `listed twice: ${twice.slice(0, 10).join(', ')}`, 'listed_twice', {
        serials: twice.slice(0, 10).join(', '),
      });
    const outstanding = row.quantity - row.received_units;
    if (input.accepted.length > outstanding) {
      const message = `${input.accepted.length} accepted but only ${outstanding} of ${row.quantity} still due on the order`;
      throw refuse('accepted', message, 'too_many', {
        accepted: input.accepted.length,
        outstanding,
        quantity: row.quantity,
      });
    }
    if (input.accepted.length > 0) {
      const known = await tx
        .withoutPlugins()
        .selectFrom('terminals')
        .select('serial_no')
        .where('serial_no', 'in', input.accepted)
        .execute();
      if (known.length > 0) {
        const message = `already in the ledger: ${known
          .slice(0, 10)
          .map((k) => k.serial_no)
          .join(', ')}`;
        throw refuse('accepted', message, 'in_ledger', {
          serials: known
            .slice(0, 10)
            .map((k) => k.serial_no)
            .join(', '),
        });
      }
    }
    const warehouse = await tx
      .withoutPlugins()
      .selectFrom('warehouses')
      .select(['id', 'org_id', 'name'])
      .where('id', '=', row.warehouse_id)
      .executeTakeFirstOrThrow();
    const today = businessDate(ctx.clock.now(), ctx.config.TZ_BUSINESS);
    const no = await nextNo(tx, 'DH', ctx.clock.now(), ctx.config.TZ_BUSINESS);
    const origin = originOf(ctx);
    if (input.accepted.length > 0) {
      const inserted = await insertTerminals(
        tx,
        input.accepted.map((serialNo) => ({
          serial_no: serialNo.trim(),
          model_id: row.model_id,
          supplier_id: row.supplier_id,
          purchased_at: today,
          firmware_version: input.firmware ?? null,
          org_id: warehouse.org_id,
          warehouse_id: warehouse.id,
          status: 'in_stock' as const,
        })),
      );
      await insertTerminalEvents(
        tx,
        inserted.map((t) => ({
          terminal_id: t.id,
          org_id: t.org_id,
          event: 'receive',
          from_status: null,
          to_status: 'in_stock' as const,
          actor_id: origin.actorId,
          actor_name: origin.actorName,
          detail: JSON.stringify({ procurement: row.no, receipt: no, warehouse: warehouse.name }),
        })),
      );
    }
    await tx
      .insertInto('goods_receipts')
      .values({
        no,
        org_id: row.org_id,
        request_id: row.id,
        warehouse_id: warehouse.id,
        accepted: input.accepted.length,
        rejected: JSON.stringify(input.rejected),
        received_by: ctx.actor.userId,
      })
      .execute();
    const received = row.received_units + input.accepted.length;
    await tx
      .updateTable('procurement_requests')
      .set((eb) => ({
        received_units: received,
        rejected_units: row.rejected_units + input.rejected.length,
        status: received === row.quantity ? 'received' : 'ordered',
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, origin, {
      action: 'procurement.receive',
      objectType: 'procurement_request',
      objectId: id,
      orgId: row.org_id,
      after: {
        receipt: no,
        accepted: input.accepted.length,
        rejected: input.rejected,
        outstanding: row.quantity - received,
      },
    });
  });
  return getProcurement(ctx, id);
}
