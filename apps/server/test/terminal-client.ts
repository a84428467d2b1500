/** A POS terminal's side of the protocol for tests: one TCP connection, requests matched to answers by STAN. */
import { connect, type Socket } from 'node:net';
import { type DecodeResult, decode, encode, FrameReader, frame, type IsoMessage } from '@posops/iso8583';

export const TPDU = { destination: '0003', source: '0000' };

export class TerminalClient {
  private readonly socket: Socket;
  private readonly reader = new FrameReader(65535);
  private readonly waiting = new Map<string, (answer: DecodeResult) => void>();
  private readonly unmatched: DecodeResult[] = [];
  closed: Promise<void>;

  private constructor(socket: Socket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk) => {
      for (const body of this.reader.push(chunk).frames) {
        const read = decode(body);
        const stan = read.ok ? read.message.fields[11] : undefined;
        const wake = typeof stan === 'string' ? this.waiting.get(stan) : undefined;
        if (wake && typeof stan === 'string') {
          this.waiting.delete(stan);
          wake(read);
        } else this.unmatched.push(read);
      }
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<TerminalClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new TerminalClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends raw bytes (a whole frame, several, or a broken one). */
  write(bytes: Uint8Array) {
    this.socket.write(bytes);
  }

  /** Sends a message and waits for the answer with the same STAN (field 11). */
  request(
    message: IsoMessage | Uint8Array,
    { timeoutMs = 5000, stan: expected }: { timeoutMs?: number; stan?: string } = {},
  ): Promise<IsoMessage & { raw: DecodeResult }> {
    const body = message instanceof Uint8Array ? message : encode(message);
    const read = decode(body);
    const stan = expected ?? (read.ok ? read.message.fields[11] : undefined);
    if (typeof stan !== 'string') throw new Error('a request needs field 11 to be matched');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to STAN ${stan}`)), timeoutMs);
      this.waiting.set(stan, (answer) => {
        clearTimeout(timer);
        if (!answer.ok) reject(answer.error);
        else resolve({ ...answer.message, raw: answer });
      });
      this.socket.write(frame(body));
    });
  }

  close() {
    this.socket.end();
    return this.closed;
  }
}
