import net from 'node:net';
import {
  decode,
  encode,
  encodeWithMac,
  FrameReader,
  frame,
  type IsoMessage,
  type Mti,
  parseField60,
  responseMti,
  retailMac,
  sameMac,
  swapTpdu,
} from '@posops/iso8583';
import { addDays, type Clock, systemClock } from '@posops/kernel';
import type { ClearingConfig } from './clearing';
import { type ClearingEncoding, type ClearingFileResult, writeClearingFile } from './clearing-file';
import type { InjectOptions } from './clearing-inject';
import { answerFields, ChannelEngine, type ChannelRules, defaultRules } from './engine';
import { fileJournal, type JournalWriter, memoryJournal, panHashKey, replayJournal } from './journal';
import { Ledger } from './ledger';
import { type ChannelLogger, silentLogger } from './logger';
import { builtInHotlist, type HotlistCode, settlementDateAt } from './sandbox';

/**
 * The channel simulator's TCP side (docs/channel-protocol.md): 2-byte length frames carrying the codec's
 * messages, many per connection and several in flight, each answered as soon as it is decided and
 * durably recorded, in any order. A bad frame never crashes it: answered 30 when readable, else the
 * connection is closed.
 */

export interface ChannelServerOptions {
  /** TCP port; 0 picks a free one. Default 9583. */
  port?: number;
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  /** Journal and clearing files; null (default): nothing kept beyond the process. */
  dataDir?: string | null;
  /** Zone MAC key (ZAK), 32 hex digits: financial messages carry a retail MAC in 64. null: no MAC on the link. */
  macKeyHex?: string | null;
  /** Delay of the answers to amounts ending in 99, ms. Default 35,000 (beyond the host's 30 s). */
  lateMs?: number;
  /** A connection with no traffic either way this long is closed, ms. Default 180,000. */
  idleMs?: number;
  /** Largest frame body accepted, bytes. Default 4,096. */
  maxFrameBytes?: number;
  maxConnections?: number;
  /** Requests of one connection decided but not yet answered before it stops reading. Default 1,024. */
  maxInFlightPerConnection?: number;
  /** Answers queued on a connection that does not read them, bytes, before it is closed. Default 1 MiB. */
  maxWriteBufferBytes?: number;
  /** Lost/stolen cards beside the built-in test cards. */
  hotlist?: Iterable<readonly [string, HotlistCode]>;
  rules?: Partial<ChannelRules>;
  clearing?: Partial<ClearingConfig>;
  /** Flush journal lines to disk (fdatasync) before answering. Default false: survives a process crash. */
  fsync?: boolean;
  clock?: Clock;
  logger?: ChannelLogger;
}

export interface ChannelServer {
  port: number;
  host: string;
  ledger: Ledger;
  rules: ChannelRules;
  clearingConfig: ClearingConfig;
  dataDir: string | null;
  /** The settlement date open now. */
  settlementDate(): string;
  /** Writes the clearing file of a settlement date from the ledger (docs/clearing-file.md). */
  writeClearingFile(options: {
    settlementDate: string;
    out: string;
    encoding?: ClearingEncoding;
    inject?: InjectOptions;
  }): Promise<ClearingFileResult>;
  /** Open connections and requests decided but not yet answered. */
  stats(): { connections: number; inFlight: number };
  /** Stops listening, drops connections and pending late answers, closes the journal. */
  close(): Promise<void>;
}

export const defaultClearingConfig: ClearingConfig = {
  institutionCode: '00010000',
  institutionName: 'PosOps 模拟清算通道',
  feePpm: 3825,
  feeCapFen: 1625n,
  timeZone: defaultRules.timeZone,
};

const FINANCIAL: ReadonlySet<Mti> = new Set(['0100', '0200', '0220', '0400']);

export async function createChannelServer(options: ChannelServerOptions = {}): Promise<ChannelServer> {
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const rules: ChannelRules = { ...defaultRules, ...options.rules };
  const clearingConfig: ClearingConfig = {
    ...defaultClearingConfig,
    timeZone: rules.timeZone,
    ...options.clearing,
  };
  const lateMs = options.lateMs ?? 35_000;
  const idleMs = options.idleMs ?? 180_000;
  const maxFrameBytes = options.maxFrameBytes ?? 4096;
  const maxInFlight = options.maxInFlightPerConnection ?? 1024;
  const maxWriteBuffer = options.maxWriteBufferBytes ?? 1024 * 1024;
  const dataDir = options.dataDir ?? null;
  let macKey: Buffer | null = null;
  if (options.macKeyHex) {
    if (!/^[0-9A-Fa-f]{32}$/.test(options.macKeyHex)) throw new Error('the MAC key is 32 hexadecimal digits');
    macKey = Buffer.from(options.macKeyHex, 'hex');
  }

  const ledger = new Ledger();
  let journal: JournalWriter = memoryJournal;
  if (dataDir !== null) {
    const today = settlementDateAt(clock.now(), rules.timeZone, rules.cutoffMinutes);
    const replayed = await replayJournal(dataDir, ledger, {
      fromDate: addDays(today, -rules.retentionDays),
      repair: true,
      logger,
    });
    logger.info({ ...replayed, transactions: ledger.size }, 'journal replayed');
    journal = fileJournal(dataDir, { fsync: options.fsync ?? false });
  }
  const hotlist = new Map<string, HotlistCode>(builtInHotlist);
  for (const [pan, code] of options.hotlist ?? []) hotlist.set(pan, code);
  const engine = new ChannelEngine(ledger, journal, {
    rules,
    clock,
    panKey: await panHashKey(dataDir),
    hotlist,
    logger,
  });

  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let inFlightTotal = 0;
  let closing: Promise<void> | null = null;

  const server = net.createServer({ noDelay: true }, (socket) => serve(socket));
  server.maxConnections = options.maxConnections ?? 256;

  function serve(socket: net.Socket) {
    sockets.add(socket);
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const reader = new FrameReader(maxFrameBytes);
    const mine = new Set<NodeJS.Timeout>();
    let inFlight = 0;
    let closed = false;
    logger.debug({ peer }, 'connection opened');
    socket.setTimeout(idleMs, () => {
      logger.info({ peer, idleMs }, 'idle connection closed');
      socket.destroy();
    });
    socket.on('error', (error) => logger.debug({ peer, error: error.message }, 'connection error'));
    socket.on('close', () => {
      closed = true;
      sockets.delete(socket);
      for (const t of mine) {
        clearTimeout(t);
        timers.delete(t);
      }
      inFlightTotal -= inFlight;
      logger.debug({ peer }, 'connection closed');
    });

    const send = (message: IsoMessage, withMac: boolean) => {
      if (socket.destroyed || !socket.writable) return;
      let body: Uint8Array;
      try {
        body = withMac && macKey ? encodeWithMac(message, (d) => retailMac(macKey!, d)) : encode(message);
      } catch (error) {
        logger.error(
          { peer, error: (error as Error).message, mti: message.mti },
          'could not encode an answer',
        );
        socket.destroy();
        return;
      }
      socket.write(frame(body));
      if (socket.writableLength > maxWriteBuffer) {
        logger.warn({ peer, bytes: socket.writableLength }, 'the host does not read its answers: closed');
        socket.destroy();
      }
    };

    const settle = () => {
      if (closed) return; // counted off when the connection closed
      inFlight--;
      inFlightTotal--;
      if (inFlight < maxInFlight && socket.isPaused() && !socket.destroyed) socket.resume();
    };

    const onFrame = (body: Uint8Array) => {
      const decoded = decode(body);
      if (!decoded.ok) {
        const { problem, field, offset, partial } = decoded.error;
        const answerMti = partial.mti ? responseMti(partial.mti) : null;
        logger.warn({ peer, problem, field, offset, mti: partial.mti }, 'format error');
        if (partial.tpdu && answerMti) {
          send(
            { tpdu: swapTpdu(partial.tpdu), mti: answerMti, fields: answerFields(partial, { 39: '30' }) },
            FINANCIAL.has(partial.mti!),
          );
        } else socket.destroy();
        return;
      }
      const request = decoded.message;
      const answerMti = responseMti(request.mti);
      if (!answerMti) {
        logger.warn({ peer, mti: request.mti }, 'not a request: connection closed');
        socket.destroy();
        return;
      }
      const answer = (fields: Record<number, string | Uint8Array>, withMac: boolean) =>
        send({ tpdu: swapTpdu(request.tpdu), mti: answerMti, fields }, withMac);

      if (request.mti === '0800') {
        const f60 = typeof request.fields[60] === 'string' ? parseField60(request.fields[60]) : null;
        const code = !f60 ? '30' : f60.network === '301' ? '00' : '12';
        answer(answerFields(request, { 39: code }), false);
        return;
      }
      if (!FINANCIAL.has(request.mti)) {
        answer(answerFields(request, { 39: '12' }), false);
        return;
      }
      if (macKey) {
        const mac = request.fields[64];
        const ok =
          mac instanceof Uint8Array &&
          decoded.macInput !== null &&
          sameMac(retailMac(macKey, decoded.macInput), mac);
        if (!ok) {
          logger.warn({ peer, mti: request.mti, stan: request.fields[11] }, 'MAC verification failed');
          answer(answerFields(request, { 39: 'A0' }), true);
          return;
        }
      }
      let decision: ReturnType<ChannelEngine['handle']>;
      try {
        decision = engine.handle(request);
      } catch (error) {
        logger.error({ peer, error: (error as Error).stack }, 'request failed');
        answer(answerFields(request, { 39: '96' }), true);
        return;
      }
      inFlight++;
      inFlightTotal++;
      if (inFlight >= maxInFlight) socket.pause();
      decision.durable.then(
        () => {
          if (decision.delivery === 'now') {
            answer(decision.fields, true);
            settle();
          } else if (decision.delivery === 'late') {
            const timer = setTimeout(() => {
              mine.delete(timer);
              timers.delete(timer);
              answer(decision.fields, true);
              settle();
            }, lateMs);
            mine.add(timer);
            timers.add(timer);
          } else settle();
        },
        (error: unknown) => {
          // The journal could not be written: nothing more is acknowledged (fail-stop).
          logger.error({ error: (error as Error).message }, 'journal write failed: the simulator stops');
          void close();
        },
      );
    };

    socket.on('data', (chunk: Buffer) => {
      const { frames, error } = reader.push(chunk);
      for (const f of frames) {
        if (socket.destroyed) return;
        onFrame(f);
      }
      if (error) {
        logger.warn({ peer, error }, 'framing error: connection closed');
        socket.destroy();
      }
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9583, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error({ error: error.message }, 'listener error'));
  const address = server.address() as net.AddressInfo;

  function close(): Promise<void> {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await stopped;
      await journal.close();
    })();
    return closing;
  }

  return {
    port: address.port,
    host: address.address,
    ledger,
    rules,
    clearingConfig,
    dataDir,
    settlementDate: () => engine.settlementDate(),
    writeClearingFile: (o) =>
      writeClearingFile(ledger, { ...o, config: clearingConfig, generatedAt: clock.now() }),
    stats: () => ({ connections: sockets.size, inFlight: inFlightTotal }),
    close,
  };
}
