import { randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import {
  buildField60,
  buildField62,
  decode,
  encode,
  encodeWithMac,
  FrameReader,
  frame,
  type IsoMessage,
  parseField60,
  responseMti,
  swapTpdu,
} from '@posops/iso8583';
import { keyCheckValue, macUnder, macVerifies, parseKeyHex, tripleDesEncrypt } from './keys';
import type { ExchangeResult, Transport } from './link';

/**
 * A scripted stand-in for the terminal host, for the simulator's own unit tests only (the host itself is
 * tested against the real server: apps/server/src/modules/host/terminal-sim.test.ts). It signs on with
 * keys under the TMK, checks every financial request's MAC, approves by default, and can be told to
 * drop an answer, spoil its MAC, decline, or send keys whose check values do not match.
 */

export type StubBehaviour = 'answer' | 'drop' | 'bad_mac' | { code: string };

export interface StubRequest {
  message: IsoMessage;
  /** For financial requests: whether field 64 verified under the session MAK. */
  macValid: boolean | null;
}

export interface StubHostOptions {
  tmk: string;
  batch?: number;
  behave?: (request: IsoMessage, seen: number) => StubBehaviour;
  badCheckValue?: 'pik' | 'mak';
}

const FINANCIAL = new Set(['0100', '0200', '0220', '0400', '0500']);
const ECHOED = [3, 4, 11, 22, 25, 41, 42, 49, 60, 61] as const;

export class StubHost {
  readonly requests: StubRequest[] = [];
  private readonly tmk: Buffer;
  private readonly mak = randomBytes(16);
  private readonly pik = randomBytes(16);
  private rrn = 100_000_000_000;
  batch: number;

  constructor(private readonly options: StubHostOptions) {
    this.tmk = parseKeyHex(options.tmk);
    this.batch = options.batch ?? 7;
  }

  /** The session PIK in clear (tests decrypt field 52 with it). */
  get clearPik(): Buffer {
    return this.pik;
  }
  get clearMak(): Buffer {
    return this.mak;
  }

  /** One request in, the answer out (null: no answer). */
  handle(body: Uint8Array): Uint8Array | null {
    const read = decode(body);
    if (!read.ok) {
      // As the host does: 30 when the header (and here the STAN) can be read.
      const { tpdu, mti, fields } = read.error.partial;
      const response = mti ? responseMti(mti) : null;
      if (!tpdu || !response) return null;
      this.requests.push({ message: { tpdu, mti: mti!, fields }, macValid: null });
      return encode({
        tpdu: swapTpdu(tpdu),
        mti: response,
        fields: { 11: fields[11]!, 39: '30', 41: fields[41]! },
      });
    }
    const request = read.message;
    const financial = FINANCIAL.has(request.mti);
    const mac = request.fields[64];
    const macValid = financial
      ? mac instanceof Uint8Array && read.macInput !== null && macVerifies(this.mak, read.macInput, mac)
      : null;
    this.requests.push({ message: request, macValid });
    const behaviour = this.options.behave?.(request, this.requests.length) ?? 'answer';
    if (behaviour === 'drop') return null;
    const fields: IsoMessage['fields'] = {};
    for (const id of ECHOED) if (request.fields[id] !== undefined) fields[id] = request.fields[id];
    fields[39] = typeof behaviour === 'object' ? behaviour.code : '00';
    if (macValid === false) fields[39] = 'A0';
    if (request.mti === '0800') {
      const check = (key: Buffer, which: 'pik' | 'mak') => {
        const kcv = keyCheckValue(key);
        if (this.options.badCheckValue === which) kcv[0]! ^= 0xff;
        return kcv;
      };
      fields[60] = buildField60({
        typeCode: '00',
        batch: String(this.batch).padStart(6, '0'),
        network: '004',
      });
      fields[62] = buildField62({
        pik: tripleDesEncrypt(this.tmk, this.pik),
        pikCheck: check(this.pik, 'pik'),
        mak: tripleDesEncrypt(this.tmk, this.mak),
        makCheck: check(this.mak, 'mak'),
      });
    }
    if (['0200', '0100', '0220'].includes(request.mti) && fields[39] === '00') {
      fields[37] = String(++this.rrn);
      fields[38] = String(this.rrn % 1_000_000).padStart(6, '0');
    }
    if (request.mti === '0500' && fields[39] === '00') {
      fields[48] = `${request.fields[48]}1`;
      const details = parseField60(request.fields[60] as string)!;
      this.batch = Number(details.batch) + 1;
    }
    const answer: IsoMessage = { tpdu: swapTpdu(request.tpdu), mti: responseMti(request.mti)!, fields };
    if (!financial || macValid === false) return encode(answer);
    const packed = encodeWithMac(answer, macUnder(this.mak));
    if (behaviour === 'bad_mac') packed[packed.length - 1]! ^= 0x01;
    return packed;
  }

  /** An in-memory link to this host: a dropped answer is a timeout after `timeoutMs`. */
  transport(): Transport {
    return {
      exchange: async (body, expect, timeoutMs): Promise<ExchangeResult> => {
        const out = this.handle(body);
        if (!out) {
          await new Promise((resolve) => setTimeout(resolve, timeoutMs));
          return { kind: 'timeout' };
        }
        const read = decode(out);
        if (!read.ok) return { kind: 'format', reason: read.error.message };
        if (read.message.mti !== expect.mti || read.message.fields[11] !== expect.stan)
          throw new Error('the stub answered something else');
        return { kind: 'answer', read, body: out };
      },
      close: async () => undefined,
    };
  }

  /** The same host over TCP on a free port of 127.0.0.1. */
  async listen(): Promise<{ port: number; close(): Promise<void> }> {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      const reader = new FrameReader(8192);
      socket.on('data', (chunk: Buffer) => {
        for (const body of reader.push(chunk).frames) {
          const out = this.handle(body);
          if (out && !socket.destroyed) socket.write(frame(out));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return {
      port: typeof address === 'object' && address ? address.port : 0,
      close: () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          server.close(() => resolve());
        }),
    };
  }
}
