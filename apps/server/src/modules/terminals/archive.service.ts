import { AppError } from '@posops/kernel';
import type { ServiceContext } from '../../platform/http/context';
import { fieldWorkOfTerminal } from '../workorders';
import { findTerminal, historyOf } from './terminals.repo';

/**
 * 维护档案: one unit's maintenance archive — how it was bought (supplier, order, receipt, price), where it
 * has been (warehouses, transfers, merchants and their addresses, repair, loss), its faults and repairs
 * (cause, parts, cost, vendor) and the field work done on it with the engineers' reports. Everything is
 * derived from the ledger's history and the work orders: nothing is kept twice.
 */

type Event = Awaited<ReturnType<typeof historyOf>>[number];
type Detail = Record<string, unknown>;

export interface ArchiveLocation {
  kind: 'warehouse' | 'transit' | 'merchant' | 'repair' | 'lost' | 'scrapped';
  place: string | null;
  mid: string | null;
  tid: string | null;
  from: string;
  to: string | null;
}

const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);

/** Where the unit was, period by period, read off its history (oldest first). */
export function locationsOf(events: readonly Event[], current: { address: string | null }) {
  const out: ArchiveLocation[] = [];
  let lastWarehouse: string | null = null;
  const open = (at: Date, loc: Omit<ArchiveLocation, 'from' | 'to'>) => {
    const last = out.at(-1);
    if (last && last.to === null) last.to = at.toISOString();
    out.push({ ...loc, from: at.toISOString(), to: null });
  };
  const atWarehouse = (at: Date, name: string | null) => {
    lastWarehouse = name ?? lastWarehouse;
    open(at, { kind: 'warehouse', place: lastWarehouse, mid: null, tid: null });
  };
  events.forEach((e, i) => {
    const d = (e.detail ?? {}) as Detail;
    switch (e.event) {
      case 'receive':
      case 'receive_transfer':
      case 'stocktake_correct':
        atWarehouse(e.at, text(d.warehouse));
        break;
      case 'transfer_cancelled':
        atWarehouse(e.at, null);
        break;
      case 'dispatch':
        open(e.at, { kind: 'transit', place: `${d.from ?? '—'} → ${d.to ?? '—'}`, mid: null, tid: null });
        break;
      case 'install': {
        // The address it was installed at: what a later relocation moved it from, what leaving unbound
        // it from, or where it stands now.
        const later = events
          .slice(i + 1)
          .find((n) => n.event === 'relocate' || (n.detail as Detail)?.unbound);
        const laterDetail = (later?.detail ?? {}) as Detail;
        const address =
          later?.event === 'relocate'
            ? text(laterDetail.from)
            : later
              ? text((laterDetail.unbound as Detail | undefined)?.address)
              : current.address;
        open(e.at, { kind: 'merchant', place: address, mid: text(d.mid), tid: text(d.tid) });
        break;
      }
      case 'relocate': {
        const before = out.at(-1);
        open(e.at, {
          kind: 'merchant',
          place: text(d.to),
          mid: before?.mid ?? null,
          tid: before?.tid ?? null,
        });
        break;
      }
      case 'retrieve':
      case 'repaired':
      case 'found':
        atWarehouse(e.at, text(d.warehouse));
        break;
      case 'send_to_repair':
        open(e.at, { kind: 'repair', place: text(d.reason), mid: null, tid: null });
        break;
      case 'report_lost':
        open(e.at, { kind: 'lost', place: text(d.reason), mid: null, tid: null });
        break;
      case 'scrap':
        open(e.at, { kind: 'scrapped', place: null, mid: null, tid: null });
        out.at(-1)!.to = e.at.toISOString();
        break;
    }
  });
  return out;
}

export async function maintenanceArchive(ctx: ServiceContext, id: string) {
  const unit = await findTerminal(ctx.db, id);
  if (!unit) throw new AppError('NOT_FOUND', 'terminal not found');
  // The unit's whole past goes with it, across the orgs it passed through (as its history does).
  const everywhere = ctx.db.withoutPlugins();
  const events = (await historyOf(everywhere, id)).reverse();
  const locations = locationsOf(events, { address: unit.bound_address });
  const mids = [...new Set(locations.map((l) => l.mid).filter((m): m is string => m !== null))];
  const merchants = mids.length
    ? await everywhere.selectFrom('merchants').select(['id', 'mid']).where('mid', 'in', mids).execute()
    : [];
  const merchantOf = new Map(merchants.map((m) => [m.mid, m.id]));
  const periods = locations
    .filter((l) => l.kind === 'merchant' && l.mid && merchantOf.has(l.mid))
    .map((l) => ({
      merchantId: merchantOf.get(l.mid!)!,
      from: new Date(l.from),
      to: l.to ? new Date(l.to) : null,
    }));
  const work = await fieldWorkOfTerminal(everywhere, id, periods);

  const received = events.find((e) => e.event === 'receive');
  const receipt = (received?.detail ?? {}) as Detail;
  const procurementNo = text(receipt.procurement);
  const order = procurementNo
    ? await everywhere
        .selectFrom('procurement_requests')
        .select(['unit_price_minor'])
        .where('no', '=', procurementNo)
        .executeTakeFirst()
    : undefined;
  const model = await everywhere
    .selectFrom('terminal_models')
    .select('unit_price_minor')
    .where('id', '=', unit.model_id)
    .executeTakeFirstOrThrow();

  const faults = events
    .filter((e) => e.event === 'report_fault')
    .map((e) => ({ at: e.at.toISOString(), reason: text((e.detail as Detail)?.reason), by: e.actor_name }));
  const repairs = events
    .filter((e) => e.event === 'repaired')
    .map((e) => {
      const r = ((e.detail as Detail)?.repair ?? {}) as Detail;
      return {
        at: e.at.toISOString(),
        cause: text(r.cause),
        parts: text(r.parts),
        costMinor: text(r.costMinor),
        vendor: text(r.vendor),
        by: e.actor_name,
      };
    });
  const firstInstall = events.find((e) => e.event === 'install');
  return {
    terminalId: unit.id,
    serialNo: unit.serial_no,
    modelName: unit.model_name,
    purchase: {
      supplierName: unit.supplier_name,
      purchasedAt: unit.purchased_at,
      procurementNo,
      receiptNo: text(receipt.receipt),
      receivedAt: received ? received.at.toISOString() : null,
      warehouse: text(receipt.warehouse),
      unitPriceMinor: String(order?.unit_price_minor ?? model.unit_price_minor),
    },
    locations,
    faults,
    repairs,
    fieldWork: work.map((w) => ({
      id: w.id,
      no: w.no,
      kind: w.kind,
      status: w.status,
      merchantLabel: w.merchant_label,
      createdAt: w.created_at.toISOString(),
      completedAt: w.completed_at ? w.completed_at.toISOString() : null,
      engineerName: w.engineer_name,
      result: w.result,
      failedItems: w.failed_items ?? 0,
      findings: (w.checklist ?? []).filter((c) => !c.passed),
      testApproved: w.test_approved,
      signedBy: w.signer_name,
    })),
    totals: {
      faults: faults.length,
      repairs: repairs.length,
      repairCostMinor: String(repairs.reduce((sum, r) => sum + BigInt(r.costMinor ?? '0'), 0n)),
      inspections: work.filter((w) => w.kind === 'inspection' && w.status === 'completed').length,
      firstInstalledAt: firstInstall ? firstInstall.at.toISOString() : null,
    },
  };
}
