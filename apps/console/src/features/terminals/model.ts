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
