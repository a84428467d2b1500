import type { BatchTotals, IsoMessage } from '@posops/iso8583';
import type { TestCard } from './cards';
import type { OriginalRef } from './messages';

/**
 * The terminal's own journal (流水): what it sent and what came back, so a void, refund, cancel or
 * completion names a real original and the settlement totals are the terminal's own count. Held in
 * memory (a terminal's flash); card numbers never leave it.
 */

export type TxnKind =
  | 'purchase'
  | 'qr'
  | 'balance'
  | 'void'
  | 'refund'
  | 'preauth'
  | 'preauth_cancel'
  | 'completion'
  | 'completion_void';

export const txnKinds: readonly TxnKind[] = [
  'purchase',
  'qr',
  'balance',
  'void',
  'refund',
  'preauth',
  'preauth_cancel',
  'completion',
  'completion_void',
];

/**
 * in_flight: sent, no answer yet; answered: an answer came (see `code`); unanswered: no usable answer
 * and nothing to undo (a refund advice waiting to be sent again, a balance inquiry); reversing: a
 * reversal is owed and being sent until answered; reversed: the host answered the reversal.
 */
export type EntryState = 'in_flight' | 'answered' | 'unanswered' | 'reversing' | 'reversed';

export interface JournalEntry {
  seq: number;
  kind: TxnKind;
  batch: number;
  stan: string;
  /** MMDD of the request (its field 13): with TID, batch and STAN, the request's identity. */
  date: string;
  amountFen: bigint;
  /** The request as sent (memory only: a reversal repeats its fields). */
  request: IsoMessage;
  card?: TestCard | undefined;
  qr?: string | undefined;
  /** The entry a void, refund, cancel or completion names. */
  original?: JournalEntry | undefined;
  /** Entries naming this one. */
  children: JournalEntry[];
  state: EntryState;
  code?: string | undefined;
  rrn?: string | undefined;
  authCode?: string | undefined;
}

const PURCHASE_KINDS: ReadonlySet<TxnKind> = new Set(['purchase', 'qr', 'completion']);

export const approved = (e: JournalEntry) => e.state === 'answered' && e.code === '00';
/** Approved, or still waiting for its answer: an original it names may not be named again meanwhile. */
const standing = (e: JournalEntry) => approved(e) || e.state === 'in_flight';

export function refOf(e: JournalEntry): OriginalRef {
  return {
    batch: e.batch,
    stan: e.stan,
    date: e.date,
    amountFen: e.amountFen,
    rrn: e.rrn,
    authCode: e.authCode,
    card: e.card,
    qr: e.qr,
  };
}

export class Journal {
  private readonly entries: JournalEntry[] = [];
  private seq = 0;

  /** Entries kept at most: the current batch in full, older batches until the bound (oldest go first). */
  constructor(readonly entriesMax = 5_000) {
    if (entriesMax < 1) throw new RangeError('entriesMax: at least 1');
  }

  get size(): number {
    return this.entries.length;
  }

  all(): readonly JournalEntry[] {
    return this.entries;
  }

  add(entry: Omit<JournalEntry, 'seq' | 'children' | 'state'>, currentBatch: number): JournalEntry {
    const full: JournalEntry = { ...entry, seq: ++this.seq, children: [], state: 'in_flight' };
    this.entries.push(full);
    entry.original?.children.push(full);
    this.prune(currentBatch);
    return full;
  }

  private prune(currentBatch: number) {
    if (this.entries.length <= this.entriesMax) return;
    const excess = this.entries.length - this.entriesMax;
    let dropped = 0;
    for (let i = 0; i < this.entries.length && dropped < excess; ) {
      const e = this.entries[i]!;
      if (e.batch !== currentBatch && e.state !== 'in_flight' && e.state !== 'reversing') {
        this.entries.splice(i, 1);
        dropped++;
      } else i++;
    }
  }

  /** A purchase or completion voided by an approved (or pending) void. */
  isVoided(e: JournalEntry, counting: (c: JournalEntry) => boolean = approved): boolean {
    return e.children.some((c) => (c.kind === 'void' || c.kind === 'completion_void') && counting(c));
  }

  refundedFen(e: JournalEntry, counting: (c: JournalEntry) => boolean = approved): bigint {
    return e.children.reduce((sum, c) => (c.kind === 'refund' && counting(c) ? sum + c.amountFen : sum), 0n);
  }

  /** Approved purchases of the current batch, neither voided nor refunded (nor being either). */
  voidable(batch: number): JournalEntry[] {
    return this.entries.filter(
      (e) =>
        (e.kind === 'purchase' || e.kind === 'qr') &&
        e.batch === batch &&
        approved(e) &&
        !e.children.some((c) => (c.kind === 'void' || c.kind === 'refund') && standing(c)),
    );
  }

  /** Approved purchases, not voided, with something left to refund (any batch the journal keeps). */
  refundable(): JournalEntry[] {
    return this.entries.filter(
      (e) =>
        (e.kind === 'purchase' || e.kind === 'qr') &&
        approved(e) &&
        !this.isVoided(e, standing) &&
        this.refundedFen(e, standing) < e.amountFen,
    );
  }

  /** Approved pre-authorisations neither completed nor cancelled (nor being either). */
  openPreAuths(): JournalEntry[] {
    return this.entries.filter(
      (e) =>
        e.kind === 'preauth' &&
        approved(e) &&
        !e.children.some((c) => (c.kind === 'completion' || c.kind === 'preauth_cancel') && standing(c)),
    );
  }

  /** Approved completions of the current batch not voided (nor being voided). */
  voidableCompletions(batch: number): JournalEntry[] {
    return this.entries.filter(
      (e) => e.kind === 'completion' && e.batch === batch && approved(e) && !this.isVoided(e, standing),
    );
  }

  /**
   * Field 48 of the batch's settlement: approved purchases (card, QR, and pre-authorisation completions)
   * not voided, and approved refunds. Reversed, declined and unanswered ones count for nothing.
   */
  totals(batch: number): BatchTotals {
    const t: BatchTotals = { purchaseCount: 0, purchaseAmount: 0n, refundCount: 0, refundAmount: 0n };
    for (const e of this.entries) {
      if (e.batch !== batch || !approved(e)) continue;
      if (PURCHASE_KINDS.has(e.kind) && !this.isVoided(e)) {
        t.purchaseCount++;
        t.purchaseAmount += e.amountFen;
      } else if (e.kind === 'refund') {
        t.refundCount++;
        t.refundAmount += e.amountFen;
      }
    }
    return t;
  }
}
