import {
  encode,
  encodeWithMac,
  hex,
  type IsoMessage,
  type Mti,
  parseBatchTotals,
  parseField60,
  parseField62,
  responseMti,
  type Tpdu,
} from '@posops/iso8583';
import { type EntryMode, masked, type TestCard } from './cards';
import { approved, Journal, type JournalEntry, refOf, type TxnKind } from './journal';
import { macUnder, macVerifies, openSessionKeys, parseKeyHex } from './keys';
import type { Transport } from './link';
import * as build from './messages';

/**
 * One simulated POS terminal (docs/terminal-protocol.md, terminal side): its TID, MID and TMK, its STAN
 * counter and batch, sign-on that takes the session keys only when their check values match, heartbeats,
 * every financial request with its MAC, answers' MACs verified, its own journal, reversals of what went
 * unanswered sent until answered (store-and-forward), and batch settlement.
 */

export type ExchangeKind = TxnKind | 'sign_on' | 'heartbeat' | 'reversal' | 'settlement' | 'malformed';
export type ExchangeError = 'timeout' | 'connection' | 'format' | 'mac' | 'key_check';

/** One request and what came back, as the terminal saw it. */
export interface ExchangeEvent {
  tid: string;
  kind: ExchangeKind;
  mti: Mti;
  stan: string;
  attempt: number;
  latencyMs: number;
  /** Field 39 of the answer, when one could be read. */
  code: string | null;
  /** The answer's MAC: valid, bad, absent, or none expected (sign-on, heartbeat). */
  mac: 'valid' | 'bad' | 'absent' | 'none';
  error: ExchangeError | null;
  /** Ways the answer departs from the protocol page, in words. */
  deviations: string[];
  /** Financial request types carry a MAC both ways. */
  financial: boolean;
}

/** A card as presented at the terminal for one transaction. */
export interface CardUse {
  card: TestCard;
  entry: EntryMode;
  /** Whether the cardholder typed the PIN (the terminal's test PIN). */
  pin: boolean;
}

export interface TerminalOptions {
  tid: string;
  mid: string;
  /** The terminal master key, 32 hex digits. */
  tmk: string;
  link: Transport;
  /** No answer within this long: the request is unanswered (and reversed when it can be). */
  timeoutMs?: number;
  /** Pause between attempts of a reversal or refund advice that got no answer. */
  retryMs?: number;
  stanStart?: number;
  batch?: number;
  /** The cardholder PIN the simulated PIN pad sends (format 0 under the PIK). */
  pin?: string;
  timeZone?: string;
  tpdu?: Tpdu;
  status?: build.TerminalStatus;
  random?: () => number;
  now?: () => Date;
  journalMax?: number;
  onExchange?: (event: ExchangeEvent) => void;
  /** An owed reversal or refund advice was answered at last. */
  onOwedAnswered?: (kind: 'reversal' | 'refund', event: ExchangeEvent) => void;
  /** One line per exchange, card numbers masked. */
  log?: (line: string) => void;
}

export interface TxnOutcome {
  /** Null when the terminal could not sign on to send it. */
  entry: JournalEntry | null;
  event: ExchangeEvent | null;
  /** The reversal or advice re-send owed after it, when one is: resolves when answered (null: given up). */
  followUp?: Promise<ExchangeEvent | null> | undefined;
}

export type SignOnResult =
  | { ok: true; batch: number; pikCheck: string; makCheck: string }
  | { ok: false; reason: string; code?: string | undefined };

export interface SettlementResult {
  ok: boolean;
  code: string | null;
  batch: number;
  totals: ReturnType<Journal['totals']>;
  /** The host's own totals and its verdict (field 48 of 0510). */
  host: (ReturnType<Journal['totals']> & { balanced?: boolean }) | null;
  balanced: boolean | null;
}

export const DEFAULT_TPDU: Tpdu = { destination: '0003', source: '0000' };
const STAN_MAX = 999_999;
const FINANCIAL: ReadonlySet<string> = new Set(['0100', '0200', '0220', '0400', '0500']);
/** Answers that mean "sign on again" (keys or batch not the host's). */
const SIGN_ON_AGAIN: ReadonlySet<string> = new Set(['97', 'A0', '77']);
/** Answers to a reversal or advice that ask for another attempt. */
const TRY_AGAIN: ReadonlySet<string> = new Set(['97', 'A0', '96']);

/** What an approved answer must carry beyond 39 (docs/terminal-protocol.md), noted when it does not. */
function checkApproved(kind: ExchangeKind, answer: IsoMessage, event: ExchangeEvent) {
  const needsRrn = ['purchase', 'qr', 'void', 'refund', 'preauth', 'completion', 'completion_void'];
  if (needsRrn.includes(kind) && !text(answer, 37)?.trim())
    event.deviations.push(`${answer.mti} ${kind} approved without field 37`);
  if ((kind === 'preauth' || kind === 'completion') && !text(answer, 38)?.trim())
    event.deviations.push(`${answer.mti} ${kind} approved without field 38`);
  if (kind === 'settlement' && parseBatchTotals(text(answer, 48) ?? '')?.balanced === undefined)
    event.deviations.push('0510 approved without the totals and 1/2 in field 48');
}

const text = (m: IsoMessage, id: number) =>
  typeof m.fields[id] === 'string' ? (m.fields[id] as string) : null;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export class SimTerminal {
  readonly tid: string;
  readonly mid: string;
  readonly journal: Journal;
  private readonly tmk: Buffer;
  private readonly link: Transport;
  private readonly timeoutMs: number;
  private readonly retryMs: number;
  private readonly pin: string;
  private readonly timeZone: string;
  private readonly tpdu: Tpdu;
  private readonly random: () => number;
  private readonly now: () => Date;
  private keys: { pik: Buffer; mak: Buffer } | null = null;
  private signingOn: Promise<SignOnResult> | null = null;
  private stanNext: number;
  private batchNo: number;
  private closing = false;
  private readonly owed = new Set<Promise<ExchangeEvent | null>>();

  constructor(private readonly options: TerminalOptions) {
    if (!/^\d{8}$/.test(options.tid)) throw new RangeError('a TID has 8 digits');
    if (!/^\d{15}$/.test(options.mid)) throw new RangeError('a MID has 15 digits');
    this.tid = options.tid;
    this.mid = options.mid;
    this.tmk = parseKeyHex(options.tmk, 'TMK');
    this.link = options.link;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.retryMs = options.retryMs ?? 5_000;
    this.pin = options.pin ?? '123456';
    this.timeZone = options.timeZone ?? 'Asia/Shanghai';
    this.tpdu = options.tpdu ?? DEFAULT_TPDU;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
    this.stanNext = options.stanStart ?? 1;
    this.batchNo = options.batch ?? 1;
    if (this.stanNext < 1 || this.stanNext > STAN_MAX) throw new RangeError('stanStart: 1 to 999999');
    this.journal = new Journal(options.journalMax);
  }

  get batch(): number {
    return this.batchNo;
  }
  get signedOn(): boolean {
    return this.keys !== null;
  }
  /** The STAN the next request takes. */
  get stan(): number {
    return this.stanNext;
  }
  /** Reversals and refund advices not answered yet. */
  get owing(): number {
    return this.owed.size;
  }

  /** STANs run 000001–999999 and wrap; a new batch starts again at 000001. */
  private takeStan(): number {
    const stan = this.stanNext;
    this.stanNext = stan >= STAN_MAX ? 1 : stan + 1;
    return stan;
  }

  private context(stan: number): build.MessageContext {
    return {
      tpdu: this.tpdu,
      tid: this.tid,
      mid: this.mid,
      batch: this.batchNo,
      stan,
      local: build.localTime(this.now(), this.timeZone),
    };
  }

  private presented(use: CardUse): build.CardPresentment {
    return {
      card: use.card,
      entry: use.entry,
      pin: use.pin && this.keys ? { digits: this.pin, pik: this.keys.pik } : undefined,
    };
  }

  /** Packs (with the MAC for financial types), sends, waits, and reads the answer. */
  private async send(
    request: IsoMessage,
    kind: ExchangeKind,
    attempt = 1,
    inspect?: (answer: IsoMessage, event: ExchangeEvent) => void,
  ): Promise<{ event: ExchangeEvent; answer: IsoMessage | null }> {
    const keys = this.keys;
    const body =
      FINANCIAL.has(request.mti) && keys ? encodeWithMac(request, macUnder(keys.mak)) : encode(request);
    return this.exchange(body, request, kind, attempt, inspect);
  }

  /** Sends packed bytes of `request` (perhaps broken on purpose) and reads the answer. */
  private async exchange(
    body: Uint8Array,
    request: IsoMessage,
    kind: ExchangeKind,
    attempt = 1,
    inspect?: (answer: IsoMessage, event: ExchangeEvent) => void,
  ): Promise<{ event: ExchangeEvent; answer: IsoMessage | null }> {
    const financial = FINANCIAL.has(request.mti);
    const keys = this.keys;
    const stan = text(request, 11)!;
    const started = performance.now();
    const result = await this.link.exchange(body, { mti: responseMti(request.mti)!, stan }, this.timeoutMs);
    const event: ExchangeEvent = {
      tid: this.tid,
      kind,
      mti: request.mti,
      stan,
      attempt,
      latencyMs: performance.now() - started,
      code: null,
      mac: financial ? 'absent' : 'none',
      error: null,
      deviations: [],
      financial,
    };
    let answer: IsoMessage | null = null;
    if (result.kind === 'answer') {
      answer = result.read.message;
      const code = text(answer, 39);
      if (code !== null && /^[0-9A-Z]{2}$/.test(code)) event.code = code;
      else {
        event.error = 'format';
        event.deviations.push(`${answer.mti} without a 2-character field 39`);
      }
      if (text(answer, 41)?.trimEnd() !== this.tid)
        event.deviations.push(`${answer.mti}: field 41 is not the TID`);
      const mac = answer.fields[64];
      if (financial && mac instanceof Uint8Array && result.read.macInput && keys) {
        event.mac = macVerifies(keys.mak, result.read.macInput, mac) ? 'valid' : 'bad';
        if (event.mac === 'bad') event.error = 'mac';
      } else if (financial && event.code === '00') {
        event.error = 'mac';
        event.deviations.push(`${answer.mti} approved without field 64`);
      }
      if (financial && event.code !== null && SIGN_ON_AGAIN.has(event.code)) this.keys = null;
      if (event.code === '00') checkApproved(kind, answer, event);
      inspect?.(answer, event);
    } else event.error = result.kind;
    this.options.onExchange?.(event);
    this.options.log?.(this.describe(request, event));
    return { event, answer };
  }

  private describe(request: IsoMessage, e: ExchangeEvent): string {
    const pan = text(request, 2);
    const amount = text(request, 4);
    return [
      `${this.tid} ${request.mti} ${e.kind} stan ${e.stan}`,
      pan ? `card ${masked(pan)}` : null,
      amount ? `amount ${BigInt(amount)} fen` : null,
      e.code ? `→ ${e.code}` : `→ ${e.error}`,
      e.error && e.code ? `(${e.error})` : null,
      `${e.latencyMs.toFixed(1)} ms`,
    ]
      .filter(Boolean)
      .join(' ');
  }

  /** 签到: fresh PIK and MAK under the TMK, taken only when their check values match; the host's batch. */
  async signOn(): Promise<SignOnResult> {
    let taken: SignOnResult = { ok: false, reason: 'no answer' };
    const { event } = await this.send(
      build.signOnRequest(this.context(this.takeStan())),
      'sign_on',
      1,
      (answer, e) => {
        if (e.error || e.code !== '00') {
          taken = { ok: false, reason: e.error ?? 'declined', code: e.code ?? undefined };
          return;
        }
        const sent = answer.fields[62] instanceof Uint8Array ? parseField62(answer.fields[62]) : null;
        if (!sent) {
          e.error = 'format';
          e.deviations.push('0810 approved without PIK + check value + MAK + check value in field 62');
          taken = { ok: false, reason: 'field 62 unreadable' };
          return;
        }
        const opened = openSessionKeys(this.tmk, sent);
        if (!opened.ok) {
          // Keys that do not match their check values are never taken.
          e.error = 'key_check';
          taken = { ok: false, reason: opened.reason };
          return;
        }
        const details = text(answer, 60) ? parseField60(text(answer, 60)!) : null;
        if (details) this.batchNo = Number(details.batch);
        else e.deviations.push('0810 without the batch in field 60');
        this.keys = { pik: opened.pik, mak: opened.mak };
        taken = { ok: true, batch: this.batchNo, pikCheck: hex(sent.pikCheck), makCheck: hex(sent.makCheck) };
      },
    );
    if (!taken.ok && taken.reason === 'no answer' && event.error) return { ok: false, reason: event.error };
    return taken;
  }

  /** Signs on unless the terminal holds keys; one sign-on at a time. */
  async ensureSignedOn(): Promise<boolean> {
    if (this.keys) return true;
    this.signingOn ??= this.signOn().finally(() => {
      this.signingOn = null;
    });
    return (await this.signingOn).ok;
  }

  /** 心跳: position, firmware and serial number in field 59. */
  async heartbeat(): Promise<ExchangeEvent> {
    const request = build.heartbeatRequest(this.context(this.takeStan()), this.options.status ?? {});
    return (await this.send(request, 'heartbeat')).event;
  }

  /**
   * Sends one financial request and journals it. `loseAnswer` simulates an answer lost on the way: the
   * terminal acts as if nothing came and reverses (98).
   */
  private async transact(
    kind: TxnKind,
    make: (ctx: build.MessageContext) => IsoMessage,
    entry: {
      amountFen: bigint;
      card?: TestCard | undefined;
      qr?: string | undefined;
      original?: JournalEntry | undefined;
    },
    loseAnswer = false,
  ): Promise<TxnOutcome> {
    if (!(await this.ensureSignedOn())) return { entry: null, event: null };
    const ctx = this.context(this.takeStan());
    const request = make(ctx);
    const journaled = this.journal.add(
      { kind, batch: ctx.batch, stan: build.sixDigits(ctx.stan), date: ctx.local.date, request, ...entry },
      this.batchNo,
    );
    const { event, answer } = await this.send(request, kind);
    const reversible = (request.mti === '0200' || request.mti === '0100') && kind !== 'balance';
    if (
      answer &&
      event.code &&
      !loseAnswer &&
      (event.error === null || (event.error === 'mac' && event.code !== '00'))
    ) {
      journaled.state = 'answered';
      journaled.code = event.code;
      journaled.rrn = text(answer, 37)?.trim() || undefined;
      journaled.authCode = text(answer, 38)?.trim() || undefined;
      return { entry: journaled, event };
    }
    if (reversible) {
      // No answer, an answer lost, or one that cannot be trusted (bad MAC, unreadable): undo it.
      const reason = event.error === 'timeout' || event.error === 'connection' || loseAnswer ? '98' : '06';
      return {
        entry: journaled,
        event,
        followUp: this.owe(journaled, () => build.reversalRequest(request, reason), 'reversal'),
      };
    }
    journaled.state = 'unanswered';
    // A refund is an advice: sent again, the same, until answered. A balance inquiry is simply lost.
    const followUp = kind === 'refund' ? this.owe(journaled, () => request, 'refund') : undefined;
    return { entry: journaled, event, followUp };
  }

  /** Store-and-forward: sends a reversal or advice again every `retryMs` until the host answers it. */
  private owe(entry: JournalEntry, make: () => IsoMessage, kind: 'reversal' | 'refund') {
    if (kind === 'reversal') entry.state = 'reversing';
    const task = (async () => {
      for (let attempt = 1; !this.closing; attempt++) {
        if (attempt > 1) await sleep(this.retryMs);
        if (this.closing) break;
        if (!(await this.ensureSignedOn())) continue;
        const { event, answer } = await this.send(make(), kind, attempt);
        if (!answer || event.error === 'timeout' || event.error === 'connection' || event.error === 'format')
          continue;
        if (event.error === 'mac' || (event.code && TRY_AGAIN.has(event.code))) continue;
        if (kind === 'reversal') entry.state = 'reversed';
        else {
          entry.state = 'answered';
          entry.code = event.code ?? undefined;
          entry.rrn = text(answer, 37)?.trim() || undefined;
        }
        this.options.onOwedAnswered?.(kind, event);
        return event;
      }
      return null;
    })();
    this.owed.add(task);
    task
      .catch((error: unknown) =>
        this.options.log?.(`${this.tid} ${kind} given up: ${(error as Error).message}`),
      )
      .finally(() => this.owed.delete(task));
    return task;
  }

  /** Waits (at most `withinMs`) for owed reversals and advices; true when none is left. */
  async flush(withinMs: number): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    while (this.owed.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...this.owed]), sleep(Math.max(1, deadline - Date.now()))]);
    }
    return this.owed.size === 0;
  }

  purchase(p: { amountFen: bigint; card: CardUse; loseAnswer?: boolean }): Promise<TxnOutcome> {
    return this.transact(
      'purchase',
      (ctx) =>
        build.purchaseRequest(ctx, {
          amountFen: p.amountFen,
          payment: { card: this.presented(p.card) },
          random: this.random,
        }),
      { amountFen: p.amountFen, card: p.card.card },
      p.loseAnswer,
    );
  }

  purchaseByQr(p: { amountFen: bigint; qr: string; loseAnswer?: boolean }): Promise<TxnOutcome> {
    return this.transact(
      'qr',
      (ctx) =>
        build.purchaseRequest(ctx, { amountFen: p.amountFen, payment: { qr: p.qr }, random: this.random }),
      { amountFen: p.amountFen, qr: p.qr },
      p.loseAnswer,
    );
  }

  balance(card: CardUse): Promise<TxnOutcome> {
    return this.transact(
      'balance',
      (ctx) => build.balanceRequest(ctx, { card: this.presented(card), random: this.random }),
      { amountFen: 0n, card: card.card },
    );
  }

  /** 撤销 of a purchase of the current batch (the caller chooses it; the host decides whether it may). */
  void(original: JournalEntry, p: { loseAnswer?: boolean } = {}): Promise<TxnOutcome> {
    const ref = refOf(original);
    return this.transact(
      'void',
      (ctx) => build.voidRequest(ctx, ref),
      { amountFen: ref.amountFen, card: ref.card, qr: ref.qr, original },
      p.loseAnswer,
    );
  }

  refund(original: JournalEntry, amountFen: bigint): Promise<TxnOutcome> {
    const ref = refOf(original);
    return this.transact('refund', (ctx) => build.refundRequest(ctx, ref, amountFen), {
      amountFen,
      card: ref.card,
      qr: ref.qr,
      original,
    });
  }

  preAuth(p: { amountFen: bigint; card: CardUse; loseAnswer?: boolean }): Promise<TxnOutcome> {
    return this.transact(
      'preauth',
      (ctx) =>
        build.preAuthRequest(ctx, {
          amountFen: p.amountFen,
          card: this.presented(p.card),
          random: this.random,
        }),
      { amountFen: p.amountFen, card: p.card.card },
      p.loseAnswer,
    );
  }

  preAuthCancel(preAuth: JournalEntry): Promise<TxnOutcome> {
    const ref = refOf(preAuth);
    return this.transact('preauth_cancel', (ctx) => build.preAuthCancelRequest(ctx, ref), {
      amountFen: ref.amountFen,
      card: ref.card,
      original: preAuth,
    });
  }

  completion(preAuth: JournalEntry, amountFen: bigint): Promise<TxnOutcome> {
    const ref = refOf(preAuth);
    return this.transact('completion', (ctx) => build.completionRequest(ctx, ref, amountFen), {
      amountFen,
      card: ref.card,
      original: preAuth,
    });
  }

  completionVoid(completion: JournalEntry): Promise<TxnOutcome> {
    const ref = refOf(completion);
    return this.transact('completion_void', (ctx) => build.completionVoidRequest(ctx, ref), {
      amountFen: ref.amountFen,
      card: ref.card,
      original: completion,
    });
  }

  /**
   * Sends a journaled request again exactly as it went (same STAN and content), as a terminal does when
   * unsure it was received: the host must give the first answer again and change nothing.
   */
  async repeat(entry: JournalEntry): Promise<ExchangeEvent> {
    return (await this.send(entry.request, entry.kind, 2)).event;
  }

  /**
   * A purchase that breaks a packing rule — cut short in its MAC, or a non-BCD nibble in field 60 — whose
   * header and STAN can still be read: the host answers 30 (not journaled; nothing to reverse).
   */
  async malformed(problem: 'truncated' | 'bad_bcd'): Promise<ExchangeEvent> {
    await this.ensureSignedOn();
    const request = build.purchaseRequest(this.context(this.takeStan()), {
      amountFen: 100n,
      payment: { qr: '280000000000000000' },
      random: this.random,
    });
    const packed = this.keys ? encodeWithMac(request, macUnder(this.keys.mak)) : encode(request);
    const body = problem === 'truncated' ? packed.subarray(0, packed.length - 3) : new Uint8Array(packed);
    // The last byte before the MAC is the end of field 60 (8 digits: type code and batch).
    if (problem === 'bad_bcd') body[body.length - 9] = 0xab;
    return (await this.exchange(body, request, 'malformed')).event;
  }

  /** Transactions journaled in the current batch (a terminal settles before its batch overflows 999). */
  batchCount(): number {
    let n = 0;
    for (const e of this.journal.all()) if (e.batch === this.batchNo) n++;
    return n;
  }

  /**
   * 批结算: owed reversals first (up to `flushMs`), then field 48 with the batch's totals. An answered
   * settlement closes the batch: the next batch (the host's, when its answer names another) starts at STAN 1.
   */
  async settle(options: { flushMs?: number; attempts?: number } = {}): Promise<SettlementResult> {
    await this.flush(options.flushMs ?? this.timeoutMs);
    const batch = this.batchNo;
    const totals = this.journal.totals(batch);
    const result: SettlementResult = { ok: false, code: null, batch, totals, host: null, balanced: null };
    if (!(await this.ensureSignedOn())) return result;
    const request = build.settlementRequest(this.context(this.takeStan()), totals);
    for (let attempt = 1; attempt <= (options.attempts ?? 3) && !this.closing; attempt++) {
      const { event, answer } = await this.send(request, 'settlement', attempt);
      if (!answer || !event.code || event.error === 'timeout' || event.error === 'connection') continue;
      result.code = event.code;
      const host = text(answer, 48) ? parseBatchTotals(text(answer, 48)!) : null;
      result.host = host;
      result.balanced = host?.balanced ?? null;
      if (event.code === '00' && event.error === null) {
        const next = text(answer, 60) ? parseField60(text(answer, 60)!) : null;
        this.batchNo =
          next && Number(next.batch) !== batch ? Number(next.batch) : batch >= STAN_MAX ? 1 : batch + 1;
        this.stanNext = 1;
        result.ok = true;
      }
      return result;
    }
    return result;
  }

  /** Stops retrying owed messages (they stay owed) and closes the link. */
  async close(): Promise<void> {
    this.closing = true;
    await this.link.close();
  }
}

export { approved };
