import { connect, type Socket } from 'node:net';
import { type DecodeResult, decode, FrameReader, frame, type Mti } from '@posops/iso8583';

/**
 * How a terminal reaches the host. A real fleet has both kinds: terminals that keep one TCP connection
 * open for everything (answers matched by type and STAN, several in flight), and terminals (GPRS, dial-up
 * heritage) that open a connection per transaction and close it after the answer.
 */

export type ExchangeResult =
  | { kind: 'answer'; read: Extract<DecodeResult, { ok: true }>; body: Uint8Array }
  | { kind: 'format'; reason: string }
  | { kind: 'timeout' }
  | { kind: 'connection'; reason: string };

export interface Transport {
  /** Sends one framed request body and waits for the answer of type `expect.mti` with STAN `expect.stan`. */
  exchange(body: Uint8Array, expect: { mti: Mti; stan: string }, timeoutMs: number): Promise<ExchangeResult>;
  close(): Promise<void>;
}

export type ConnectionPolicy = 'persistent' | 'per-transaction';

export interface LinkOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
  /** Largest answer frame taken (the protocol's frames are small). */
  maxFrameBytes?: number;
  /** An answer nobody waits for any more (late after a timeout) or that cannot be read. */
  onStray?: (what: 'late' | 'format', reason: string) => void;
}

const CONNECT_TIMEOUT_MS = 5000;
const MAX_FRAME_BYTES = 8192;

function open(options: LinkOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: options.host, port: options.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('connect timed out'));
    }, options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

const keyOf = (mti: string, stan: string) => `${mti}:${stan}`;

/** What a frame body answers: its type and STAN, read even from a message that breaks a rule. */
function answerKey(read: DecodeResult): string | null {
  const mti = read.ok ? read.message.mti : read.error.partial.mti;
  const stan = read.ok ? read.message.fields[11] : read.error.partial.fields[11];
  return mti && typeof stan === 'string' ? keyOf(mti, stan) : null;
}

type Waiter = (result: ExchangeResult) => void;

/** One connection kept open and reopened when lost; answers matched to requests by type and STAN. */
export class PersistentLink implements Transport {
  private socket: Socket | null = null;
  private opening: Promise<Socket> | null = null;
  private readonly waiting = new Map<string, Waiter>();
  private closed = false;

  constructor(private readonly options: LinkOptions) {}

  private connection(): Promise<Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    if (!this.opening) {
      this.opening = open(this.options)
        .then((socket) => {
          this.attach(socket);
          return socket;
        })
        .finally(() => {
          this.opening = null;
        });
    }
    return this.opening;
  }

  private attach(socket: Socket) {
    this.socket = socket;
    const reader = new FrameReader(this.options.maxFrameBytes ?? MAX_FRAME_BYTES);
    socket.on('data', (chunk: Buffer) => {
      const { frames, error } = reader.push(chunk);
      for (const body of frames) this.deliver(body);
      if (error) {
        this.options.onStray?.('format', error);
        socket.destroy();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
      // Whatever was in flight on it will not be answered.
      for (const [key, wake] of this.waiting) {
        this.waiting.delete(key);
        wake({ kind: 'connection', reason: 'connection closed before the answer' });
      }
    });
  }

  private deliver(body: Uint8Array) {
    const read = decode(body);
    const key = answerKey(read);
    const wake = key ? this.waiting.get(key) : undefined;
    if (!wake || !key) {
      this.options.onStray?.(read.ok ? 'late' : 'format', read.ok ? `answer ${key}` : read.error.message);
      return;
    }
    this.waiting.delete(key);
    wake(read.ok ? { kind: 'answer', read, body } : { kind: 'format', reason: read.error.message });
  }

  async exchange(body: Uint8Array, expect: { mti: Mti; stan: string }, timeoutMs: number) {
    if (this.closed) return { kind: 'connection', reason: 'link closed' } as const;
    let socket: Socket;
    try {
      socket = await this.connection();
    } catch (error) {
      return { kind: 'connection', reason: (error as Error).message } as const;
    }
    if (socket.destroyed) return { kind: 'connection', reason: 'connection closed' } as const;
    const key = keyOf(expect.mti, expect.stan);
    return new Promise<ExchangeResult>((resolve) => {
      const timer = setTimeout(() => {
        if (this.waiting.get(key) === done) this.waiting.delete(key);
        resolve({ kind: 'timeout' });
      }, timeoutMs);
      const done: Waiter = (result) => {
        clearTimeout(timer);
        resolve(result);
      };
      this.waiting.get(key)?.({ kind: 'connection', reason: 'the same type and STAN sent again' });
      this.waiting.set(key, done);
      socket.write(frame(body));
    });
  }

  async close() {
    this.closed = true;
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 1000).unref();
    });
  }
}

/** A new connection for each exchange, closed after the answer (or the timeout). */
export class PerTransactionLink implements Transport {
  private readonly open = new Set<Socket>();

  constructor(private readonly options: LinkOptions) {}

  async exchange(body: Uint8Array, expect: { mti: Mti; stan: string }, timeoutMs: number) {
    const started = Date.now();
    let socket: Socket;
    try {
      socket = await open(this.options);
    } catch (error) {
      return { kind: 'connection', reason: (error as Error).message } as const;
    }
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
    const reader = new FrameReader(this.options.maxFrameBytes ?? MAX_FRAME_BYTES);
    const result = await new Promise<ExchangeResult>((resolve) => {
      const timer = setTimeout(
        () => resolve({ kind: 'timeout' }),
        Math.max(1, timeoutMs - (Date.now() - started)),
      );
      const finish = (r: ExchangeResult) => {
        clearTimeout(timer);
        resolve(r);
      };
      socket.on('data', (chunk: Buffer) => {
        const { frames, error } = reader.push(chunk);
        if (error) return finish({ kind: 'format', reason: error });
        for (const f of frames) {
          const read = decode(f);
          const key = answerKey(read);
          if (key !== keyOf(expect.mti, expect.stan)) {
            this.options.onStray?.(
              read.ok ? 'late' : 'format',
              read.ok ? `answer ${key}` : read.error.message,
            );
            if (!read.ok && key === null) return finish({ kind: 'format', reason: read.error.message });
            continue;
          }
          return finish(
            read.ok ? { kind: 'answer', read, body: f } : { kind: 'format', reason: read.error.message },
          );
        }
      });
      socket.on('error', () => undefined);
      socket.on('close', () => finish({ kind: 'connection', reason: 'connection closed before the answer' }));
      socket.write(frame(body));
    });
    socket.end();
    setTimeout(() => socket.destroy(), 1000).unref();
    return result;
  }

  async close() {
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }
}

export function createLink(policy: ConnectionPolicy, options: LinkOptions): Transport {
  return policy === 'persistent' ? new PersistentLink(options) : new PerTransactionLink(options);
}
