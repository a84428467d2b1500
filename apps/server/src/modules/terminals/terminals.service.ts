import type {
  TerminalDetail,
  TerminalEvent,
  TerminalListItem,
  TerminalListQuery,
  TerminalStatus,
} from '@posops/contracts';
import { AppError, businessDate } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import { decodeCursor, pageFrom } from '../../platform/db/keyset';
import type { ServiceContext } from '../../platform/http/context';
import { type AuditOrigin, originOf, recordAudit } from '../audit';
import type { SecurityModule } from '../security';
import { insertWorkOrders } from '../workorders';
import { manualTerminalEvents, type TerminalMove, terminalLifecycle } from './terminal.lifecycle';
import {
  findTerminal,
  findTerminalBySerial,
  historyOf,
  insertTerminalEvents,
  listTerminalRows,
  listWarehouses,
  lockTerminal,
  lockTerminalBySerial,
  nextTid,
  type TerminalRow,
  updateTerminal,
  warehouseOfOrg,
} from './terminals.repo';
import type { TerminalsTable } from './terminals.schema';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function listItemOf(r: TerminalRow): TerminalListItem {
  return {
    id: r.id,
    serialNo: r.serial_no,
    modelId: r.model_id,
    modelName: r.model_name,
    status: r.status,
    orgId: r.org_id,
    orgName: r.org_name,
    warehouseId: r.warehouse_id,
    warehouseName: r.warehouse_name,
    tid: r.tid,
    mid: r.bound_mid,
    merchantId: r.merchant_id,
    merchantName: r.merchant_name,
    firmwareVersion: r.firmware_version,
    lastHeartbeatAt: iso(r.last_heartbeat_at),
    installedAt: iso(r.installed_at),
    createdAt: r.created_at.toISOString(),
  };
}

async function detailOf(ctx: ServiceContext, r: TerminalRow): Promise<TerminalDetail> {
  // A unit's whole history goes with it: whoever may see the unit sees where it has been.
  const history = await historyOf(ctx.db.withoutPlugins(), r.id);
  const mayManage = ctx.actor.permissions.has('terminal.manage');
  return {
    ...listItemOf(r),
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    purchasedAt: r.purchased_at,
    binding:
      r.merchant_id && r.tid && r.bound_at
        ? {
            merchantId: r.merchant_id,
            mid: r.bound_mid!,
            merchantName: r.merchant_name ?? '',
            tid: r.tid,
            creditCode: r.bound_credit_code!,
            accountMasked: r.bound_account_masked!,
            divisionCode: r.bound_division_code!,
            address: r.bound_address!,
            latitude: r.latitude === null ? null : Number(r.latitude),
            longitude: r.longitude === null ? null : Number(r.longitude),
            boundAt: r.bound_at.toISOString(),
          }
        : null,
    tmkCheckValue: r.tmk_check_value,
    tmkInjectedAt: iso(r.tmk_injected_at),
    allowedEvents: mayManage
      ? terminalLifecycle
          .allowedEvents(r.status)
          .filter((e): e is TerminalEvent => (manualTerminalEvents as string[]).includes(e))
      : [],
    history: history.map((h) => ({
      at: h.at.toISOString(),
      event: h.event,
      fromStatus: h.from_status,
      toStatus: h.to_status,
      actorName: h.actor_name,
      detail: (h.detail as Record<string, unknown> | null) ?? null,
    })),
  };
}

export async function getTerminal(ctx: ServiceContext, id: string) {
  const row = await findTerminal(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'terminal not found');
  return detailOf(ctx, row);
}

/** 扫码查询: a scanner types the serial number. */
export async function getTerminalBySerial(ctx: ServiceContext, serialNo: string) {
  const row = await findTerminalBySerial(ctx.db, serialNo.trim());
  if (!row) throw new AppError('NOT_FOUND', `no terminal with serial number ${serialNo}`);
  return detailOf(ctx, row);
}

export async function listTerminals(ctx: ServiceContext, query: TerminalListQuery) {
  const after = decodeCursor(query.cursor, ['timestamptz', 'uuid']);
  const rows = await listTerminalRows(
    ctx.db,
    query,
    after ? { at: String(after[0]), id: String(after[1]) } : null,
    query.limit,
  );
  const page = pageFrom(rows, query.limit, (r) => [r.created_at.toISOString(), r.id]);
  return { items: page.items.map(listItemOf), nextCursor: page.nextCursor };
}

export async function warehouses(ctx: ServiceContext) {
  return {
    items: (await listWarehouses(ctx.db)).map((w) => ({
      id: w.id,
      code: w.code,
      name: w.name,
      orgId: w.org_id,
      orgName: w.org_name,
      kind: w.kind,
      units: Number(w.units ?? 0),
    })),
  };
}

const unbound = {
  merchant_id: null,
  tid: null,
  bound_acquirer: null,
  bound_mid: null,
  bound_credit_code: null,
  bound_account_hash: null,
  bound_account_masked: null,
  bound_division_code: null,
  bound_address: null,
  bound_at: null,
} satisfies Partial<Record<keyof TerminalsTable, null>>;

type LockedTerminal = NonNullable<Awaited<ReturnType<typeof lockTerminal>>>;

/**
 * One move of a unit along its lifecycle, in the caller's transaction, with its history line. A unit that
 * leaves its merchant (repair, retirement, loss, retrieval) is unbound — its TID freed, the binding kept
 * in the history; a unit that comes back to stock goes to its org's warehouse.
 */
export async function applyMove(
  tx: Db,
  origin: AuditOrigin,
  unit: LockedTerminal,
  move: TerminalMove,
  detail: Record<string, unknown>,
  extra: Partial<Record<keyof TerminalsTable, unknown>> = {},
): Promise<TerminalStatus> {
  const to = terminalLifecycle.next(unit.status, move);
  const leaves =
    unit.merchant_id !== null && ['send_to_repair', 'retire', 'report_lost', 'retrieve'].includes(move);
  const changes: Record<string, unknown> = { status: to, ...extra };
  if (leaves) Object.assign(changes, unbound);
  if ((to === 'in_stock' || to === 'allocated') && unit.warehouse_id === null) {
    const home = await warehouseOfOrg(tx, unit.org_id);
    if (!home) throw new AppError('CONFLICT', 'the unit’s org has no warehouse');
    changes.warehouse_id = home.id;
    // The maintenance archive reads where the unit went from its history.
    detail = { ...detail, warehouse: home.name };
  }
  if (!(await updateTerminal(tx, unit.id, unit.version, changes))) {
    throw new AppError('CONFLICT', 'the terminal changed meanwhile; reload it');
  }
  const binding = leaves ? { mid: unit.bound_mid, tid: unit.tid, address: unit.bound_address } : undefined;
  await insertTerminalEvents(tx, [
    {
      terminal_id: unit.id,
      org_id: unit.org_id,
      event: move,
      from_status: unit.status,
      to_status: to,
      actor_id: origin.actorId,
      actor_name: origin.actorName,
      detail: JSON.stringify({ ...detail, ...(binding ? { unbound: binding } : {}) }),
    },
  ]);
  await recordAudit(tx, origin, {
    action: `terminal.${move}`,
    objectType: 'terminal',
    objectId: unit.id,
    orgId: unit.org_id,
    before: { status: unit.status, ...(binding ?? {}) },
    after: { status: to, ...detail },
  });
  return to;
}

/** 故障/送修/修复/停用/丢失/找回: a person's move from the ledger, with the reason. */
export async function moveTerminal(
  ctx: ServiceContext,
  id: string,
  event: TerminalEvent,
  reason: string,
  repair?: {
    cause: string;
    parts?: string | undefined;
    costMinor?: string | undefined;
    vendor?: string | undefined;
  },
) {
  if (!manualTerminalEvents.includes(event))
    throw new AppError('VALIDATION_FAILED', `not a ledger move: ${event}`, { event: 'unknown' });
  await ctx.db.transaction().execute(async (tx) => {
    const unit = await lockTerminal(tx, id);
    if (!unit) throw new AppError('NOT_FOUND', 'terminal not found');
    if (unit.transfer_id)
      throw new AppError('ILLEGAL_TRANSITION', `terminal: cannot ${event} while in transit`);
    terminalLifecycle.next(unit.status, event);
    if (event === 'repaired' && !repair)
      throw new AppError('VALIDATION_FAILED', 'a repair needs its record: the cause at least', {
        'repair.cause': 'required',
      });
    if (event !== 'repaired' && repair)
      throw new AppError('VALIDATION_FAILED', 'a repair record goes with "repaired" only', {
        repair: 'not with this move',
      });
    await applyMove(tx, originOf(ctx), unit, event, { reason, ...(repair ? { repair } : {}) });
  });
  return getTerminal(ctx, id);
}

/** What the merchant module hands over when an installation work order is completed. */
export interface InstallationBinding {
  serialNo: string;
  workOrderNo: string;
  /** The model the work order asked for, as the application named it ("PAX A920"). */
  requestedModel: string | null;
  merchantId: string;
  merchantOrgId: string;
  acquirerCode: string;
  mid: string;
  creditCode: string;
  accountHash: string;
  accountMasked: string;
  divisionCode: string;
  address: string;
  latitude?: number | undefined;
  longitude?: number | undefined;
  /**
   * Demo only: a TID from the reserved range and a published test TMK instead of the next TID and a
   * fresh key (the protocol's demo chain store). Never reachable through the API.
   */
  preset?: { tid: string; tmkHex: string } | undefined;
}

export interface KeyInjection {
  terminalId: string;
  serialNo: string;
  tid: string;
  /** The clear TMK for the installer's key loader: shown once, stored nowhere. */
  tmk: string;
  checkValue: string;
}

/**
 * 装机 + 密钥灌装: a unit in stock (visible to the installer) is bound to the merchant — TID, MID, credit
 * code, settlement account, address — and gets a fresh TMK, kept sealed under the host master key.
 */
export async function installTerminal(
  ctx: ServiceContext,
  tx: Db,
  security: SecurityModule,
  binding: InstallationBinding,
): Promise<KeyInjection> {
  const serialNo = binding.serialNo.trim();
  const field = (message: string, key: string, params: Record<string, string>) =>
    new AppError(
      'VALIDATION_FAILED',
      message,
      { serialNo: message },
      { serialNo: { key: `install.${key}`, params } },
    );
  const unit = await lockTerminalBySerial(tx, serialNo);
  if (!unit)
    throw field(`no terminal ${serialNo} in the ledger: receive it into stock first`, 'not_in_ledger', {
      serial: serialNo,
    });
  if (unit.status !== 'in_stock' && unit.status !== 'allocated') {
    throw field(`terminal ${serialNo} is ${unit.status}, not in stock`, 'not_in_stock', {
      serial: serialNo,
      status: unit.status,
    });
  }
  if (unit.transfer_id)
    throw field(`terminal ${serialNo} is in transit on a transfer`, 'in_transit', { serial: serialNo });
  if (binding.requestedModel) {
    const model = await tx
      .selectFrom('terminal_models')
      .select(['brand', 'model'])
      .where('id', '=', unit.model_id)
      .executeTakeFirstOrThrow();
    const name = `${model.brand} ${model.model}`;
    const wanted = binding.requestedModel.trim().toLowerCase();
    // A request in free text that names no catalogue model takes any unit; one that names another refuses.
    const known =
      name.toLowerCase() !== wanted &&
      (await tx
        .selectFrom('terminal_models')
        .select('id')
        .where((eb) => eb(eb.fn('lower', [eb.fn('concat_ws', [eb.val(' '), 'brand', 'model'])]), '=', wanted))
        .executeTakeFirst());
    if (known) {
      throw field(
        `terminal ${serialNo} is a ${name}; work order ${binding.workOrderNo} installs a ${binding.requestedModel}`,
        'wrong_model',
        { serial: serialNo, model: name, workOrder: binding.workOrderNo, wanted: binding.requestedModel },
      );
    }
  }
  const preset = binding.preset;
  if (preset && !/^100\d{5}$/.test(preset.tid))
    throw new Error(`preset TID ${preset.tid} is outside the reserved range 10000001–10099999`);
  const tid = preset ? preset.tid : await nextTid(tx);
  const key = preset ? security.importTerminalMasterKey(preset.tmkHex) : security.generateTerminalMasterKey();
  const now = ctx.clock.now();
  await applyMove(
    tx,
    originOf(ctx),
    unit,
    'install',
    { workOrder: binding.workOrderNo, mid: binding.mid, tid, checkValue: key.checkValue },
    {
      org_id: binding.merchantOrgId,
      warehouse_id: null,
      merchant_id: binding.merchantId,
      tid,
      bound_acquirer: binding.acquirerCode,
      bound_mid: binding.mid,
      bound_credit_code: binding.creditCode,
      bound_account_hash: binding.accountHash,
      bound_account_masked: binding.accountMasked,
      bound_division_code: binding.divisionCode,
      bound_address: binding.address,
      latitude: binding.latitude ?? null,
      longitude: binding.longitude ?? null,
      bound_at: now,
      installed_at: now,
      tmk_sealed: key.sealed,
      tmk_check_value: key.checkValue,
      tmk_injected_at: now,
    },
  );
  return { terminalId: unit.id, serialNo, tid, tmk: key.clearHex, checkValue: key.checkValue };
}

/**
 * 移机: the one way a bound unit's deployment address changes — completing its relocation work order.
 * The binding keeps its merchant and TID; the address and position become the new ones.
 */
export async function relocateTerminal(
  ctx: ServiceContext,
  tx: Db,
  input: {
    terminalId: string;
    merchantId: string;
    workOrderNo: string;
    divisionCode: string;
    address: string;
    latitude?: number | undefined;
    longitude?: number | undefined;
  },
) {
  const unit = await lockTerminal(tx, input.terminalId);
  if (!unit) throw new AppError('NOT_FOUND', 'terminal not found');
  if (unit.merchant_id !== input.merchantId || !['installed', 'active', 'faulty'].includes(unit.status)) {
    throw new AppError('ILLEGAL_TRANSITION', `terminal ${unit.serial_no} is not installed at this merchant`);
  }
  const moved = await updateTerminal(tx, unit.id, unit.version, {
    bound_division_code: input.divisionCode,
    bound_address: input.address,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
  });
  if (!moved) throw new AppError('CONFLICT', 'the terminal changed meanwhile; reload it');
  const origin = originOf(ctx);
  await insertTerminalEvents(tx, [
    {
      terminal_id: unit.id,
      org_id: unit.org_id,
      event: 'relocate',
      from_status: unit.status,
      to_status: unit.status,
      actor_id: origin.actorId,
      actor_name: origin.actorName,
      detail: JSON.stringify({ workOrder: input.workOrderNo, from: unit.bound_address, to: input.address }),
    },
  ]);
  await recordAudit(tx, origin, {
    action: 'terminal.relocate',
    objectType: 'terminal',
    objectId: unit.id,
    orgId: unit.org_id,
    before: { address: unit.bound_address, latitude: unit.latitude, longitude: unit.longitude },
    after: {
      address: input.address,
      latitude: input.latitude,
      longitude: input.longitude,
      workOrder: input.workOrderNo,
    },
  });
}

/** 撤机: a retrieval work order brings the unit back to its org's warehouse, unbound (TID freed). */
export async function retrieveTerminal(ctx: ServiceContext, tx: Db, terminalId: string, workOrderNo: string) {
  const unit = await lockTerminal(tx, terminalId);
  if (!unit) throw new AppError('NOT_FOUND', 'terminal not found');
  await applyMove(tx, originOf(ctx), unit, 'retrieve', { workOrder: workOrderNo });
}

/**
 * 开通: an installed unit whose test transaction was approved at the sign-off is active; one already
 * active (its first heartbeat came first) stays so.
 */
export async function activateTerminal(
  ctx: ServiceContext,
  tx: Db,
  terminalId: string,
  detail: { workOrder: string; testReference: string },
) {
  const unit = await lockTerminal(tx, terminalId);
  if (!unit) throw new AppError('NOT_FOUND', 'terminal not found');
  if (unit.status !== 'installed') return unit.status;
  return applyMove(tx, originOf(ctx), unit, 'activate', detail);
}

/** A work order for a bound unit — repair, inspection, retrieval — opened by hand or from an alert. */
export async function openTerminalWorkOrder(
  ctx: ServiceContext,
  terminalId: string,
  kind: 'repair' | 'inspection' | 'retrieval',
  note: string,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const unit = await findTerminal(tx, terminalId);
    if (!unit) throw new AppError('NOT_FOUND', 'terminal not found');
    if (!unit.merchant_id || !unit.bound_mid) {
      throw new AppError('ILLEGAL_TRANSITION', `terminal ${unit.serial_no} is not at a merchant`);
    }
    const now = ctx.clock.now();
    const [order] = await insertWorkOrders(
      tx,
      kind,
      [
        {
          org_id: unit.org_id,
          merchant_id: unit.merchant_id,
          merchant_label: `${unit.bound_mid} ${unit.merchant_name ?? ''}`.trim(),
          terminal_model: unit.model_name,
          serial_no: unit.serial_no,
          terminal_id: unit.id,
        },
      ],
      businessDate(now, ctx.config.TZ_BUSINESS),
      now,
      ctx.config,
    );
    await recordAudit(tx, originOf(ctx), {
      action: 'workorder.create',
      objectType: 'terminal',
      objectId: unit.id,
      orgId: unit.org_id,
      after: { kind, workOrder: order!.no, note },
    });
    return { id: order!.id, no: order!.no, kind };
  });
}
