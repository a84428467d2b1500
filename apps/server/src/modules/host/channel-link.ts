import { connect, type Socket } from 'node:net';
import {
  decode,
  encode,
  encodeWithMac,
  FrameReader,
  frame,
  type IsoMessage,
  responseMti,
  retailMac,
  sameMac,
} from '@posops/iso8583';

/** Where the channel listens and how the link is secured (docs/channel-protocol.md). */
export interface ChannelLinkOptions {
  host: string;
  port: number;
  /** Zone MAC key (32 hex), or null when the link carries no MAC. */
  macKeyHex: string | null;
  timeoutMs: number;
}

export type ChannelAnswer = { answered: true; message: IsoMessage } | { answered: false; reason: string };

const TPDU = { destination: '0001', source: '0002' };

/**
 * The host's side of the channel link: one long-lived connection (opened again when it drops), many
 * requests in flight, answers matched by response type and STAN, a timeout per request, the MAC of the
 * link on financial messages (an answer with a bad MAC counts as no answer). Reversals that get no
 * answer are sent again until the channel acknowledges them (store-and-forward).
 */
export function createChannelLink(options: ChannelLinkOptions) {
  const macKey = options.macKeyHex ? Buffer.from(options.macKeyHex, 'hex') : null;
  let socket: Socket | null = null;
  let connecting: Promise<Socket> | null = null;
  const waiting = new Map<string, (message: IsoMessage) => void>();
  const reversals = new Map<string, IsoMessage>();
  let retryTimer: NodeJS.Timeout | null = null;
  let closed = false;

  const keyOf = (mti: string, stan: string) => `${mti}:${stan}`;

  const open = (): Promise<Socket> => {
    if (socket && !socket.destroyed) return Promise.resolve(socket);
    if (connecting) return connecting;
    connecting = new Promise<Socket>((resolve, reject) => {
      const s = connect(options.port, options.host, () => {
        socket = s;
        connecting = null;
        resolve(s);
      });
      s.setNoDelay(true);
      const reader = new FrameReader(4096);
      s.on('data', (chunk) => {
        const { frames, error } = reader.push(chunk);
        for (const body of frames) {
          const read = decode(body);
          if (!read.ok) continue;
          const m = read.message;
          if (macKey && m.mti !== '0810') {
            const mac = m.fields[64];
            if (
              !read.macInput ||
              !(mac instanceof Uint8Array) ||
              !sameMac(retailMac(macKey, read.macInput), mac)
            )
              continue;
          }
          const stan = m.fields[11];
          const wake = typeof stan === 'string' ? waiting.get(keyOf(m.mti, stan)) : undefined;
          if (wake) wake(m);
        }
        if (error) s.destroy();
      });
      s.on('error', (e) => {
        if (connecting) {
          connecting = null;
          reject(e);
        }
      });
      s.on('close', () => {
        if (socket === s) socket = null;
      });
    });
    return connecting;
  };

  const pack = (message: IsoMessage) =>
    macKey && message.mti !== '0800'
      ? encodeWithMac(message, (input) => retailMac(macKey, input))
      : encode(message);

  /** Sends one request and waits for its answer (or the timeout). */
  async function send(fields: IsoMessage['fields'], mti: IsoMessage['mti']): Promise<ChannelAnswer> {
    const message: IsoMessage = { tpdu: TPDU, mti, fields };
    const stan = fields[11] as string;
    const answerMti = responseMti(mti);
    if (!answerMti) throw new Error(`${mti} is not a request type`);
    let s: Socket;
    try {
      s = await open();
    } catch (error) {
      return { answered: false, reason: `channel unreachable: ${(error as Error).message}` };
    }
    return new Promise<ChannelAnswer>((resolve) => {
      const key = keyOf(answerMti, stan);
      const timer = setTimeout(() => {
        waiting.delete(key);
        resolve({ answered: false, reason: `no answer in ${options.timeoutMs} ms` });
      }, options.timeoutMs);
      waiting.set(key, (answer) => {
        clearTimeout(timer);
        waiting.delete(key);
        resolve({ answered: true, message: answer });
      });
      s.write(frame(pack(message)));
    });
  }

  const retryReversals = async () => {
    retryTimer = null;
    for (const [id, reversal] of reversals) {
      const answer = await send(reversal.fields, '0400');
      if (answer.answered && answer.message.fields[39] !== '30' && answer.message.fields[39] !== 'A0')
        reversals.delete(id);
    }
    if (reversals.size > 0 && !closed)
      retryTimer = setTimeout(() => void retryReversals(), options.timeoutMs).unref();
  };

  return {
    request: send,
    /**
     * 冲正: the reversal of a request the channel did not answer in time (or whose answer came too late
     * to use), queued until the channel acknowledges it.
     */
    reverse(original: IsoMessage['fields'], reason: '98' | '06') {
      const fields: IsoMessage['fields'] = {};
      for (const id of [3, 4, 11, 12, 13, 32, 37, 41, 42, 49, 60])
        if (original[id] !== undefined) fields[id] = original[id]!;
      fields[39] = reason;
      reversals.set(`${original[32]}:${original[13]}:${original[11]}`, { tpdu: TPDU, mti: '0400', fields });
      if (!retryTimer) void retryReversals();
    },
    pendingReversals: () => reversals.size,
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.destroy();
    },
  };
}

export type ChannelLink = ReturnType<typeof createChannelLink>;
