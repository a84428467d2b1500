import type { Delivery } from './sandbox';

/**
 * The channel's own record: every financial request it decided and every reversal, as journal events,
 * and the state they add up to (what is voided, refunded, completed, reversed). The same `apply` runs
 * live and when the journal is replayed at start, so a restart ends in the state the process had.
 */

export type TxnKind =
  | 'purchase'
  | 'qr_purchase'
  | 'balance'
  | 'void'
  | 'refund'
  | 'preauth'
  | 'preauth_cancel'
  | 'completion'
  | 'completion_void';

/** A decided 0100 / 0200 / 0220 request (approved or declined). Amounts are decimal strings of fen. */
export interface TxnEvent {
  v: 1;
  e: 'txn';
  /** Identity of the request: acquirer (32) | host local date MMDD (13) | STAN (11). */
  key: string;
  kind: TxnKind;
  mti: '0100' | '0200' | '0220';
  /** Hash of the request's business content: a repeat with another content is a different request (94). */
  fingerprint: string;
  /** When the channel decided, ISO 8601 UTC. */
  at: string;
  /** Settlement date (YYYY-MM-DD) the channel assigned; the clearing file of that date lists it. */
  settlementDate: string;
  acquirer: string;
  stan: string;
  localDate: string;
  localTime: string;
  rrn: string;
  tid: string;
  mid: string;
  amountFen: string;
  currency: string;
  /** First 6 and last 4 digits of the PAN (or of the QR payment code); never the full number. */
  panMasked: string | null;
  /** Keyed hash (HMAC-SHA256) of the PAN under the data directory's own key: matches a card, reveals nothing. */
  panHash: string | null;
  /** The original this one names in field 61 (void, refund, completion, cancels), as a key. */
  originalKey: string | null;
  code: string;
  authCode: string | null;
  /** Field 44 of a balance answer. */
  balance: string | null;
  delivery: Delivery;
}

/** A decided 0400 reversal. */
export interface ReversalEvent {
  v: 1;
  e: 'reversal';
  /** The original's key: a reversal carries the original's acquirer, date and STAN. */
  key: string;
  fingerprint: string;
  at: string;
  settlementDate: string;
  rrn: string;
  tid: string;
  mid: string;
  amountFen: string | null;
  code: string;
  /** undone: the approved original was undone; none: nothing to undo; unknown: never seen (remembered). */
  effect: 'undone' | 'none' | 'unknown';
}

export type JournalEvent = TxnEvent | ReversalEvent;

/** A transaction and what later requests did to it. */
export interface TxnState {
  event: TxnEvent;
  amountFen: bigint;
  reversed: boolean;
  /** Key of the approved void (or completion void) of this one. */
  voidedBy: string | null;
  refundedFen: bigint;
  /** For a pre-authorisation: its approved completion or cancel. */
  completedBy: string | null;
  cancelledBy: string | null;
}

export const approved = (s: TxnState) => s.event.code === '00';

/** Approved and not reversed: it stands. */
export const standing = (s: TxnState) => approved(s) && !s.reversed;

/** Kinds that move money and therefore appear in the clearing file. */
export const debitKinds: ReadonlySet<TxnKind> = new Set(['purchase', 'qr_purchase', 'completion']);
export const creditKinds: ReadonlySet<TxnKind> = new Set(['void', 'refund', 'completion_void']);

export class Ledger {
  private readonly txns = new Map<string, TxnState>();
  private readonly reversals = new Map<string, ReversalEvent>();
  private readonly byDate = new Map<string, TxnState[]>();

  get size(): number {
    return this.txns.size;
  }

  txn(key: string): TxnState | undefined {
    return this.txns.get(key);
  }

  reversal(key: string): ReversalEvent | undefined {
    return this.reversals.get(key);
  }

  /** Settlement dates that have transactions, ascending. */
  settlementDates(): string[] {
    return [...this.byDate.keys()].sort();
  }

  /** The transactions of one settlement date, in the order they were decided. */
  onSettlementDate(date: string): readonly TxnState[] {
    return this.byDate.get(date) ?? [];
  }

  /** Applies one event; the events of the journal, in order, rebuild the state exactly. */
  apply(event: JournalEvent): void {
    if (event.e === 'txn') this.applyTxn(event);
    else this.applyReversal(event);
  }

  /** Forgets days before `date` (retention): their originals can no longer be voided, refunded or completed. */
  forgetBefore(date: string): number {
    let forgotten = 0;
    for (const [day, states] of this.byDate) {
      if (day >= date) continue;
      for (const s of states) {
        this.txns.delete(s.event.key);
        this.reversals.delete(s.event.key);
        forgotten++;
      }
      this.byDate.delete(day);
    }
    for (const [key, r] of this.reversals) if (r.settlementDate < date) this.reversals.delete(key);
    return forgotten;
  }

  private applyTxn(event: TxnEvent): void {
    if (this.txns.has(event.key)) throw new Error(`journal: ${event.key} decided twice`);
    const state: TxnState = {
      event,
      amountFen: BigInt(event.amountFen),
      reversed: false,
      voidedBy: null,
      refundedFen: 0n,
      completedBy: null,
      cancelledBy: null,
    };
    this.txns.set(event.key, state);
    let day = this.byDate.get(event.settlementDate);
    if (!day) {
      day = [];
      this.byDate.set(event.settlementDate, day);
    }
    day.push(state);
    if (event.code !== '00' || event.originalKey === null) return;
    const original = this.txns.get(event.originalKey);
    // An original older than the retention was forgotten: nothing left to update.
    if (!original) return;
    switch (event.kind) {
      case 'void':
        original.voidedBy = event.key;
        break;
      case 'completion_void': {
        original.voidedBy = event.key;
        const preauth = original.event.originalKey ? this.txns.get(original.event.originalKey) : undefined;
        if (preauth) preauth.completedBy = null;
        break;
      }
      case 'refund':
        original.refundedFen += state.amountFen;
        // A refund never exceeds what is left of its original (checked before approving; asserted here).
        if (original.refundedFen > original.amountFen)
          throw new Error(`journal: refunds of ${original.event.key} exceed its amount`);
        break;
      case 'completion':
        original.completedBy = event.key;
        break;
      case 'preauth_cancel':
        original.cancelledBy = event.key;
        break;
      default:
        break;
    }
  }

  private applyReversal(event: ReversalEvent): void {
    this.reversals.set(event.key, event);
    if (event.effect !== 'undone') return;
    const state = this.txns.get(event.key);
    if (!state) return; // forgotten by the retention
    if (!standing(state)) throw new Error(`journal: reversal of ${event.key} has nothing to undo`);
    state.reversed = true;
    const original = state.event.originalKey ? this.txns.get(state.event.originalKey) : undefined;
    if (!original) return;
    switch (state.event.kind) {
      case 'void':
        original.voidedBy = null;
        break;
      case 'completion':
        original.completedBy = null;
        break;
      case 'preauth_cancel':
        original.cancelledBy = null;
        break;
      case 'completion_void': {
        original.voidedBy = null;
        const preauth = original.event.originalKey ? this.txns.get(original.event.originalKey) : undefined;
        if (preauth) preauth.completedBy = original.event.key;
        break;
      }
      default:
        break;
    }
  }
}
