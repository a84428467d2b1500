import {
  type BatchTotals,
  buildBatchTotals,
  buildField59,
  buildField60,
  buildField61,
  type IsoMessage,
  type Mti,
  type Tpdu,
} from '@posops/iso8583';
import {
  type EntryMode,
  entryModeField,
  iccData,
  isChip,
  QR_ENTRY_MODE,
  type TestCard,
  track2,
} from './cards';
import { encryptedPinBlock } from './keys';

/**
 * The requests a terminal sends, as docs/terminal-protocol.md lists them, built as plain messages (the
 * MAC is added when the message is packed). Pure: the terminal chooses the STAN, batch and time.
 */

/** 60.1 message type codes. */
export const typeCodes = {
  balance: '01',
  preAuth: '10',
  preAuthCancel: '11',
  completion: '20',
  completionVoid: '21',
  purchase: '22',
  void: '23',
  refund: '25',
  network: '00',
} as const;

/** Processing codes (field 3). */
export const processingCodes = {
  purchase: '000000',
  reversing: '200000',
  preAuth: '030000',
  balance: '310000',
} as const;

const CNY = '156';
const SIGN_ON = '004';
const STATUS = '301';
const SETTLEMENT = '201';
/** 53: digit 1 = 2, double-length keys (ANSI X9.8 PIN block with the PAN). */
const SECURITY_CONTROL = '2600000000000000';
/** 26: the PIN pad takes up to 12 digits. */
const PIN_CAPTURE = '12';

/** What every request of one terminal carries. */
export interface MessageContext {
  tpdu: Tpdu;
  tid: string;
  mid: string;
  batch: number;
  stan: number;
  /** The terminal's local time (fields 12 and 13). */
  local: LocalTime;
}

export interface LocalTime {
  year: string;
  month: string;
  day: string;
  /** hhmmss */
  time: string;
  /** MMDD */
  date: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
let lastSecond = { key: '', value: null as LocalTime | null };

/** Local date and time of an instant in a time zone (cached per second: a formatter call costs tens of µs). */
export function localTime(at: Date, timeZone: string): LocalTime {
  const key = `${timeZone}|${Math.floor(at.getTime() / 1000)}`;
  if (lastSecond.key === key && lastSecond.value) return lastSecond.value;
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const p: Record<string, string> = {};
  for (const part of format.formatToParts(at)) p[part.type] = part.value;
  const value: LocalTime = {
    year: p.year!,
    month: p.month!,
    day: p.day!,
    time: `${p.hour}${p.minute}${p.second}`,
    date: `${p.month}${p.day}`,
  };
  lastSecond = { key, value };
  return value;
}

export const sixDigits = (n: number) => String(n).padStart(6, '0');
const amountField = (fen: bigint) => {
  if (fen < 0n || fen > 999_999_999_999n) throw new RangeError('an amount is 0 to 999999999999 fen');
  return String(fen).padStart(12, '0');
};

function header(ctx: MessageContext, mti: Mti): IsoMessage {
  return {
    tpdu: ctx.tpdu,
    mti,
    fields: { 11: sixDigits(ctx.stan), 12: ctx.local.time, 13: ctx.local.date, 41: ctx.tid, 42: ctx.mid },
  };
}

/** A card as presented for one request: how it was read, and the PIN when one was entered. */
export interface CardPresentment {
  card: TestCard;
  entry: EntryMode;
  /** The PIN typed, and the PIK it goes under (field 52). */
  pin?: { digits: string; pik: Uint8Array } | undefined;
}

/** Either a card or a QR payment code (customer-presented, scanned by the terminal). */
export type Payment = { card: CardPresentment } | { qr: string };

/** Fields 2/14/22/23/26/35/52/53/55 of a card as read by its entry mode. */
function cardFields(
  ctx: MessageContext,
  presented: CardPresentment,
  amountFen: bigint,
  random: () => number,
  transactionType: '00' | '30' | '31',
): IsoMessage['fields'] {
  const { card, entry, pin } = presented;
  if ((entry === 'chip' || entry === 'contactless') && !isChip(card))
    throw new RangeError('a magnetic-stripe-only card cannot be read by chip');
  const fields: IsoMessage['fields'] = { 2: card.pan, 14: card.expiry, 22: entryModeField(entry, !!pin) };
  if (entry === 'magstripe' || entry === 'chip') fields[35] = track2(card);
  if (entry === 'chip' || entry === 'contactless') {
    fields[23] = card.sequence;
    fields[55] = iccData(card, amountFen, ctx.local, random, transactionType);
  }
  if (pin) {
    fields[26] = PIN_CAPTURE;
    fields[52] = encryptedPinBlock(pin.pik, pin.digits, card.pan);
    fields[53] = SECURITY_CONTROL;
  }
  return fields;
}

function paymentFields(
  ctx: MessageContext,
  payment: Payment,
  amountFen: bigint,
  random: () => number,
  transactionType: '00' | '30' | '31',
): IsoMessage['fields'] {
  if ('qr' in payment) return { 22: QR_ENTRY_MODE, 59: buildField59([['QR', payment.qr]]) };
  return cardFields(ctx, payment.card, amountFen, random, transactionType);
}

/** The original a void, refund, cancel or completion names: what the terminal's journal kept of it. */
export interface OriginalRef {
  batch: number;
  stan: string;
  /** MMDD of the original (its field 13). */
  date: string;
  amountFen: bigint;
  rrn?: string | undefined;
  authCode?: string | undefined;
  card?: TestCard | undefined;
  qr?: string | undefined;
}

/** The card of a message naming an original: keyed in (manual, no PIN), or nothing for a QR payment. */
function originalCardFields(original: OriginalRef): IsoMessage['fields'] {
  if (!original.card) return { 22: QR_ENTRY_MODE };
  return { 2: original.card.pan, 14: original.card.expiry, 22: entryModeField('manual', false) };
}

/** 37 and 38 of an original, when its answer carried them (a terminal sends nothing it does not know). */
const rrnField = (o: OriginalRef): IsoMessage['fields'] => (o.rrn ? { 37: o.rrn } : {});
const authField = (o: OriginalRef): IsoMessage['fields'] => (o.authCode ? { 38: o.authCode } : {});
const field61 = (o: OriginalRef) => buildField61({ batch: sixDigits(o.batch), stan: o.stan, date: o.date });
const field60 = (ctx: MessageContext, typeCode: string, network?: string) =>
  buildField60({ typeCode, batch: sixDigits(ctx.batch), network });

/** 签到 0800 (60.3 = 004). */
export function signOnRequest(ctx: MessageContext): IsoMessage {
  const m = header(ctx, '0800');
  m.fields[60] = field60(ctx, typeCodes.network, SIGN_ON);
  return m;
}

export interface TerminalStatus {
  /** "lat,lng" */
  position?: string | undefined;
  firmware?: string | undefined;
  serialNo?: string | undefined;
}

/** 心跳 0820 (60.3 = 301): field 59 carries GP, FW and SN. */
export function heartbeatRequest(ctx: MessageContext, status: TerminalStatus): IsoMessage {
  const m = header(ctx, '0820');
  const entries: [string, string][] = [];
  if (status.position) entries.push(['GP', status.position]);
  if (status.firmware) entries.push(['FW', status.firmware]);
  if (status.serialNo) entries.push(['SN', status.serialNo]);
  if (entries.length > 0) m.fields[59] = buildField59(entries);
  m.fields[60] = field60(ctx, typeCodes.network, STATUS);
  return m;
}

/** 消费 0200 (60.1 = 22): card or QR. */
export function purchaseRequest(
  ctx: MessageContext,
  p: { amountFen: bigint; payment: Payment; random: () => number },
): IsoMessage {
  const m = header(ctx, '0200');
  Object.assign(m.fields, {
    3: processingCodes.purchase,
    4: amountField(p.amountFen),
    ...paymentFields(ctx, p.payment, p.amountFen, p.random, '00'),
    25: '00',
    49: CNY,
    60: field60(ctx, typeCodes.purchase),
  });
  return m;
}

/** 余额查询 0200 (60.1 = 01): a card and, as a rule, its PIN; no amount. */
export function balanceRequest(
  ctx: MessageContext,
  p: { card: CardPresentment; random: () => number },
): IsoMessage {
  const m = header(ctx, '0200');
  Object.assign(m.fields, {
    3: processingCodes.balance,
    ...cardFields(ctx, p.card, 0n, p.random, '31'),
    25: '00',
    49: CNY,
    60: field60(ctx, typeCodes.balance),
  });
  return m;
}

/** 撤销 0200 (60.1 = 23): the full amount; 37 and 61 name the original purchase. */
export function voidRequest(ctx: MessageContext, original: OriginalRef): IsoMessage {
  const m = header(ctx, '0200');
  Object.assign(m.fields, {
    3: processingCodes.reversing,
    4: amountField(original.amountFen),
    ...originalCardFields(original),
    25: '00',
    ...rrnField(original),
    49: CNY,
    60: field60(ctx, typeCodes.void),
    61: field61(original),
  });
  return m;
}

/** 退货 0220 (60.1 = 25): part or all of the original; 37 and 61 name it. An advice: never reversed. */
export function refundRequest(ctx: MessageContext, original: OriginalRef, amountFen: bigint): IsoMessage {
  const m = header(ctx, '0220');
  Object.assign(m.fields, {
    3: processingCodes.reversing,
    4: amountField(amountFen),
    ...originalCardFields(original),
    25: '00',
    ...rrnField(original),
    49: CNY,
    60: field60(ctx, typeCodes.refund),
    61: field61(original),
  });
  return m;
}

/** 预授权 0100 (60.1 = 10, 25 = 06). */
export function preAuthRequest(
  ctx: MessageContext,
  p: { amountFen: bigint; card: CardPresentment; random: () => number },
): IsoMessage {
  const m = header(ctx, '0100');
  Object.assign(m.fields, {
    3: processingCodes.preAuth,
    4: amountField(p.amountFen),
    ...cardFields(ctx, p.card, p.amountFen, p.random, '30'),
    25: '06',
    49: CNY,
    60: field60(ctx, typeCodes.preAuth),
  });
  return m;
}

/** 预授权撤销 0100 (60.1 = 11, processing code 200000): 38 and 61 name the pre-authorisation. */
export function preAuthCancelRequest(ctx: MessageContext, preAuth: OriginalRef): IsoMessage {
  const m = header(ctx, '0100');
  Object.assign(m.fields, {
    3: processingCodes.reversing,
    4: amountField(preAuth.amountFen),
    ...originalCardFields(preAuth),
    25: '06',
    ...authField(preAuth),
    49: CNY,
    60: field60(ctx, typeCodes.preAuthCancel),
    61: field61(preAuth),
  });
  return m;
}

/** 预授权完成 0200 (60.1 = 20, 25 = 06): 38 and 61 name the pre-authorisation; amount ≤ the hold. */
export function completionRequest(ctx: MessageContext, preAuth: OriginalRef, amountFen: bigint): IsoMessage {
  const m = header(ctx, '0200');
  Object.assign(m.fields, {
    3: processingCodes.purchase,
    4: amountField(amountFen),
    ...originalCardFields(preAuth),
    25: '06',
    ...authField(preAuth),
    49: CNY,
    60: field60(ctx, typeCodes.completion),
    61: field61(preAuth),
  });
  return m;
}

/** 预授权完成撤销 0200 (60.1 = 21, processing code 200000): 37 and 61 name the completion, 38 its authorisation. */
export function completionVoidRequest(ctx: MessageContext, completion: OriginalRef): IsoMessage {
  const m = header(ctx, '0200');
  Object.assign(m.fields, {
    3: processingCodes.reversing,
    4: amountField(completion.amountFen),
    ...originalCardFields(completion),
    25: '06',
    ...rrnField(completion),
    ...authField(completion),
    49: CNY,
    60: field60(ctx, typeCodes.completionVoid),
    61: field61(completion),
  });
  return m;
}

/** Fields of the original a reversal repeats: its identity, amount, processing code and card reference. */
const REVERSAL_COPIES = [2, 3, 4, 11, 12, 13, 14, 22, 23, 25, 37, 38, 41, 42, 49, 60, 61] as const;

/**
 * 冲正 0400 of an unanswered or failed 0200/0100: the same STAN, batch (60), amount and processing code
 * as the original; 39 the reason (98 no answer, 06 error). Never of a 0220.
 */
export function reversalRequest(original: IsoMessage, reason: '98' | '06'): IsoMessage {
  if (original.mti !== '0200' && original.mti !== '0100')
    throw new RangeError(`a ${original.mti} is not reversed (only 0200 and 0100 are)`);
  const fields: IsoMessage['fields'] = {};
  for (const id of REVERSAL_COPIES) if (original.fields[id] !== undefined) fields[id] = original.fields[id];
  fields[39] = reason;
  return { tpdu: original.tpdu, mti: '0400', fields };
}

/** 批结算 0500 (60.3 = 201): field 48 the batch's totals as the terminal counts them. */
export function settlementRequest(ctx: MessageContext, totals: BatchTotals): IsoMessage {
  const m = header(ctx, '0500');
  Object.assign(m.fields, {
    48: buildBatchTotals(totals),
    49: CNY,
    60: field60(ctx, typeCodes.network, SETTLEMENT),
  });
  return m;
}
