import net from 'node:net';
import {
  decode,
  encode,
  encodeWithMac,
  FrameReader,
  frame,
  type IsoMessage,
  type Mti,
  retailMac,
} from '@posops/iso8583';

/**
 * A minimal host side of the link for tests: sends requests (with a MAC when given a key) and collects
 * answers, matched by type and STAN since the channel answers in any order.
 */
export class ChannelTestClient {
  readonly received: IsoMessage[] = [];
  readonly closed: Promise<void>;
  private readonly waiters = new Set<() => void>();
  private readonly reader = new FrameReader(65_535);
  private isClosed = false;

  private constructor(
    private readonly socket: net.Socket,
    private readonly macKey: Buffer | null,
  ) {
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        this.isClosed = true;
        for (const w of this.waiters) w();
        resolve();
      }),
    );
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      const { frames } = this.reader.push(chunk);
      for (const f of frames) {
        const d = decode(f);
        if (d.ok) this.received.push(d.message);
      }
      for (const w of this.waiters) w();
    });
  }

  static connect(port: number, options: { macKeyHex?: string | null } = {}): Promise<ChannelTestClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1' }, () =>
        resolve(
          new ChannelTestClient(socket, options.macKeyHex ? Buffer.from(options.macKeyHex, 'hex') : null),
        ),
      );
      socket.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  /** Packs and sends; financial messages get a MAC when the client has a key (unless `mac: false`). */
  send(message: { mti: Mti; fields: IsoMessage['fields'] }, options: { mac?: boolean } = {}): void {
    const full: IsoMessage = { tpdu: { destination: '0001', source: '0002' }, ...message };
    const withMac = options.mac ?? (this.macKey !== null && message.mti !== '0800');
    const body =
      withMac && this.macKey ? encodeWithMac(full, (d) => retailMac(this.macKey!, d)) : encode(full);
    this.socket.write(frame(body));
  }

  writeRaw(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** The first answer matching, waiting up to `timeoutMs`; null if none came. */
  async next(match: (m: IsoMessage) => boolean, timeoutMs = 2000): Promise<IsoMessage | null> {
    const found = () => {
      const i = this.received.findIndex(match);
      return i < 0 ? null : this.received.splice(i, 1)[0]!;
    };
    const now = found();
    if (now || this.isClosed) return now;
    return new Promise((resolve) => {
      const check = () => {
        const hit = found();
        if (hit || this.isClosed) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve(hit);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        resolve(null);
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Sends and waits for the answer of the same STAN; throws if none comes. */
  async request(message: { mti: Mti; fields: IsoMessage['fields'] }, timeoutMs = 2000): Promise<IsoMessage> {
    this.send(message);
    const answer = await this.answerTo(message, timeoutMs);
    if (!answer) throw new Error(`no answer to ${message.mti} STAN ${String(message.fields[11])}`);
    return answer;
  }

  answerTo(
    message: { mti: Mti; fields: IsoMessage['fields'] },
    timeoutMs = 2000,
  ): Promise<IsoMessage | null> {
    const mti = `${message.mti.slice(0, 2)}${Number(message.mti[2]) + 1}0`;
    return this.next((m) => m.mti === mti && m.fields[11] === message.fields[11], timeoutMs);
  }

  close(): Promise<void> {
    this.socket.end();
    this.socket.destroy();
    return this.closed;
  }
}

export const TEST_PAN = '6222020000000000000';
export const TEST_ACQUIRER = '48020000';
export const TEST_TID = '10000001';
export const TEST_MID = '898310054110001';

type Request = { mti: Mti; fields: IsoMessage['fields'] };

/** Requests of the link as the host builds them (docs/channel-protocol.md), with fresh STANs and RRNs. */
export function testRequests(options: { localDate?: string; firstStan?: number } = {}) {
  let seq = options.firstStan ?? 0;
  const localDate = options.localDate ?? '1125';
  const ids = () => {
    seq++;
    return { 11: String(seq).padStart(6, '0'), 37: `2611${String(seq).padStart(8, '0')}` };
  };
  const base = () => ({
    ...ids(),
    12: '101500',
    13: localDate,
    32: TEST_ACQUIRER,
    41: TEST_TID,
    42: TEST_MID,
    49: '156',
  });
  const amount = (fen: number | bigint) => String(fen).padStart(12, '0');
  const originalOf = (r: Request) => `000000${r.fields[11]}${r.fields[13]}`;
  const card = (pan: string) => ({ 2: pan, 14: '3012', 22: '051', 25: '00' });
  return {
    echo: (): Request => ({ mti: '0800', fields: { ...ids(), 32: TEST_ACQUIRER, 60: '00000000301' } }),
    purchase: (fen: number | bigint, pan = TEST_PAN): Request => ({
      mti: '0200',
      fields: { ...base(), ...card(pan), 3: '000000', 4: amount(fen), 60: '22000000' },
    }),
    qrPurchase: (fen: number | bigint, code = '134567890123456789'): Request => ({
      mti: '0200',
      fields: {
        ...base(),
        3: '000000',
        4: amount(fen),
        22: '031',
        25: '00',
        59: `QR${String(code.length).padStart(3, '0')}${code}`,
        60: '22000000',
      },
    }),
    balance: (pan = TEST_PAN): Request => ({
      mti: '0200',
      fields: { ...base(), ...card(pan), 3: '310000', 60: '01000000' },
    }),
    void: (original: Request, fen?: number | bigint): Request => ({
      mti: '0200',
      fields: {
        ...base(),
        3: '200000',
        4: fen === undefined ? original.fields[4]! : amount(fen),
        25: '00',
        60: '23000000',
        61: originalOf(original),
      },
    }),
    refund: (original: Request, fen: number | bigint): Request => ({
      mti: '0220',
      fields: { ...base(), 3: '200000', 4: amount(fen), 25: '00', 60: '25000000', 61: originalOf(original) },
    }),
    preauth: (fen: number | bigint, pan = TEST_PAN): Request => ({
      mti: '0100',
      fields: { ...base(), ...card(pan), 3: '030000', 4: amount(fen), 25: '06', 60: '10000000' },
    }),
    preauthCancel: (preauth: Request, authCode: string, fen: number | bigint): Request => ({
      mti: '0100',
      fields: {
        ...base(),
        3: '200000',
        4: amount(fen),
        25: '06',
        38: authCode,
        60: '11000000',
        61: originalOf(preauth),
      },
    }),
    completion: (preauth: Request, authCode: string, fen: number | bigint): Request => ({
      mti: '0200',
      fields: {
        ...base(),
        3: '000000',
        4: amount(fen),
        25: '06',
        38: authCode,
        60: '20000000',
        61: originalOf(preauth),
      },
    }),
    completionVoid: (completion: Request, fen?: number | bigint): Request => ({
      mti: '0200',
      fields: {
        ...base(),
        3: '200000',
        4: fen === undefined ? completion.fields[4]! : amount(fen),
        25: '06',
        60: '21000000',
        61: originalOf(completion),
      },
    }),
    /** The reversal of a request: same type family, STAN, date, amount and processing code. */
    reversal: (original: Request, reason = '98'): Request => {
      const { 2: _pan, 14: _exp, 52: _pin, 55: _icc, 59: _qr, 64: _mac, ...rest } = original.fields;
      return { mti: '0400', fields: { ...rest, 39: reason } };
    },
  };
}
