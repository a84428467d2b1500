import { decode, encode, encodeWithMac } from '@posops/iso8583';
import { answerTo, formatErrorAnswer } from './answers';
import { heartbeat } from './heartbeat';
import { type HostContext, type Inbound, type Outbound, tidOf } from './host-context';
import { purchase } from './purchase';
import { signOn } from './sign-on';

/** Handlers by request type; the financial ones join with the transaction pipeline. */
const handlers: Partial<Record<string, (host: HostContext, inbound: Inbound) => Promise<Outbound>>> = {
  '0800': signOn,
  '0820': heartbeat,
  '0200': purchase,
};

/**
 * One frame in, at most one frame out: decoded, handed to its type's handler, the answer packed (MACed
 * where the handler says). `close` when the frame could not even be answered with 30.
 */
export async function handleFrame(
  host: HostContext,
  body: Uint8Array,
  remoteAddress: string | null,
): Promise<{ out: Uint8Array | null; close: boolean }> {
  const started = performance.now();
  const read = decode(body);
  if (!read.ok) {
    const answer = formatErrorAnswer(read.error);
    host.log({
      event: 'format_error',
      tid: typeof read.error.partial.fields[41] === 'string' ? read.error.partial.fields[41] : undefined,
      mti: read.error.partial.mti,
      code: answer ? '30' : undefined,
      reason: read.error.message,
      remote: remoteAddress,
    });
    return { out: answer ? encode(answer) : null, close: answer === null };
  }
  const inbound: Inbound = {
    message: read.message,
    macInput: read.macInput,
    remoteAddress,
    receivedAt: host.deps.clock.now(),
  };
  const handler = handlers[read.message.mti];
  let outbound: Outbound;
  try {
    outbound = handler
      ? await handler(host, inbound)
      : {
          answer: answerTo(read.message, '12'),
          reason: `message type ${read.message.mti} is not handled here`,
        };
  } catch (error) {
    host.log({
      event: 'handler_failed',
      mti: read.message.mti,
      tid: tidOf(read.message) ?? undefined,
      code: '96',
      reason: (error as Error).message,
      remote: remoteAddress,
    });
    outbound = { answer: answerTo(read.message, '96'), reason: 'system malfunction' };
  }
  const answer = outbound.answer;
  host.log({
    event: 'message',
    mti: read.message.mti,
    tid: tidOf(read.message) ?? undefined,
    code: typeof answer?.fields[39] === 'string' ? answer.fields[39] : undefined,
    reason: outbound.reason,
    ms: Math.round((performance.now() - started) * 10) / 10,
    remote: remoteAddress,
  });
  if (!answer) return { out: null, close: false };
  const mak = outbound.macWith;
  return {
    out: mak ? encodeWithMac(answer, (input) => host.security.macOf(mak, input)) : encode(answer),
    close: false,
  };
}
