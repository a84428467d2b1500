import { AppError } from '@posops/kernel';
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/http/context';
import type { ModuleDeps } from '../../platform/module';
import { originOf, recordAudit } from '../audit';
import { usersWithPermissionOver } from '../identity';
import { notifyUsers } from '../notifications';
import { findWarehouse } from './terminals.repo';

/** Available stock: in the warehouse, in stock, on no transfer — what can be installed or sent today. */
const availableUnits = sql<bigint>`(SELECT count(*) FROM terminals t
  WHERE t.warehouse_id = s.warehouse_id AND t.model_id = s.model_id
    AND t.status = 'in_stock' AND t.transfer_id IS NULL)`;

/** 低库存预警 thresholds of my subtree with the stock they watch. */
export async function stockLevels(ctx: ServiceContext) {
  const rows = await ctx.db
    .selectFrom('stock_thresholds as s')
    .innerJoin('warehouses as w', 'w.id', 's.warehouse_id')
    .innerJoin('terminal_models as tm', 'tm.id', 's.model_id')
    .select([
      's.id',
      's.warehouse_id',
      'w.name as warehouse_name',
      's.model_id',
      sql<string>`tm.brand || ' ' || tm.model`.as('model_name'),
      's.min_units',
      's.alert_opened_at',
      availableUnits.as('available'),
    ])
    .orderBy('w.name')
    .orderBy('tm.brand')
    .orderBy('tm.model')
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      warehouseId: r.warehouse_id,
      warehouseName: r.warehouse_name,
      modelId: r.model_id,
      modelName: r.model_name,
      minUnits: r.min_units,
      available: Number(r.available),
      low: Number(r.available) < r.min_units,
      alertOpenedAt: r.alert_opened_at ? r.alert_opened_at.toISOString() : null,
    })),
  };
}

/** Sets (or, with 0, removes) the minimum of a model in a warehouse. */
export async function setStockThreshold(
  ctx: ServiceContext,
  input: { warehouseId: string; modelId: string; minUnits: number },
) {
  await ctx.db.transaction().execute(async (tx) => {
    const warehouse = await findWarehouse(tx, input.warehouseId);
    if (!warehouse)
      throw new AppError('VALIDATION_FAILED', 'no such warehouse', { warehouseId: 'not found' });
    const model = await tx
      .selectFrom('terminal_models')
      .select('id')
      .where('id', '=', input.modelId)
      .executeTakeFirst();
    if (!model) throw new AppError('VALIDATION_FAILED', 'no such model', { modelId: 'not found' });
    if (input.minUnits === 0) {
      await tx
        .deleteFrom('stock_thresholds')
        .where('warehouse_id', '=', warehouse.id)
        .where('model_id', '=', model.id)
        .execute();
    } else {
      await tx
        .insertInto('stock_thresholds')
        .values({
          org_id: warehouse.org_id,
          warehouse_id: warehouse.id,
          model_id: model.id,
          min_units: input.minUnits,
        })
        .onConflict((oc) =>
          oc
            .columns(['warehouse_id', 'model_id'])
            .doUpdateSet({ min_units: input.minUnits, updated_at: ctx.clock.now() }),
        )
        .execute();
    }
    await recordAudit(tx, originOf(ctx), {
      action: 'terminal.stock-threshold.set',
      objectType: 'warehouse',
      objectId: warehouse.id,
      orgId: warehouse.org_id,
      after: input,
    });
  });
  return stockLevels(ctx);
}

/**
 * The job: each threshold whose available stock fell below its minimum raises one alert (a notification
 * to who manages terminals there and above); it re-arms once stock is back up.
 */
export async function checkLowStock(deps: ModuleDeps): Promise<number> {
  const rows = await deps.db
    .selectFrom('stock_thresholds as s')
    .innerJoin('warehouses as w', 'w.id', 's.warehouse_id')
    .innerJoin('terminal_models as tm', 'tm.id', 's.model_id')
    .select([
      's.id',
      's.org_id',
      's.min_units',
      's.alert_opened_at',
      'w.name as warehouse_name',
      sql<string>`tm.brand || ' ' || tm.model`.as('model_name'),
      availableUnits.as('available'),
    ])
    .execute();
  let raised = 0;
  for (const r of rows) {
    const available = Number(r.available);
    const low = available < r.min_units;
    if (low && !r.alert_opened_at) {
      await deps.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('stock_thresholds')
          .set({ alert_opened_at: deps.clock.now(), alert_units: available })
          .where('id', '=', r.id)
          .execute();
        await notifyUsers(tx, await usersWithPermissionOver(tx, r.org_id, 'terminal.transfer'), {
          kind: 'terminal.low-stock',
          title: {
            'zh-CN': `低库存预警：${r.warehouse_name} ${r.model_name} 仅剩 ${available} 台（下限 ${r.min_units}）`,
            'en-US': `Low stock: ${r.model_name} at ${r.warehouse_name}, ${available} left (minimum ${r.min_units})`,
          },
          body: { 'zh-CN': '请安排调拨或采购。', 'en-US': 'Arrange a transfer or a purchase.' },
          link: '/terminals/stock',
        });
      });
      raised += 1;
    } else if (!low && r.alert_opened_at) {
      await deps.db
        .updateTable('stock_thresholds')
        .set({ alert_opened_at: null, alert_units: null })
        .where('id', '=', r.id)
        .execute();
    }
  }
  return raised;
}
