import { creditKinds, debitKinds, type Ledger, type TxnKind, type TxnState } from './ledger';
import { localTimestamp } from './sandbox';

/**
 * What the daily clearing file (清算文件, docs/clearing-file.md) says: the money-moving transactions the
 * channel approved on a settlement date, one line each, their fees and the totals of the trailer.
 * Written and read by clearing-file.ts; differences for reconciliation tests in clearing-inject.ts.
 */

export const FILE_TYPE = 'POSOPS-CLEARING';
export const FORMAT_VERSION = '1';

/** Who issues the file and what the channel charges. */
export interface ClearingConfig {
  /** The channel's institution code (header). */
  institutionCode: string;
  /** The channel's name (header), Chinese allowed. */
  institutionName: string;
  /** The channel's fee on a debit line, parts per million of the amount, rounded half-up per line. */
  feePpm: number;
  /** Cap of the fee of one line, in fen; null: no cap. */
  feeCapFen: bigint | null;
  /** Time zone of the times in the file. */
  timeZone: string;
}

export type ClearingType = 'PURCHASE' | 'QR_PURCHASE' | 'COMPLETION' | 'VOID' | 'REFUND' | 'COMPLETION_VOID';
export type ClearingStatus = 'SETTLED' | 'REVERSED';

export const clearingTypes: Record<ClearingType, { kind: TxnKind; name: string; direction: 'DR' | 'CR' }> = {
  PURCHASE: { kind: 'purchase', name: '消费', direction: 'DR' },
  QR_PURCHASE: { kind: 'qr_purchase', name: '扫码消费', direction: 'DR' },
  COMPLETION: { kind: 'completion', name: '预授权完成', direction: 'DR' },
  VOID: { kind: 'void', name: '消费撤销', direction: 'CR' },
  REFUND: { kind: 'refund', name: '退货', direction: 'CR' },
  COMPLETION_VOID: { kind: 'completion_void', name: '预授权完成撤销', direction: 'CR' },
};
const typeOfKind = new Map(Object.entries(clearingTypes).map(([type, t]) => [t.kind, type as ClearingType]));

/** One detail line. Dates YYYYMMDD, time YYYYMMDDhhmmss (channel's local time), amounts in fen. */
export interface ClearingLine {
  settlementDate: string;
  time: string;
  stan: string;
  localDate: string;
  rrn: string;
  authCode: string;
  tid: string;
  mid: string;
  type: ClearingType;
  typeName: string;
  direction: 'DR' | 'CR';
  maskedPan: string;
  amountFen: bigint;
  feeFen: bigint;
  currency: string;
  status: ClearingStatus;
  originalRrn: string;
}

export interface ClearingTotals {
  /** All detail lines, reversed ones included. */
  records: number;
  debitCount: number;
  debitFen: bigint;
  creditCount: number;
  creditFen: bigint;
  feeFen: bigint;
  /** debit − credit − fee: what the channel owes the acquirer for the day. */
  netFen: bigint;
}

export interface ClearingHeader {
  fileType: string;
  version: string;
  institutionCode: string;
  institutionName: string;
  settlementDate: string;
  generatedAt: string;
  encoding: 'UTF-8' | 'GBK';
}

export const compactDate = (isoDate: string) => isoDate.replaceAll('-', '');

/** Fee of one amount: half-up to the fen on this amount alone, then the cap (decision 0008). */
export function feeFor(amountFen: bigint, config: Pick<ClearingConfig, 'feePpm' | 'feeCapFen'>): bigint {
  const fee = (amountFen * BigInt(config.feePpm) * 2n + 1_000_000n) / 2_000_000n;
  return config.feeCapFen !== null && fee > config.feeCapFen ? config.feeCapFen : fee;
}

/**
 * The fee of a line: charged on settled debits, given back on settled voids (the original's fee: a void
 * is the full amount), none on refunds (the fee is not refunded) and none on reversed lines.
 */
export function lineFee(
  line: Pick<ClearingLine, 'type' | 'status' | 'amountFen'>,
  config: ClearingConfig,
): bigint {
  if (line.status !== 'SETTLED') return 0n;
  const direction = clearingTypes[line.type].direction;
  if (direction === 'DR') return feeFor(line.amountFen, config);
  if (line.type === 'REFUND') return 0n;
  return -feeFor(line.amountFen, config);
}

/** The detail lines of a settlement date from the ledger, by time then RRN. */
export function clearingLines(
  ledger: Ledger,
  settlementDate: string,
  config: ClearingConfig,
): ClearingLine[] {
  const lines: ClearingLine[] = [];
  for (const s of ledger.onSettlementDate(settlementDate)) {
    const e = s.event;
    if (e.code !== '00' || !(debitKinds.has(e.kind) || creditKinds.has(e.kind))) continue;
    lines.push(lineOf(ledger, s, config));
  }
  return sortLines(lines);
}

function lineOf(ledger: Ledger, s: TxnState, config: ClearingConfig): ClearingLine {
  const e = s.event;
  const type = typeOfKind.get(e.kind)!;
  const status: ClearingStatus = s.reversed ? 'REVERSED' : 'SETTLED';
  // A void, refund or completion sent without the card carries its original's (masked) card.
  let maskedPan = e.panMasked;
  for (let o = e.originalKey ? ledger.txn(e.originalKey) : undefined; maskedPan === null && o; ) {
    maskedPan = o.event.panMasked;
    o = o.event.originalKey ? ledger.txn(o.event.originalKey) : undefined;
  }
  const line: ClearingLine = {
    settlementDate: compactDate(e.settlementDate),
    time: localTimestamp(new Date(e.at), config.timeZone),
    stan: e.stan,
    localDate: e.localDate,
    rrn: e.rrn,
    authCode: e.authCode ?? '',
    tid: e.tid,
    mid: e.mid,
    type,
    typeName: clearingTypes[type].name,
    direction: clearingTypes[type].direction,
    maskedPan: maskedPan ?? '',
    amountFen: s.amountFen,
    feeFen: 0n,
    currency: e.currency,
    status,
    originalRrn: e.originalKey ? (ledger.txn(e.originalKey)?.event.rrn ?? '') : '',
  };
  line.feeFen = lineFee(line, config);
  return line;
}

export const sortLines = (lines: ClearingLine[]) =>
  lines.sort((a, b) => (a.time === b.time ? a.rrn.localeCompare(b.rrn) : a.time.localeCompare(b.time)));

export function clearingTotals(lines: readonly ClearingLine[]): ClearingTotals {
  const t: ClearingTotals = {
    records: lines.length,
    debitCount: 0,
    debitFen: 0n,
    creditCount: 0,
    creditFen: 0n,
    feeFen: 0n,
    netFen: 0n,
  };
  for (const l of lines) {
    if (l.status !== 'SETTLED') continue;
    if (l.direction === 'DR') {
      t.debitCount++;
      t.debitFen += l.amountFen;
    } else {
      t.creditCount++;
      t.creditFen += l.amountFen;
    }
    t.feeFen += l.feeFen;
  }
  t.netFen = t.debitFen - t.creditFen - t.feeFen;
  return t;
}
