/**
 * 机具管理 on the console side: the contract's types (type-only, from `@posops/contracts`), the lists
 * the filters and forms offer, colours, and the yuan ↔ fen conversion of a model's unit price.
 */
import type {
  TerminalCapability,
  TerminalDetail,
  TerminalEvent,
  TerminalListQuery,
  TerminalStatus,
  TerminalType,
} from '@posops/contracts';

export type {
  ImportRowError,
  Supplier,
  SupplierInput,
  TerminalBinding,
  TerminalCapability,
  TerminalDetail,
  TerminalEvent,
  TerminalImportResult,
  TerminalListItem,
  TerminalModel,
  TerminalModelInput,
  TerminalStatus,
  TerminalType,
  Warehouse,
} from '@posops/contracts';

export type TerminalHistoryEntry = TerminalDetail['history'][number];

/** The ledger's filters as the list and the export send them (no cursor, no limit). */
export type TerminalFilters = Partial<Omit<TerminalListQuery, 'cursor' | 'limit'>>;

/** GET /api/terminals: the filters with the keyset page. */
export type TerminalQuery = TerminalFilters & { cursor?: string | undefined; limit?: number };

/** Lifecycle order: stock → allocated → installed → active, then the ways out of service. */
export const terminalStatuses: readonly TerminalStatus[] = [
  'in_stock',
  'allocated',
  'installed',
  'active',
  'faulty',
  'in_repair',
  'retired',
  'lost',
  'scrapped',
];

export const terminalStatusColors: Record<TerminalStatus, string> = {
  in_stock: 'blue',
  allocated: 'cyan',
  installed: 'geekblue',
  active: 'green',
  faulty: 'red',
  in_repair: 'orange',
  retired: 'gold',
  lost: 'volcano',
  scrapped: 'default',
};

/** The moves that take a terminal out of service: their buttons are marked as dangerous. */
export const dangerousEvents: ReadonlySet<TerminalEvent> = new Set(['report_fault', 'retire', 'report_lost']);

export const terminalTypes: readonly TerminalType[] = ['traditional', 'smart', 'qr_box'];

export const terminalCapabilities: readonly TerminalCapability[] = [
  'magstripe',
  'ic',
  'contactless',
  'qr',
  'printer',
];

/**
 * What POST /api/work-orders/:id/complete answers besides the merchant: the terminal's TID and the clear
 * TMK (32 hex digits) for the installer's key-loading step — shown once, never again.
 */
export interface KeyInjection {
  serialNo: string;
  tid: string;
  tmk: string;
  checkValue: string;
}

/** `'0123456789ABCDEF…'` → `['0123', '4567', …]`: a key read aloud or typed in groups of four. */
export function groupsOfFour(hex: string): string[] {
  return hex.match(/.{1,4}/g) ?? [];
}

/** The import's file: CSV (UTF-8) or Excel; the server reads at most `IMPORT_ROWS_MAX` rows. */
export const importAccept =
  '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMPORT_ROWS_MAX = 50_000;
/** Refused before upload: 50,000 rows of six short columns stay far below this. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** The import file's columns, as the template writes them. */
export const importColumns = ['serial_no', 'brand', 'model', 'supplier', 'purchased_at', 'firmware'] as const;

/**
 * A unit price in yuan as typed: up to 13 whole digits and 2 decimals, so that the fen fit the contract's
 * 15 digits.
 */
export const yuanPattern = /^\d{1,13}(\.\d{1,2})?$/;

/** `'1999.5'` → `'199950'`; undefined for anything that is not a yuan amount. Exact: never a float. */
export function yuanToFen(yuan: string): string | undefined {
  const text = yuan.trim();
  if (!yuanPattern.test(text)) return undefined;
  const [whole = '0', fraction = ''] = text.split('.');
  return `${whole}${fraction.padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
}

/** `'199950'` → `'1999.50'`, `'5'` → `'0.05'`. */
export function fenToYuan(fen: string): string {
  const digits = fen.replace(/^0+(?=\d)/, '').padStart(3, '0');
  return `${digits.slice(0, -2).replace(/^0+(?=\d)/, '')}.${digits.slice(-2)}`;
}

export const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };

// ── 机具总览 (GET /api/terminals/overview) ─────────────────────────────────────────────────────

/** One bar or slice: a key (status, `brand model`, org name, firmware, age band) and its units. */
export interface UnitCount {
  key: string;
  units: number;
}

/** Age bands by purchase date (or intake date when there is none); scrapped and lost units not counted. */
export const ageBands = ['lt1', '1to3', '3to5', 'gt5'] as const;
export type AgeBand = (typeof ageBands)[number];

export interface FleetOverview {
  total: number;
  byStatus: UnitCount[];
  byModel: UnitCount[];
  byOrg: UnitCount[];
  /** Installed and active units only; `unknown` when a unit never reported its firmware. */
  byFirmware: UnitCount[];
  byAge: UnitCount[];
  /** Installed and active units, and those heard within the offline window. */
  online: { bound: number; online: number };
  /** 账实相符: received = in service + scrapped + lost. */
  register: { received: number; scrapped: number; lost: number; inService: number };
}

/** Online rate in percent with one decimal, null when nothing is bound. */
export function onlineRate({ bound, online }: FleetOverview['online']): number | null {
  return bound > 0 ? Math.round((online / bound) * 1000) / 10 : null;
}

// ── 调拨 (GET/POST /api/terminal-transfers) ───────────────────────────────────────────────────────

/** 下发 (to an agent), 回拨 (back from an agent), 调拨 (between organisations' warehouses). */
export const transferKinds = ['dispatch', 'recall', 'transfer'] as const;
export type TransferKind = (typeof transferKinds)[number];

export const transferStatuses = ['in_transit', 'received', 'cancelled'] as const;
export type TransferStatus = (typeof transferStatuses)[number];

export const transferKindColors: Record<TransferKind, string> = {
  dispatch: 'blue',
  recall: 'purple',
  transfer: 'cyan',
};

export const transferStatusColors: Record<TransferStatus, string> = {
  in_transit: 'processing',
  received: 'success',
  cancelled: 'default',
};

export interface Transfer {
  id: string;
  no: string;
  kind: TransferKind;
  status: TransferStatus;
  units: number;
  reason: string;
  fromWarehouse: { id: string; name: string };
  toWarehouse: { id: string; name: string };
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
}

export interface TransferDetail extends Transfer {
  serialNos: string[];
}

export interface TransferInput {
  fromWarehouseId: string;
  toWarehouseId: string;
  serialNos: string[];
  reason: string;
}

/** The server's bound on one transfer's units. */
export const TRANSFER_UNITS_MAX = 5_000;
/** How many transfers the list asks for (the server allows 500). */
export const TRANSFER_LIST_LIMIT = 200;

/**
 * Serial numbers as typed, pasted or scanned (one per line; spaces, commas and semicolons also
 * separate): trimmed, in first-seen order, each once, with how many repeats were dropped.
 */
export function parseSerials(text: string): { serials: string[]; duplicates: number } {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const raw of text.split(/[\s,;，；]+/)) {
    const serial = raw.trim();
    if (!serial) continue;
    if (seen.has(serial)) duplicates += 1;
    else seen.add(serial);
  }
  return { serials: [...seen], duplicates };
}

/** The longest serial number the server takes. */
export const SERIAL_MAX_LENGTH = 40;

// ── 低库存预警 (GET/PUT /api/stock-levels) ──────────────────────────────────────────────────────

export interface StockLevel {
  id: string;
  warehouseId: string;
  warehouseName: string;
  modelId: string;
  modelName: string;
  minUnits: number;
  /** In stock in that warehouse and on no transfer. */
  available: number;
  low: boolean;
  /** When the low-stock notification went out; null once stock is back up. */
  alertOpenedAt: string | null;
}

export interface StockThresholdInput {
  warehouseId: string;
  modelId: string;
  /** 0 removes the threshold. */
  minUnits: number;
}

export const STOCK_MIN_UNITS_MAX = 100_000;

// ── 告警 (GET /api/terminal-alerts) ───────────────────────────────────────────────────────────

export const alertKinds = ['offline', 'relocated'] as const;
export type AlertKind = (typeof alertKinds)[number];
export type AlertStatus = 'open' | 'closed';

export const alertKindColors: Record<AlertKind, string> = { offline: 'orange', relocated: 'red' };

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface OfflineAlertDetail {
  lastHeartbeatAt: string | null;
  silentMinutes: number;
}

export interface RelocatedAlertDetail {
  metres: number;
  reported: GeoPoint;
  installed: GeoPoint;
}

interface AlertBase {
  id: string;
  status: AlertStatus;
  openedAt: string;
  closedAt: string | null;
  /** As the server writes it (`heard again`, `back at its install address`); shown translated. */
  closedReason: string | null;
  terminalId: string;
  serialNo: string;
  tid: string | null;
  mid: string | null;
}

export type TerminalAlert =
  | (AlertBase & { kind: 'offline'; detail: OfflineAlertDetail })
  | (AlertBase & { kind: 'relocated'; detail: RelocatedAlertDetail });

/** How many alerts a tab asks for (the server allows 500). */
export const ALERT_LIST_LIMIT = 500;

/** The reasons the server closes alerts with, and their i18n keys. */
export const alertClosedReasons: Record<string, string> = {
  'heard again': 'heardAgain',
  'back at its install address': 'backInPlace',
};

// ── 采购 (GET/POST /api/procurements) ───────────────────────────────────────────────────────────

/** 待审批 → 已批准 (or 已驳回) → 已下单 → 已到货 (every unit accepted); 已关闭 ends it short. */
export const procurementStatuses = [
  'pending_approval',
  'approved',
  'rejected',
  'ordered',
  'received',
  'closed',
] as const;
export type ProcurementStatus = (typeof procurementStatuses)[number];

export const procurementStatusColors: Record<ProcurementStatus, string> = {
  pending_approval: 'processing',
  approved: 'cyan',
  rejected: 'error',
  ordered: 'blue',
  received: 'success',
  closed: 'default',
};

export interface Procurement {
  id: string;
  no: string;
  modelId: string;
  modelName: string;
  quantity: number;
  /** Fen, the catalogue price when requested. */
  unitPriceMinor: string;
  amountMinor: string;
  reason: string;
  /** YYYY-MM-DD. */
  neededBy: string;
  warehouseId: string;
  status: ProcurementStatus;
  supplierId: string | null;
  supplierName: string | null;
  orderedAt: string | null;
  receivedUnits: number;
  rejectedUnits: number;
  /** Units still due: quantity − accepted. */
  outstanding: number;
  createdAt: string;
}

/** A unit sent back to the supplier at a goods receipt, with why. */
export interface ReceiptRejection {
  serialNo: string;
  reason: string;
}

/** 到货验收单: how many units were taken into stock, and the rejects. */
export interface GoodsReceipt {
  no: string;
  accepted: number;
  rejected: ReceiptRejection[];
  receivedAt: string;
}

export interface ProcurementDetail extends Procurement {
  receipts: GoodsReceipt[];
}

export interface ProcurementInput {
  modelId: string;
  quantity: number;
  reason: string;
  neededBy: string;
  warehouseId: string;
}

export interface GoodsReceiptInput {
  accepted: string[];
  rejected: ReceiptRejection[];
  firmware?: string | undefined;
}

/** How many requests the list asks for (the server allows 500). */
export const PROCUREMENT_LIST_LIMIT = 200;
/** The server's bound on one request's units. */
export const PROCUREMENT_QUANTITY_MAX = 100_000;
/** The server's bound on the serial numbers of one receipt (accepted, and rejected). */
export const RECEIPT_SERIALS_MAX = 50_000;
/** What the server takes for a serial number. */
export const serialPattern = /^[A-Za-z0-9-]{4,40}$/;

/**
 * The usual reasons a unit is refused at the receipt, as written on the receipt (the record handed back
 * to the supplier is in Chinese whatever the language on screen); anything else is typed.
 */
export const rejectReasons = {
  damaged: '外观破损',
  noPower: '无法开机',
  wrongModel: '型号不符',
} as const;
export type RejectReasonKey = keyof typeof rejectReasons;
export const rejectReasonKeys = Object.keys(rejectReasons) as RejectReasonKey[];

/** The preset a recorded reason is, if it is one (to show it in the language on screen). */
export function rejectReasonKeyOf(reason: string): RejectReasonKey | undefined {
  return rejectReasonKeys.find((key) => rejectReasons[key] === reason.trim());
}

/** Quantity × unit price in fen, exact (bigint); undefined while the quantity is not a whole positive number. */
export function amountOf(unitPriceMinor: string, quantity: number | null | undefined): string | undefined {
  if (!quantity || !Number.isInteger(quantity) || quantity < 1) return undefined;
  return (BigInt(unitPriceMinor) * BigInt(quantity)).toString();
}

/** Percent of the ordered units accepted so far. */
export function receivedPercent(p: Pick<Procurement, 'quantity' | 'receivedUnits'>): number {
  return p.quantity > 0 ? Math.round((p.receivedUnits / p.quantity) * 1000) / 10 : 0;
}

// ── 盘点 (GET/POST /api/stocktakes) ─────────────────────────────────────────────────────────────

/** 盘点中 → 已提交 (awaiting approval) → 已通过 or 已驳回; 已取消 ends it without a report. */
export const stocktakeStatuses = ['counting', 'reported', 'approved', 'rejected', 'cancelled'] as const;
export type StocktakeStatus = (typeof stocktakeStatuses)[number];

export const stocktakeStatusColors: Record<StocktakeStatus, string> = {
  counting: 'processing',
  reported: 'warning',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
};

/** 盘亏 (expected, not scanned), 盘盈 (scanned, unknown to the ledger), 错位 (the ledger puts it elsewhere). */
export const stocktakeFindings = ['missing', 'unexpected', 'wrong_place'] as const;
export type StocktakeFinding = (typeof stocktakeFindings)[number];

export const stocktakeFindingColors: Record<StocktakeFinding, string> = {
  missing: 'volcano',
  unexpected: 'gold',
  wrong_place: 'purple',
};

export interface Stocktake {
  id: string;
  no: string;
  status: StocktakeStatus;
  warehouseName: string;
  /** Units the ledger placed in the warehouse when the count began. */
  expected: number;
  scanned: number;
  /** The three findings are counted at the report (0 while counting). */
  missing: number;
  unexpected: number;
  wrongPlace: number;
  startedAt: string;
}

/** Where the ledger puts a misplaced unit (a wrong_place finding's detail). */
export interface WrongPlaceDetail {
  status?: TerminalStatus | null;
  warehouse?: string | null;
  mid?: string | null;
}

export interface StocktakeDiscrepancy {
  serialNo: string;
  finding: StocktakeFinding;
  detail: (WrongPlaceDetail & Record<string, unknown>) | null;
}

export interface StocktakeDetail extends Omit<Stocktake, 'warehouseName'> {
  warehouseId: string;
  reportedAt: string | null;
  closedAt: string | null;
  discrepancies: StocktakeDiscrepancy[];
  /** Expected units not scanned yet (0 once reported). */
  pendingScans: number;
}

/** How many stocktakes the list asks for (the server allows 500). */
export const STOCKTAKE_LIST_LIMIT = 200;
/** The server's bound on the serial numbers of one scan request. */
export const STOCKTAKE_SCAN_MAX = 10_000;
