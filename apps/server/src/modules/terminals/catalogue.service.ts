import type { Supplier, SupplierInput, TerminalModel, TerminalModelInput } from '@posops/contracts';
import { AppError } from '@posops/kernel';
import type { ServiceContext } from '../../platform/http/context';
import { originOf, recordAudit } from '../audit';
import {
  findModel,
  findSupplier,
  insertModel,
  insertSupplier,
  listModels,
  listSuppliers,
  updateModel,
  updateSupplier,
} from './catalogue.repo';

/** 机型目录 and 供应商: shared by the whole institution (no org), maintained by operations and procurement. */

type ModelRow = Awaited<ReturnType<typeof listModels>>[number];

const modelView = (m: ModelRow): TerminalModel => ({
  id: m.id,
  brand: m.brand,
  model: m.model,
  type: m.type,
  capabilities: m.capabilities,
  unitPriceMinor: m.unit_price_minor.toString(),
  status: m.status,
  units: Number(m.units ?? 0),
  createdAt: m.created_at.toISOString(),
});

const supplierView = (s: NonNullable<Awaited<ReturnType<typeof findSupplier>>>): Supplier => ({
  id: s.id,
  name: s.name,
  qualification: s.qualification,
  contactName: s.contact_name,
  contactPhone: s.contact_phone,
  rating: s.rating,
  status: s.status,
  createdAt: s.created_at.toISOString(),
});

const duplicate = (error: unknown, field: string, message: string) => {
  if ((error as { code?: string }).code === '23505')
    return new AppError('VALIDATION_FAILED', message, { [field]: message });
  return error;
};

export async function terminalModels(ctx: ServiceContext) {
  return { items: (await listModels(ctx.db)).map(modelView) };
}

async function modelOrThrow(ctx: ServiceContext, id: string) {
  const [row] = await listModels(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'terminal model not found');
  return modelView(row);
}

export async function createTerminalModel(ctx: ServiceContext, input: TerminalModelInput) {
  const id = await ctx.db.transaction().execute(async (tx) => {
    const row = await insertModel(tx, {
      brand: input.brand,
      model: input.model,
      type: input.type,
      capabilities: [...new Set(input.capabilities)],
      unit_price_minor: BigInt(input.unitPriceMinor),
    }).catch((error: unknown) => {
      throw duplicate(error, 'model', `${input.brand} ${input.model} is already in the catalogue`);
    });
    await recordAudit(tx, originOf(ctx), {
      action: 'terminal.model.create',
      objectType: 'terminal_model',
      objectId: row.id,
      orgId: ctx.actor.orgId,
      after: input,
    });
    return row.id;
  });
  return modelOrThrow(ctx, id);
}

export async function updateTerminalModel(ctx: ServiceContext, id: string, input: TerminalModelInput) {
  await ctx.db.transaction().execute(async (tx) => {
    const before = await findModel(tx, id);
    if (!before) throw new AppError('NOT_FOUND', 'terminal model not found');
    const done = await updateModel(tx, id, before.version, {
      brand: input.brand,
      model: input.model,
      type: input.type,
      capabilities: [...new Set(input.capabilities)],
      unit_price_minor: BigInt(input.unitPriceMinor),
    }).catch((error: unknown) => {
      throw duplicate(error, 'model', `${input.brand} ${input.model} is already in the catalogue`);
    });
    if (!done) throw new AppError('CONFLICT', 'the model changed meanwhile; reload it');
    await recordAudit(tx, originOf(ctx), {
      action: 'terminal.model.update',
      objectType: 'terminal_model',
      objectId: id,
      orgId: ctx.actor.orgId,
      before: { ...before, unit_price_minor: before.unit_price_minor.toString() },
      after: input,
    });
  });
  return modelOrThrow(ctx, id);
}

/** A retired model takes no new units; those in the ledger stay. */
export async function retireTerminalModel(ctx: ServiceContext, id: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const before = await findModel(tx, id);
    if (!before) throw new AppError('NOT_FOUND', 'terminal model not found');
    if (before.status === 'retired')
      throw new AppError('ILLEGAL_TRANSITION', 'terminal model: already retired');
    if (!(await updateModel(tx, id, before.version, { status: 'retired' })))
      throw new AppError('CONFLICT', 'the model changed meanwhile; reload it');
    await recordAudit(tx, originOf(ctx), {
      action: 'terminal.model.retire',
      objectType: 'terminal_model',
      objectId: id,
      orgId: ctx.actor.orgId,
      before: { status: before.status },
      after: { status: 'retired' },
    });
  });
  return modelOrThrow(ctx, id);
}

export async function suppliers(ctx: ServiceContext) {
  return { items: (await listSuppliers(ctx.db)).map(supplierView) };
}

const supplierColumns = (input: SupplierInput) => ({
  name: input.name,
  qualification: input.qualification,
  contact_name: input.contactName,
  contact_phone: input.contactPhone,
  rating: input.rating,
});

export async function createSupplier(ctx: ServiceContext, input: SupplierInput) {
  const id = await ctx.db.transaction().execute(async (tx) => {
    const row = await insertSupplier(tx, supplierColumns(input)).catch((error: unknown) => {
      throw duplicate(error, 'name', `supplier ${input.name} exists already`);
    });
    await recordAudit(tx, originOf(ctx), {
      action: 'supplier.create',
      objectType: 'supplier',
      objectId: row.id,
      orgId: ctx.actor.orgId,
      after: input,
    });
    return row.id;
  });
  return supplierView((await findSupplier(ctx.db, id))!);
}

export async function updateSupplierDetails(ctx: ServiceContext, id: string, input: SupplierInput) {
  await ctx.db.transaction().execute(async (tx) => {
    const before = await findSupplier(tx, id);
    if (!before) throw new AppError('NOT_FOUND', 'supplier not found');
    const done = await updateSupplier(tx, id, before.version, supplierColumns(input)).catch(
      (error: unknown) => {
        throw duplicate(error, 'name', `supplier ${input.name} exists already`);
      },
    );
    if (!done) throw new AppError('CONFLICT', 'the supplier changed meanwhile; reload it');
    await recordAudit(tx, originOf(ctx), {
      action: 'supplier.update',
      objectType: 'supplier',
      objectId: id,
      orgId: ctx.actor.orgId,
      before: supplierView(before),
      after: input,
    });
  });
  return supplierView((await findSupplier(ctx.db, id))!);
}
