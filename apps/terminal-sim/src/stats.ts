import type { ExchangeEvent } from './terminal';

/**
 * Figures of a load run, and the report line in the bench format of QUALITY.md:
 * `{"bench":"host","n":…,"seconds":…,"per_second":…,"p50_ms":…,"p99_ms":…,"peak_rss_mb":…, …}`.
 */

export interface LoadReport {
  bench: 'host';
  /** Arrivals the host answered (accepted). */
  n: number;
  seconds: number;
  /** Accepted per second. */
  per_second: number;
  /** Round trip of financial requests, sent → answered. */
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  /** Arrival → done (waiting for the terminal included): what the cashier sees. */
  arrival_p99_ms: number;
  peak_rss_mb: number;
  terminals: number;
  signed_on: number;
  connection: string;
  rate: number;
  offered: number;
  offered_per_second: number;
  accepted: number;
  /** Arrivals not taken: their terminal's queue was full, or no terminal could sign on. */
  dropped: number;
  /** void, refund, completion… arrivals that found no original to name and made a purchase instead. */
  substituted: number;
  /** Requests sent (every attempt, sign-ons and heartbeats included) and those answered. */
  messages: number;
  answered: number;
  by_kind: Record<string, number>;
  /** Field 39 of the answers to financial requests. */
  codes: Record<string, number>;
  errors: {
    timeouts: number;
    mac_failures: number;
    format_errors: number;
    connection_errors: number;
    key_check_failures: number;
    sign_on_failures: number;
  };
  reversals: { sent: number; answered: number; pending: number };
  settlement?: { terminals: number; balanced: number; not_balanced: number; failed: number } | undefined;
  /** Answers that depart from docs/terminal-protocol.md, by what is wrong. */
  deviations: Record<string, number>;
  /** Answers that came after their request had timed out, and frames that could not be read. */
  strays: { late: number; unreadable: number };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Latencies without a sort per sample: a growing Float64Array, sorted once at the end. Beyond `max`
 * samples (an endless background load) it keeps a uniform sample of all seen (reservoir sampling).
 */
class Samples {
  private values = new Float64Array(1024);
  private seen = 0;
  length = 0;
  constructor(private readonly max = 1_000_000) {}
  push(x: number) {
    this.seen++;
    if (this.length >= this.max) {
      const j = Math.floor(Math.random() * this.seen);
      if (j < this.max) this.values[j] = x;
      return;
    }
    if (this.length === this.values.length) {
      const grown = new Float64Array(Math.min(this.max, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = x;
  }
  sorted(): Float64Array {
    return this.values.slice(0, this.length).sort();
  }
}

export class LoadStats {
  private readonly latencies = new Samples();
  private readonly arrivals = new Samples();
  private peakRss = process.memoryUsage.rss();
  private readonly rssTimer: NodeJS.Timeout;
  offered = 0;
  accepted = 0;
  dropped = 0;
  substituted = 0;
  messages = 0;
  answered = 0;
  signOnFailures = 0;
  readonly byKind: Record<string, number> = {};
  readonly codes: Record<string, number> = {};
  readonly errors = {
    timeouts: 0,
    mac_failures: 0,
    format_errors: 0,
    connection_errors: 0,
    key_check_failures: 0,
  };
  readonly reversals = { sent: 0, answered: 0 };
  readonly deviations: Record<string, number> = {};
  readonly strays = { late: 0, unreadable: 0 };
  settlement: LoadReport['settlement'];

  constructor() {
    this.rssTimer = setInterval(() => this.sampleRss(), 250);
    this.rssTimer.unref();
  }

  private sampleRss() {
    this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
  }

  /** Every exchange of every terminal. */
  readonly onExchange = (e: ExchangeEvent) => {
    this.messages++;
    if (e.kind === 'reversal') this.reversals.sent++;
    if (e.code !== null) {
      this.answered++;
      if (e.financial) {
        this.codes[e.code] = (this.codes[e.code] ?? 0) + 1;
        this.latencies.push(e.latencyMs);
      }
    }
    if (e.error === 'timeout') this.errors.timeouts++;
    else if (e.error === 'connection') this.errors.connection_errors++;
    else if (e.error === 'format') this.errors.format_errors++;
    else if (e.error === 'mac') this.errors.mac_failures++;
    else if (e.error === 'key_check') this.errors.key_check_failures++;
    for (const d of e.deviations) this.deviations[d] = (this.deviations[d] ?? 0) + 1;
  };

  /** A reversal (or refund advice) sent until answered got its answer. */
  readonly onOwedAnswered = (kind: 'reversal' | 'refund') => {
    if (kind === 'reversal') this.reversals.answered++;
  };

  readonly onStray = (what: 'late' | 'format') => {
    if (what === 'late') this.strays.late++;
    else this.strays.unreadable++;
  };

  arrival(kind: string, ms: number, accepted: boolean) {
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    this.arrivals.push(ms);
    if (accepted) this.accepted++;
  }

  report(context: {
    seconds: number;
    terminals: number;
    signedOn: number;
    connection: string;
    rate: number;
    pendingReversals: number;
  }): LoadReport {
    this.sampleRss();
    const latencies = this.latencies.sorted();
    const seconds = Math.max(context.seconds, 1e-9);
    return {
      bench: 'host',
      n: this.accepted,
      seconds: round(context.seconds, 3),
      per_second: round(this.accepted / seconds, 1),
      p50_ms: round(percentile(latencies, 50)),
      p99_ms: round(percentile(latencies, 99)),
      max_ms: round(latencies.length > 0 ? latencies[latencies.length - 1]! : 0),
      arrival_p99_ms: round(percentile(this.arrivals.sorted(), 99)),
      peak_rss_mb: round(this.peakRss / 1024 / 1024, 1),
      terminals: context.terminals,
      signed_on: context.signedOn,
      connection: context.connection,
      rate: context.rate,
      offered: this.offered,
      offered_per_second: round(this.offered / seconds, 1),
      accepted: this.accepted,
      dropped: this.dropped,
      substituted: this.substituted,
      messages: this.messages,
      answered: this.answered,
      by_kind: { ...this.byKind },
      codes: { ...this.codes },
      errors: { ...this.errors, sign_on_failures: this.signOnFailures },
      reversals: { ...this.reversals, pending: context.pendingReversals },
      ...(this.settlement ? { settlement: { ...this.settlement } } : {}),
      deviations: { ...this.deviations },
      strays: { ...this.strays },
    };
  }

  stop() {
    clearInterval(this.rssTimer);
  }
}
