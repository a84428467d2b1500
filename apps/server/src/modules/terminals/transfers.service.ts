import { AppError, businessDate } from '@posops/kernel';
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/http/context';
import { originOf, recordAudit } from '../audit';
import { findWarehouse, insertTerminalEvents } from './terminals.repo';

/**
 * 调拨: 下发 (down to an agent), 回拨 (back from it) or between any two warehouses the sender can see.
 * Dispatch takes the units out of the source's available stock (they stay on its row, marked in
 * transit); receipt moves them to the destination. Units are claimed with one conditional update, so
 * two transfers racing for a unit cannot both have it, and stock never goes negative.
 */

export const TRANSFER_UNITS_MAX = 5_000;

const transferRows = (ctx: ServiceContext) =>
  ctx.db
    .selectFrom('terminal_transfers as x')
    .select([
      'x.id',
      'x.no',
      'x.kind',
      'x.status',
      'x.units',
      'x.reason',
      'x.created_at',
      'x.closed_at',
      'x.version',
      'x.org_id',
      'x.from_warehouse_id',
      'x.to_warehouse_id',
      'x.from_name',
      'x.to_name',
      'x.created_by_name',
    ]);

type TransferRow = NonNullable<Awaited<ReturnType<ReturnType<typeof transferRows>['executeTakeFirst']>>>;

const view = (r: TransferRow, serialNos?: string[]) => ({
  id: r.id,
  no: r.no,
  kind: r.kind,
  status: r.status,
  units: r.units,
  reason: r.reason,
  fromWarehouse: { id: r.from_warehouse_id, name: r.from_name },
  toWarehouse: { id: r.to_warehouse_id, name: r.to_name },
  createdBy: r.created_by_name,
  createdAt: r.created_at.toISOString(),
  closedAt: r.closed_at ? r.closed_at.toISOString() : null,
  ...(serialNos ? { serialNos } : {}),
});

export async function getTransfer(ctx: ServiceContext, id: string) {
  const row = await transferRows(ctx).where('x.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'transfer not found');
  // The units' serial numbers, whichever side of the transfer the reader is on.
  const units = await ctx.db
    .withoutPlugins()
    .selectFrom('terminal_transfer_units as tu')
    .innerJoin('terminals as t', 't.id', 'tu.terminal_id')
    .select('t.serial_no')
    .where('tu.transfer_id', '=', id)
    .orderBy('t.serial_no')
    .execute();
  return view(
    row,
    units.map((u) => u.serial_no),
  );
}

export async function listTransfers(
  ctx: ServiceContext,
  query: { status?: TransferRow['status'] | undefined; limit: number },
) {
  let q = transferRows(ctx);
  if (query.status) q = q.where('x.status', '=', query.status);
  const rows = await q.orderBy('x.created_at', 'desc').orderBy('x.id', 'desc').limit(query.limit).execute();
  return { items: rows.map((r) => view(r)) };
}

export async function dispatchTransfer(
  ctx: ServiceContext,
  input: { fromWarehouseId: string; toWarehouseId: string; serialNos: string[]; reason: string },
) {
  const serials = [...new Set(input.serialNos.map((s) => s.trim()))];
  if (serials.length !== input.serialNos.length)
    throw new AppError('VALIDATION_FAILED', 'a serial number is listed twice', { serialNos: 'listed twice' });
  if (input.fromWarehouseId === input.toWarehouseId)
    throw new AppError('VALIDATION_FAILED', 'the destination is the source', {
      toWarehouseId: 'same as the source',
    });
  const id = await ctx.db.transaction().execute(async (tx) => {
    const [from, to] = await Promise.all([
      findWarehouse(tx, input.fromWarehouseId),
      findWarehouse(tx, input.toWarehouseId),
    ]);
    if (!from)
      throw new AppError('VALIDATION_FAILED', 'no such source warehouse', { fromWarehouseId: 'not found' });
    if (!to)
      throw new AppError('VALIDATION_FAILED', 'no such destination warehouse', {
        toWarehouseId: 'not found',
      });
    const kinds = await tx
      .selectFrom('warehouses')
      .select(['id', 'kind'])
      .where('id', 'in', [from.id, to.id])
      .execute();
    const kindOf = (wid: string) => kinds.find((k) => k.id === wid)?.kind;
    const kind = kindOf(to.id) === 'agent' ? 'dispatch' : kindOf(from.id) === 'agent' ? 'recall' : 'transfer';
    const { rows } = await sql<{ n: bigint }>`SELECT nextval('terminal_transfer_no') AS n`.execute(tx);
    const today = businessDate(ctx.clock.now(), ctx.config.TZ_BUSINESS);
    const no = `DB${today.replaceAll('-', '')}${String(rows[0]!.n).padStart(6, '0')}`;
    const transfer = await tx
      .insertInto('terminal_transfers')
      .values({
        no,
        org_id: to.org_id,
        from_warehouse_id: from.id,
        to_warehouse_id: to.id,
        from_name: from.name,
        to_name: to.name,
        created_by_name: ctx.actor.displayName,
        kind,
        status: 'in_transit',
        units: serials.length,
        reason: input.reason,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // One conditional claim: in stock, in the source, on no other transfer. What it did not claim is named.
    const claimed = await tx
      .updateTable('terminals')
      .set({ transfer_id: transfer.id })
      .where('serial_no', 'in', serials)
      .where('warehouse_id', '=', from.id)
      .where('status', '=', 'in_stock')
      .where('transfer_id', 'is', null)
      .returning(['id', 'serial_no', 'org_id', 'status'])
      .execute();
    if (claimed.length !== serials.length) {
      const got = new Set(claimed.map((c) => c.serial_no));
      const missing = serials.filter((s) => !got.has(s));
      const listed = missing.slice(0, 20).join(', ');
      const more = missing.length > 20 ? missing.length - 20 : 0;
      const message = `not available in ${from.name}: ${listed}${more ? ` and ${more} more` : ''}`;
      throw new AppError(
        'VALIDATION_FAILED',
        message,
        { serialNos: message },
        {
          serialNos: {
            key: 'transfer.not_available',
            params: { warehouse: from.name, serials: listed, more },
          },
        },
      );
    }
    await tx
      .insertInto('terminal_transfer_units')
      .values(claimed.map((c) => ({ transfer_id: transfer.id, terminal_id: c.id })))
      .execute();
    const origin = originOf(ctx);
    await insertTerminalEvents(
      tx,
      claimed.map((c) => ({
        terminal_id: c.id,
        org_id: c.org_id,
        event: 'dispatch',
        from_status: c.status,
        to_status: c.status,
        actor_id: origin.actorId,
        actor_name: origin.actorName,
        detail: JSON.stringify({ transfer: no, from: from.name, to: to.name }),
      })),
    );
    await recordAudit(tx, origin, {
      action: `terminal.transfer.${kind}`,
      objectType: 'terminal_transfer',
      objectId: transfer.id,
      orgId: to.org_id,
      after: { no, from: from.name, to: to.name, units: serials.length, reason: input.reason },
    });
    return transfer.id;
  });
  return getTransfer(ctx, id);
}

/** 签收 or 撤回: the transfer ends; its units arrive at the destination, or stay where they were. */
export async function closeTransfer(ctx: ServiceContext, id: string, outcome: 'receive' | 'cancel') {
  await ctx.db.transaction().execute(async (tx) => {
    const transfer = await tx
      .selectFrom('terminal_transfers')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!transfer) throw new AppError('NOT_FOUND', 'transfer not found');
    if (transfer.status !== 'in_transit') {
      throw new AppError('ILLEGAL_TRANSITION', `transfer: cannot ${outcome} when ${transfer.status}`);
    }
    // 双人: the one who sent the units does not sign for their arrival.
    if (outcome === 'receive' && transfer.created_by === ctx.actor.userId) {
      throw new AppError(
        'FORBIDDEN',
        'transfer: the sender cannot sign for the receipt; someone at the destination does',
      );
    }
    const to = await tx
      .selectFrom('warehouses')
      .select(['id', 'org_id', 'name'])
      .where('id', '=', transfer.to_warehouse_id)
      .executeTakeFirstOrThrow();
    const now = ctx.clock.now();
    await tx
      .updateTable('terminal_transfers')
      .set((eb) => ({
        status: outcome === 'receive' ? 'received' : 'cancelled',
        closed_by: ctx.actor.userId,
        closed_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    // The receiver may not see the source's org: the transfer it can see is what authorises the move.
    const moved = await tx
      .withoutPlugins()
      .updateTable('terminals')
      .set(
        outcome === 'receive'
          ? { transfer_id: null, warehouse_id: to.id, org_id: to.org_id }
          : { transfer_id: null },
      )
      .where('transfer_id', '=', id)
      .returning(['id', 'org_id', 'status'])
      .execute();
    const origin = originOf(ctx);
    await insertTerminalEvents(
      tx,
      moved.map((m) => ({
        terminal_id: m.id,
        org_id: m.org_id,
        event: outcome === 'receive' ? 'receive_transfer' : 'transfer_cancelled',
        from_status: m.status,
        to_status: m.status,
        actor_id: origin.actorId,
        actor_name: origin.actorName,
        detail: JSON.stringify({
          transfer: transfer.no,
          warehouse: outcome === 'receive' ? to.name : undefined,
        }),
      })),
    );
    await recordAudit(tx, origin, {
      action: `terminal.transfer.${outcome}`,
      objectType: 'terminal_transfer',
      objectId: id,
      orgId: transfer.org_id,
      before: { status: transfer.status },
      after: { status: outcome === 'receive' ? 'received' : 'cancelled', units: moved.length },
    });
  });
  return getTransfer(ctx, id);
}
