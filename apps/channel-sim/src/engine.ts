import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { type IsoMessage, parseField59, parseField60, parseField61 } from '@posops/iso8583';
import { addDays, type Clock, maskPan } from '@posops/kernel';
import type { JournalWriter } from './journal';
import {
  approved,
  type JournalEvent,
  type Ledger,
  type ReversalEvent,
  standing,
  type TxnEvent,
  type TxnKind,
  type TxnState,
} from './ledger';
import { type ChannelLogger, silentLogger } from './logger';
import {
  authorisationCode,
  balanceField,
  type Delivery,
  type HotlistCode,
  sandboxBalanceFen,
  sandboxOutcome,
  settlementDateAt,
} from './sandbox';

/**
 * The channel's decisions: what a request is, whether it repeats one already answered, what the sandbox
 * and the rules on originals say, and the journal event that records it. Pure but for the ledger it
 * updates and the journal it appends to; the TCP side (server.ts) only frames, checks MACs and delivers.
 */

/** The business rules of the simulated channel (docs/channel-protocol.md). */
export interface ChannelRules {
  /** Time zone of settlement dates and of times in the clearing file. */
  timeZone: string;
  /** Minutes after local midnight from which a transaction belongs to the next settlement date (日切). */
  cutoffMinutes: number;
  /** Days an original is kept: voids, refunds, completions and reversals can name it that long. */
  retentionDays: number;
  /** Days a pre-authorisation hold lasts: later completions and cancels get 12. */
  preauthDays: number;
  /** A completion may exceed its pre-authorisation by this many percent. */
  completionTolerancePct: number;
}

export const defaultRules: ChannelRules = {
  timeZone: 'Asia/Shanghai',
  cutoffMinutes: 23 * 60,
  retentionDays: 60,
  preauthDays: 30,
  completionTolerancePct: 15,
};

/** What goes back: the answer's fields (without MAC), how it is delivered, and when it may leave. */
export interface Decision {
  fields: Record<number, string | Uint8Array>;
  delivery: Delivery;
  /** Settles once the decision is durably recorded; the answer must not leave before. */
  durable: Promise<void>;
}

const ECHOED = [3, 4, 11, 12, 13, 25, 32, 37, 41, 42, 49, 60, 61] as const;
const COMMON_REQUIRED = [3, 11, 12, 13, 32, 37, 41, 42, 49, 60] as const;
const REVERSAL_REQUIRED = [3, 11, 13, 32, 41, 42] as const;

const processingCodes: Record<TxnKind, string> = {
  purchase: '000000',
  qr_purchase: '000000',
  balance: '310000',
  void: '200000',
  refund: '200000',
  preauth: '030000',
  preauth_cancel: '200000',
  completion: '000000',
  completion_void: '200000',
};

/** The kind of a request from its type, processing code (3) and 60.1; null: not a transaction of the link. */
function classify(mti: string, processing: string, typeCode: string): Exclude<TxnKind, 'qr_purchase'> | null {
  const shape = `${mti}/${processing}/${typeCode}`;
  switch (shape) {
    case '0200/000000/22':
      return 'purchase';
    case '0200/310000/01':
      return 'balance';
    case '0200/200000/23':
      return 'void';
    case '0200/000000/20':
      return 'completion';
    case '0200/200000/21':
      return 'completion_void';
    case '0220/200000/25':
      return 'refund';
    case '0100/030000/10':
      return 'preauth';
    case '0100/200000/11':
      return 'preauth_cancel';
    default:
      return null;
  }
}

/** Which kinds an original named in 61 must be, per kind of request. */
const originalKinds: Partial<Record<TxnKind, readonly TxnKind[]>> = {
  void: ['purchase', 'qr_purchase'],
  refund: ['purchase', 'qr_purchase', 'completion'],
  completion: ['preauth'],
  preauth_cancel: ['preauth'],
  completion_void: ['completion'],
};

const text = (m: IsoMessage, id: number): string | undefined => {
  const v = m.fields[id];
  return typeof v === 'string' ? v : undefined;
};

const requestKey = (acquirer: string, localDate: string, stan: string) => `${acquirer}|${localDate}|${stan}`;

const mmdd = (isoDate: string) => `${isoDate.slice(5, 7)}${isoDate.slice(8, 10)}`;

function digest(parts: readonly (string | null | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\u001f'))
    .digest('hex')
    .slice(0, 32);
}

export interface EngineOptions {
  rules: ChannelRules;
  clock: Clock;
  /** Key of the keyed PAN hashes. */
  panKey: Uint8Array;
  /** Lost/stolen cards, PAN → 41 | 43. */
  hotlist: ReadonlyMap<string, HotlistCode>;
  logger?: ChannelLogger;
}

type Verdict = { code: string; delivery?: Delivery; balance?: string };

export class ChannelEngine {
  private readonly pending = new Map<string, Promise<void>>();
  private readonly logger: ChannelLogger;
  private readonly panKey: KeyObject;
  private day: string;

  constructor(
    readonly ledger: Ledger,
    private readonly journal: JournalWriter,
    private readonly options: EngineOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
    this.panKey = createSecretKey(options.panKey);
    this.day = this.settlementDate();
  }

  /** The settlement date open now. */
  settlementDate(at: Date = this.options.clock.now()): string {
    return settlementDateAt(at, this.options.rules.timeZone, this.options.rules.cutoffMinutes);
  }

  /** Decides a financial request (0100, 0200, 0220, 0400) whose MAC, if any, was checked. */
  handle(m: IsoMessage): Decision {
    const today = this.settlementDate();
    if (today !== this.day) {
      this.day = today;
      const forgotten = this.ledger.forgetBefore(addDays(today, -this.options.rules.retentionDays));
      if (forgotten > 0) this.logger.info({ forgotten, today }, 'retention: forgot old transactions');
    }
    return m.mti === '0400' ? this.reversal(m, today) : this.transaction(m, today);
  }

  private immediate(m: IsoMessage, code: string, extra: Record<number, string | Uint8Array> = {}): Decision {
    return { fields: answerFields(m, { 39: code, ...extra }), delivery: 'now', durable: Promise.resolve() };
  }

  private record(event: JournalEvent): Promise<void> {
    this.ledger.apply(event);
    const pendingKey = `${event.e}:${event.key}`;
    const durable = this.journal.append(event);
    this.pending.set(pendingKey, durable);
    const forget = () => {
      if (this.pending.get(pendingKey) === durable) this.pending.delete(pendingKey);
    };
    durable.then(forget, forget);
    return durable;
  }

  private durableOf(kind: 'txn' | 'reversal', key: string): Promise<void> {
    return this.pending.get(`${kind}:${key}`) ?? Promise.resolve();
  }

  private panHash(pan: string): string {
    return createHmac('sha256', this.panKey).update(pan).digest('hex').slice(0, 32);
  }

  private transaction(m: IsoMessage, today: string): Decision {
    for (const id of COMMON_REQUIRED) if (text(m, id) === undefined) return this.immediate(m, '30');
    const processing = text(m, 3)!;
    const field60 = parseField60(text(m, 60)!);
    if (!field60) return this.immediate(m, '30');
    const baseKind = classify(m.mti, processing, field60.typeCode);
    if (!baseKind) return this.immediate(m, '12');
    if (text(m, 49) !== '156') return this.immediate(m, '12');

    const amountText = text(m, 4);
    if (amountText === undefined && baseKind !== 'balance') return this.immediate(m, '30');
    const amountFen = amountText === undefined ? 0n : BigInt(amountText);
    if (amountFen === 0n && baseKind !== 'balance') return this.immediate(m, '13');

    // The card: field 2, else the PAN in track 2; a QR payment carries its code in 59 instead.
    let pan = text(m, 2) ?? text(m, 35)?.split('=')[0];
    if (pan === '') pan = undefined;
    let qr: string | undefined;
    const field59 = text(m, 59);
    if (field59 !== undefined) {
      const tags = parseField59(field59);
      if (!tags) return this.immediate(m, '30');
      qr = tags.get('QR');
    }
    let kind: TxnKind = baseKind;
    if (baseKind === 'purchase' && pan === undefined) {
      if (qr === undefined || qr === '') return this.immediate(m, '30');
      kind = 'qr_purchase';
    }
    if ((kind === 'purchase' || kind === 'preauth' || kind === 'balance') && pan === undefined)
      return this.immediate(m, '30');

    let original61: { stan: string; date: string } | null = null;
    if (originalKinds[kind]) {
      const parsed = parseField61(text(m, 61) ?? '');
      if (!parsed?.date) return this.immediate(m, '30');
      original61 = { stan: parsed.stan, date: parsed.date };
      if ((kind === 'completion' || kind === 'preauth_cancel') && text(m, 38) === undefined)
        return this.immediate(m, '30');
    }

    const acquirer = text(m, 32)!;
    const key = requestKey(acquirer, text(m, 13)!, text(m, 11)!);
    const panHash = pan !== undefined ? this.panHash(pan) : null;
    const fingerprint = digest([
      m.mti,
      processing,
      amountText,
      text(m, 37),
      text(m, 41),
      text(m, 42),
      text(m, 49),
      field60.typeCode,
      text(m, 61),
      text(m, 38),
      panHash,
      qr === undefined ? null : this.panHash(`QR:${qr}`),
    ]);

    const seen = this.ledger.txn(key);
    if (seen) {
      if (seen.event.fingerprint !== fingerprint) return this.immediate(m, '94');
      this.logger.debug({ key, code: seen.event.code }, 'duplicate request: the original answer again');
      return {
        fields: this.txnAnswer(m, seen.event),
        delivery: seen.event.delivery,
        durable: this.durableOf('txn', key),
      };
    }

    const originalKey = original61 ? requestKey(acquirer, original61.date, original61.stan) : null;
    let verdict: Verdict;
    if (this.ledger.reversal(key)) {
      verdict = { code: '12' }; // a late original after its reversal
    } else {
      verdict = this.decide(m, kind, {
        amountFen,
        pan,
        panHash,
        originalKey,
        today,
      });
    }

    const code = verdict.code;
    const event: TxnEvent = {
      v: 1,
      e: 'txn',
      key,
      kind,
      mti: m.mti as TxnEvent['mti'],
      fingerprint,
      at: this.options.clock.now().toISOString(),
      settlementDate: today,
      acquirer,
      stan: text(m, 11)!,
      localDate: text(m, 13)!,
      localTime: text(m, 12)!,
      rrn: text(m, 37)!.trim(),
      tid: text(m, 41)!.trim(),
      mid: text(m, 42)!.trim(),
      amountFen: amountFen.toString(),
      currency: text(m, 49)!,
      panMasked: pan !== undefined ? maskPan(pan) : qr !== undefined ? maskPan(qr) : null,
      panHash,
      originalKey,
      code,
      authCode:
        code === '00' && kind !== 'balance'
          ? kind === 'completion' || kind === 'preauth_cancel'
            ? text(m, 38)!
            : authorisationCode(key, fingerprint)
          : null,
      balance: verdict.balance ?? null,
      delivery: verdict.delivery ?? 'now',
    };
    const durable = this.record(event);
    this.logger.debug(
      { key, kind, code, amountFen: event.amountFen, pan: event.panMasked, rrn: event.rrn, tid: event.tid },
      'decided',
    );
    return { fields: this.txnAnswer(m, event), delivery: event.delivery, durable };
  }

  private txnAnswer(m: IsoMessage, event: TxnEvent): Record<number, string | Uint8Array> {
    const extra: Record<number, string | Uint8Array> = { 15: mmdd(event.settlementDate), 39: event.code };
    if (event.authCode) extra[38] = event.authCode;
    if (event.balance) extra[44] = event.balance;
    if (m.fields[55] instanceof Uint8Array) extra[55] = issuerIcc(event.code);
    return answerFields(m, extra);
  }

  private decide(
    m: IsoMessage,
    kind: TxnKind,
    r: {
      amountFen: bigint;
      pan: string | undefined;
      panHash: string | null;
      originalKey: string | null;
      today: string;
    },
  ): Verdict {
    const hot = r.pan !== undefined ? this.options.hotlist.get(r.pan) : undefined;
    switch (kind) {
      case 'balance':
        if (hot) return { code: hot };
        return { code: '00', balance: balanceField(sandboxBalanceFen(r.pan!)) };
      case 'purchase':
      case 'qr_purchase':
      case 'preauth':
        if (hot) return { code: hot };
        return sandboxOutcome(r.amountFen);
      default:
        break;
    }

    // Requests that name an original (61).
    const original = r.originalKey ? this.ledger.txn(r.originalKey) : undefined;
    if (!original) return { code: '25' };
    const o = original.event;
    const sameTerminal = o.tid === text(m, 41)!.trim() && o.mid === text(m, 42)!.trim();
    const sameMerchant = o.mid === text(m, 42)!.trim();
    const needsTerminal = kind === 'void' || kind === 'completion_void';
    if (needsTerminal ? !sameTerminal : !sameMerchant) return { code: '25' };
    if (r.panHash !== null && o.panHash !== null && r.panHash !== o.panHash) return { code: '25' };
    if ((kind === 'completion' || kind === 'preauth_cancel') && o.authCode !== text(m, 38))
      return { code: '25' };
    if (!originalKinds[kind]!.includes(o.kind)) return { code: '12' };
    if (!standing(original)) return { code: '12' };

    switch (kind) {
      case 'void':
      case 'completion_void':
        if (original.voidedBy || original.refundedFen > 0n) return { code: '12' };
        if (o.settlementDate !== r.today) return { code: '12' }; // after the cut-off: refund instead
        if (r.amountFen !== original.amountFen) return { code: '64' };
        return { code: '00' };
      case 'refund':
        if (original.voidedBy) return { code: '12' };
        if (original.refundedFen + r.amountFen > original.amountFen) return { code: '64' };
        return { code: '00' };
      case 'preauth_cancel':
      case 'completion': {
        if (original.completedBy || original.cancelledBy) return { code: '12' };
        if (addDays(o.settlementDate, this.options.rules.preauthDays) < r.today) return { code: '12' };
        if (kind === 'preauth_cancel') return { code: r.amountFen === original.amountFen ? '00' : '64' };
        const ceiling = (original.amountFen * BigInt(100 + this.options.rules.completionTolerancePct)) / 100n;
        if (r.amountFen > ceiling) return { code: '64' };
        if (hot) return { code: hot };
        return sandboxOutcome(r.amountFen);
      }
      default:
        return { code: '12' };
    }
  }

  private reversal(m: IsoMessage, today: string): Decision {
    for (const id of REVERSAL_REQUIRED) if (text(m, id) === undefined) return this.immediate(m, '30');
    const key = requestKey(text(m, 32)!, text(m, 13)!, text(m, 11)!);
    const fingerprint = digest([text(m, 3), text(m, 4), text(m, 41), text(m, 42), text(m, 49)]);
    const answer = (code: string) => answerFields(m, { 15: mmdd(today), 39: code });
    const seen = this.ledger.reversal(key);
    if (seen) {
      if (seen.fingerprint !== fingerprint) return this.immediate(m, '94');
      return {
        fields: answerFields(m, { 15: mmdd(seen.settlementDate), 39: seen.code }),
        delivery: 'now',
        durable: this.durableOf('reversal', key),
      };
    }
    const original = this.ledger.txn(key);
    let code = '00';
    let effect: ReversalEvent['effect'] = 'none';
    if (!original) effect = 'unknown';
    else code = this.reversalCode(m, original);
    if (original && code === '00' && standing(original)) effect = 'undone';
    const event: ReversalEvent = {
      v: 1,
      e: 'reversal',
      key,
      fingerprint,
      at: this.options.clock.now().toISOString(),
      settlementDate: today,
      rrn: (text(m, 37) ?? '').trim(),
      tid: text(m, 41)!.trim(),
      mid: text(m, 42)!.trim(),
      amountFen: text(m, 4) === undefined ? null : BigInt(text(m, 4)!).toString(),
      code,
      effect,
    };
    const durable = this.record(event);
    this.logger.debug({ key, code, effect }, 'reversal');
    return { fields: answer(code), delivery: 'now', durable };
  }

  /** 00 to reverse (or to acknowledge a reversal with nothing to undo), else why not. */
  private reversalCode(m: IsoMessage, original: TxnState): string {
    const o = original.event;
    if (o.kind === 'refund') return '12'; // an advice: never reversed
    if (o.tid !== text(m, 41)!.trim() || o.mid !== text(m, 42)!.trim()) return '12';
    if (text(m, 3) !== processingCodes[o.kind]) return '12';
    const amount = text(m, 4);
    if (amount !== undefined && BigInt(amount) !== original.amountFen) return '64';
    if (!approved(original) || original.reversed) return '00';
    // Later transactions lean on it: they are reversed (or voided) first.
    if (original.voidedBy || original.refundedFen > 0n || original.completedBy || original.cancelledBy)
      return '12';
    return '00';
  }
}

/** The answer's fields: the request's identifying fields echoed (never card data), plus `extra`. */
export function answerFields(
  request: { fields: Record<number, string | Uint8Array> },
  extra: Record<number, string | Uint8Array>,
): Record<number, string | Uint8Array> {
  const out: Record<number, string | Uint8Array> = {};
  for (const id of ECHOED) if (request.fields[id] !== undefined) out[id] = request.fields[id]!;
  return { ...out, ...extra };
}

/** Field 55 of an answer to an IC card request: tag 8A (authorisation response code). */
function issuerIcc(code: string): Uint8Array {
  return new Uint8Array([0x8a, 0x02, ...Buffer.from(code.padEnd(2, ' ').slice(0, 2), 'latin1')]);
}
