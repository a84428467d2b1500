import { type ConnectionPolicy, createLink } from './link';
import {
  approvingAmount,
  cardUse,
  clockStan,
  decliningAmount,
  defaultMix,
  hotlistedCardUse,
  type Mix,
  type MixKind,
  mixPicker,
  partOf,
  pick,
  qrCode,
  randomAmount,
  seededRandom,
} from './scenario';
import { type LoadReport, LoadStats } from './stats';
import { SimTerminal, type TxnOutcome } from './terminal';

/**
 * The load generator: N terminals sign on, then transactions arrive at a fixed rate (an open model: the
 * schedule does not wait for the host, so a slow host shows as queueing and drops, not as a lower offered
 * rate), each to the next terminal, which handles its own one at a time as a till does.
 */

/** The demo chain store of docs/terminal-protocol.md (demo mode only). */
export const DEMO_MID = '898310054110001';
export const DEMO_TID_FROM = 10_000_001;
export const DEMO_TMK = '0123456789ABCDEFFEDCBA9876543210';
/** Serial numbers of the demo chain store's units: this prefix and the TID's offset from 10000001, two digits. */
export const DEMO_SERIAL_PREFIX = 'PAXS90-900000';
/** The demo chain store's till positions start here, one 0.0001° of latitude apart. */
export const DEMO_POSITION = { latitude: 39.9219, longitude: 116.4436 };

export interface FleetOptions {
  host: string;
  port: number;
  terminals: number;
  tidFrom?: number | undefined;
  mid?: string | undefined;
  tmk?: string | undefined;
  /** persistent, per-transaction, or mixed (every other terminal). */
  connection?: ConnectionPolicy | 'mixed' | undefined;
  mix?: Mix | undefined;
  /** No answer within this long: a reversal (0200/0100) or the advice again (0220). */
  timeoutMs?: number | undefined;
  retryMs?: number | undefined;
  seed?: number | undefined;
  /** First STAN of each terminal, or 'clock' (see clockStan). */
  stanFrom?: number | 'clock' | undefined;
  /** SN in heartbeats: prefix + TID offset from 10000001 (two digits); null sends none. */
  serialPrefix?: string | null | undefined;
  firmware?: string | undefined;
  /**
   * Where the first terminal reports itself (GP), the next 0.0001° north each; null reports none. By
   * default the demo store's install positions (TID 10000001 at DEMO_POSITION, and so on).
   */
  position?: { latitude: number; longitude: number } | null | undefined;
  /** Arrivals waiting per terminal at most; beyond, they are dropped. */
  queueMax?: number | undefined;
  /** A terminal settles by itself when its batch holds this many transactions (48 counts to 999). */
  batchMax?: number | undefined;
  timeZone?: string | undefined;
  /** One line per exchange (card numbers masked). */
  log?: ((line: string) => void) | undefined;
}

export interface LoadOptions extends FleetOptions {
  /** Arrivals per second. */
  rate: number;
  durationSeconds: number;
  /** Settle every terminal's batch at the end. */
  settle?: boolean | undefined;
  /** How long to wait, after the last arrival, for answers and owed reversals. */
  drainMs?: number | undefined;
}

type Job = { kind: MixKind; at: number } | { kind: 'settle'; at: number } | { kind: 'heartbeat'; at: number };

interface Till {
  terminal: SimTerminal;
  queue: Job[];
  busy: Promise<void> | null;
}

/** Terminals, their queues and what they do with an arrival. Shared by runLoad and the background load. */
class Fleet {
  readonly stats = new LoadStats();
  readonly tills: Till[];
  readonly random: () => number;
  private readonly nextKind: () => MixKind;
  private readonly queueMax: number;
  private readonly batchMax: number;
  private readonly timeoutMs: number;
  private roundRobin = 0;
  settlements = { terminals: 0, balanced: 0, not_balanced: 0, failed: 0 };

  constructor(readonly options: FleetOptions) {
    if (!Number.isInteger(options.terminals) || options.terminals < 1 || options.terminals > 10_000)
      throw new RangeError('terminals: 1 to 10000');
    this.random = seededRandom(options.seed ?? Date.now());
    this.nextKind = mixPicker(options.mix ?? defaultMix, this.random);
    this.queueMax = options.queueMax ?? 1000;
    this.batchMax = options.batchMax ?? 999;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    const tidFrom = options.tidFrom ?? DEMO_TID_FROM;
    const position = options.position === undefined ? DEMO_POSITION : options.position;
    const serialPrefix = options.serialPrefix === undefined ? DEMO_SERIAL_PREFIX : options.serialPrefix;
    const stanStart =
      options.stanFrom === 'clock' ? clockStan(new Date(), options.timeZone) : options.stanFrom;
    this.tills = Array.from({ length: options.terminals }, (_, i) => {
      const tid = String(tidFrom + i);
      const policy =
        options.connection === 'mixed'
          ? i % 2 === 0
            ? 'persistent'
            : 'per-transaction'
          : (options.connection ?? 'persistent');
      const link = createLink(policy, {
        host: options.host,
        port: options.port,
        onStray: this.stats.onStray,
      });
      const offset = tidFrom + i - DEMO_TID_FROM;
      // The demo store's units report where they were installed (0.0001° apart from 10000001 on).
      const step = options.position === undefined && offset >= 0 ? offset : i;
      const terminal = new SimTerminal({
        tid,
        mid: options.mid ?? DEMO_MID,
        tmk: options.tmk ?? DEMO_TMK,
        link,
        timeoutMs: this.timeoutMs,
        retryMs: options.retryMs,
        stanStart,
        timeZone: options.timeZone,
        random: this.random,
        status: {
          position: position
            ? `${(position.latitude + step / 10_000).toFixed(6)},${position.longitude.toFixed(6)}`
            : undefined,
          firmware: options.firmware,
          serialNo:
            serialPrefix && offset >= 0 ? `${serialPrefix}${String(offset).padStart(2, '0')}` : undefined,
        },
        onExchange: this.stats.onExchange,
        onOwedAnswered: this.stats.onOwedAnswered,
        log: options.log,
      });
      return { terminal, queue: [], busy: null };
    });
  }

  /** Sign-on (and one heartbeat) of every terminal, a few at a time. */
  async signOnAll(heartbeat = true): Promise<number> {
    let signedOn = 0;
    const pending = [...this.tills];
    const worker = async () => {
      for (let till = pending.shift(); till; till = pending.shift()) {
        if (await till.terminal.ensureSignedOn()) {
          signedOn++;
          if (heartbeat) await till.terminal.heartbeat();
        } else this.stats.signOnFailures++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(32, this.tills.length) }, worker));
    return signedOn;
  }

  /**
   * An arrival: to the next terminal in turn, queued; dropped when its queue is full. A terminal without
   * session keys signs on first, as a real one does (its arrival fails if it cannot).
   */
  arrive(at: number, kind: MixKind = this.nextKind()) {
    this.stats.offered++;
    const till = this.tills[this.roundRobin++ % this.tills.length]!;
    if (till.queue.length >= this.queueMax) {
      this.stats.dropped++;
      return;
    }
    this.enqueue(till, { kind, at });
  }

  enqueue(till: Till, job: Job) {
    till.queue.push(job);
    if (!till.busy)
      till.busy = this.work(till).finally(() => {
        till.busy = null;
      });
  }

  private async work(till: Till) {
    for (let job = till.queue.shift(); job; job = till.queue.shift()) {
      try {
        if (job.kind === 'settle') await this.settle(till);
        else if (job.kind === 'heartbeat') await till.terminal.heartbeat();
        else {
          if (till.terminal.batchCount() >= this.batchMax) await this.settle(till);
          const accepted = await this.perform(till.terminal, job.kind);
          this.stats.arrival(job.kind, performance.now() - job.at, accepted);
        }
      } catch (error) {
        this.options.log?.(`${till.terminal.tid} ${job.kind} failed: ${(error as Error).message}`);
      }
    }
  }

  async settle(till: Till) {
    const result = await till.terminal.settle({ flushMs: this.timeoutMs });
    this.settlements.terminals++;
    if (!result.ok) this.settlements.failed++;
    else if (result.balanced === false) this.settlements.not_balanced++;
    else this.settlements.balanced++;
    this.stats.settlement = { ...this.settlements };
  }

  /** Whether the host answered the arrival (any code, no error). */
  private async perform(t: SimTerminal, kind: MixKind): Promise<boolean> {
    const r = this.random;
    const answered = (o: TxnOutcome) => o.event !== null && o.event.code !== null && o.event.error === null;
    const purchase = () => {
      const amountFen = randomAmount(r);
      return t.purchase({ amountFen, card: cardUse(r, amountFen) });
    };
    const substitute = () => {
      this.stats.substituted++;
      return purchase();
    };
    switch (kind) {
      case 'purchase':
        return answered(await purchase());
      case 'qr':
        return answered(await t.purchaseByQr({ amountFen: randomAmount(r), qr: qrCode(r) }));
      case 'balance':
        return answered(await t.balance(cardUse(r, 0n, { pin: true })));
      case 'decline': {
        if (r() < 0.25)
          return answered(await t.purchase({ amountFen: randomAmount(r), card: hotlistedCardUse(r) }));
        const amountFen = decliningAmount(r);
        return answered(await t.purchase({ amountFen, card: cardUse(r, amountFen) }));
      }
      case 'reversal': {
        const amountFen = randomAmount(r);
        const outcome = await t.purchase({ amountFen, card: cardUse(r, amountFen), loseAnswer: true });
        if (!outcome.followUp) return false;
        const reversal = await Promise.race([outcome.followUp, sleep(this.timeoutMs).then(() => null)]);
        return reversal !== null;
      }
      case 'void': {
        const originals = t.journal.voidable(t.batch);
        return answered(originals.length > 0 ? await t.void(pick(originals, r)) : await substitute());
      }
      case 'refund': {
        const originals = t.journal.refundable();
        if (originals.length === 0) return answered(await substitute());
        const original = pick(originals, r);
        const left = original.amountFen - t.journal.refundedFen(original);
        return answered(await t.refund(original, partOf(left, r)));
      }
      case 'preauth': {
        const amountFen = randomAmount(r);
        return answered(await t.preAuth({ amountFen, card: cardUse(r, amountFen) }));
      }
      case 'completion': {
        const holds = t.journal.openPreAuths();
        if (holds.length === 0) return answered(await substitute());
        const hold = pick(holds, r);
        return answered(await t.completion(hold, approvingAmount(partOf(hold.amountFen, r))));
      }
      case 'preauth_cancel': {
        const holds = t.journal.openPreAuths();
        return answered(holds.length > 0 ? await t.preAuthCancel(pick(holds, r)) : await substitute());
      }
      case 'completion_void': {
        const completions = t.journal.voidableCompletions(t.batch);
        return answered(
          completions.length > 0 ? await t.completionVoid(pick(completions, r)) : await substitute(),
        );
      }
    }
  }

  /** Until every queue is empty and every terminal idle, or the deadline. */
  async idle(deadline: number) {
    while (Date.now() < deadline) {
      const busy = this.tills.filter((t) => t.busy).map((t) => t.busy!);
      if (busy.length === 0) return true;
      await Promise.race([Promise.allSettled(busy), sleep(Math.max(1, deadline - Date.now()))]);
    }
    return this.tills.every((t) => !t.busy);
  }

  pendingReversals() {
    return this.tills.reduce((sum, t) => sum + t.terminal.owing, 0);
  }

  async close() {
    await Promise.all(this.tills.map((t) => t.terminal.close()));
    this.stats.stop();
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Calls `arrive` at `rate` per second from now on, catching up when the event loop was late. */
function schedule(
  rate: number,
  count: number | null,
  arrive: (at: number) => void,
): { done: Promise<void>; stop(): void } {
  if (!(rate > 0) || rate > 100_000) throw new RangeError('rate: above 0, at most 100000 a second');
  const started = performance.now();
  const intervalMs = 1000 / rate;
  let sent = 0;
  let timer: NodeJS.Timeout | null = null;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const tick = () => {
    const now = performance.now();
    while ((count === null || sent < count) && started + sent * intervalMs <= now) {
      arrive(started + sent * intervalMs);
      sent++;
    }
    if (count !== null && sent >= count) return finish();
    timer = setTimeout(tick, Math.max(0, Math.min(50, started + sent * intervalMs - performance.now())));
  };
  tick();
  return {
    done,
    stop() {
      if (timer) clearTimeout(timer);
      finish();
    },
  };
}

/**
 * A load run: sign-on and a heartbeat per terminal, `rate` arrivals a second for `durationSeconds`, the
 * answers and owed reversals drained, then (with `settle`) every terminal's batch settled. The report is
 * QUALITY.md's bench line for the host.
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  if (!(options.durationSeconds > 0)) throw new RangeError('durationSeconds: above 0');
  const fleet = new Fleet(options);
  try {
    const signedOn = await fleet.signOnAll();
    const count = Math.round(options.rate * options.durationSeconds);
    const started = performance.now();
    await schedule(options.rate, count, (at) => fleet.arrive(at)).done;
    const drainMs = options.drainMs ?? (options.timeoutMs ?? 60_000) + 5000;
    const deadline = Date.now() + drainMs;
    await fleet.idle(deadline);
    // The arrivals span the duration; answers still coming after it lengthen the run.
    const seconds = Math.max(options.durationSeconds, (performance.now() - started) / 1000);
    await Promise.all(fleet.tills.map((t) => t.terminal.flush(Math.max(0, deadline - Date.now()))));
    if (options.settle) await Promise.all(fleet.tills.map((t) => fleet.settle(t)));
    const report = fleet.stats.report({
      seconds,
      terminals: options.terminals,
      signedOn,
      connection: options.connection ?? 'persistent',
      rate: options.rate,
      pendingReversals: fleet.pendingReversals(),
    });
    report.offered_per_second = Math.round((report.offered / options.durationSeconds) * 10) / 10;
    return report;
  } finally {
    await fleet.close();
  }
}

export interface BackgroundLoadOptions extends FleetOptions {
  /** Arrivals per second (a light load: 0.2–2). */
  rate: number;
  /** Each terminal's heartbeat interval. */
  heartbeatSeconds?: number | undefined;
  /** Each terminal settles its batch this often; undefined: never (it still settles at 999). */
  settleEveryMinutes?: number | undefined;
}

export interface BackgroundLoad {
  /** Stops the arrivals, lets those under way finish (a few seconds at most) and closes the connections. */
  stop(): Promise<void>;
  /** The figures so far. */
  report(): LoadReport;
}

/**
 * A light, endless load for the demo (the console's live figures): terminals sign on (again and again
 * while the host is not up), send heartbeats, and transact at `rate` with the default mix. Never throws
 * into the caller; problems go to `log`.
 */
export function startBackgroundLoad(options: BackgroundLoadOptions): BackgroundLoad {
  if (!(options.rate > 0) || options.rate > 100_000)
    throw new RangeError('rate: above 0, at most 100000 a second');
  const fleet = new Fleet({
    stanFrom: 'clock',
    timeoutMs: 60_000,
    retryMs: 10_000,
    queueMax: 20,
    ...options,
  });
  const started = performance.now();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  const everyTill = (job: 'heartbeat' | 'settle') => {
    for (const till of fleet.tills) fleet.enqueue(till, { kind: job, at: performance.now() });
  };
  const heartbeatMs = (options.heartbeatSeconds ?? 60) * 1000;
  timers.push(setInterval(() => everyTill('heartbeat'), heartbeatMs));
  if (options.settleEveryMinutes)
    timers.push(setInterval(() => everyTill('settle'), options.settleEveryMinutes * 60_000));
  for (const t of timers) t.unref();
  let arrivals: { done: Promise<void>; stop(): void } | null = null;
  void fleet
    .signOnAll()
    .catch((error: unknown) => options.log?.(`background load: sign-on failed: ${(error as Error).message}`))
    .then(() => {
      if (!stopped) arrivals = schedule(options.rate, null, (at) => fleet.arrive(at));
    })
    .catch((error: unknown) => options.log?.(`background load: ${(error as Error).message}`));
  const report = () =>
    fleet.stats.report({
      seconds: (performance.now() - started) / 1000,
      terminals: options.terminals,
      signedOn: fleet.tills.filter((t) => t.terminal.signedOn).length,
      connection: options.connection ?? 'persistent',
      rate: options.rate,
      pendingReversals: fleet.pendingReversals(),
    });
  return {
    async stop() {
      stopped = true;
      arrivals?.stop();
      for (const t of timers) clearInterval(t);
      for (const till of fleet.tills) till.queue.length = 0;
      await fleet.idle(Date.now() + 5000);
      await fleet.close();
    },
    report,
  };
}
