import { createHash, randomUUID } from 'node:crypto';
import {
  buildField60,
  type IsoMessage,
  parseField59,
  parseField60,
  type ResponseCode,
} from '@posops/iso8583';
import { businessDate } from '@posops/kernel';
import type { TimelineStep } from '../transactions';
import { type CardRead, cardNumberCheck, expired, readCard } from '../transactions/card';
import { answerTo, localTimeFields } from './answers';
import type { HostContext, Inbound, Outbound } from './host-context';
import { runSteps, type Step } from './pipeline';
import type { TerminalSession } from './sessions';
import { admittedTerminal } from './sign-on';

/** What a card request of each kind is on the wire, and what the host checks for it. */
interface RequestSpec {
  kind: 'purchase' | 'balance';
  typeCode: string;
  processingCode: string;
  /** An amount is carried and checked against the limits. */
  moves: boolean;
  /** A customer-presented QR code may stand for the card. */
  qr: boolean;
}

const PURCHASE: RequestSpec = {
  kind: 'purchase',
  typeCode: '22',
  processingCode: '000000',
  moves: true,
  qr: true,
};
const BALANCE: RequestSpec = {
  kind: 'balance',
  typeCode: '01',
  processingCode: '310000',
  moves: false,
  qr: false,
};
const CNY = '156';

interface PurchaseState {
  spec: RequestSpec;
  host: HostContext;
  inbound: Inbound;
  request: IsoMessage;
  timeline: TimelineStep[];
  startedAt: number;
  key: string;
  tid: string;
  mid: string;
  stan: string;
  batch: number;
  localDate: string;
  localTime: string | null;
  amount: bigint;
  method: 'card' | 'qr';
  entryMode: string | null;
  pinEntered: boolean;
  businessDate: string;
  digest: string;
  unit?: { id: string; org_id: string; merchant_id: string | null; tid: string } | undefined;
  session?: TerminalSession | undefined;
  card?: CardRead | undefined;
  merchantId?: string | undefined;
  replay?: Replay | undefined;
  /** The host's RRN, given when the request goes to the channel. */
  rrn?: string | undefined;
  /** What went to the channel, to reverse it if the record fails. */
  channelRequest?: IsoMessage['fields'] | undefined;
  channel?:
    | { code: string; authCode: string | null; settlementDate: string | null; additional: string | null }
    | undefined;
}

interface Replay {
  response_code: string;
  rrn: string;
  auth_code: string | null;
}

/** The answer's fields that have a value (38, 15 and 44 are there only when the channel gave them). */
const present = (fields: Record<number, string | null | undefined>): IsoMessage['fields'] =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'string')) as IsoMessage['fields'];

const text = (m: IsoMessage, id: number) =>
  typeof m.fields[id] === 'string' ? (m.fields[id] as string) : null;

/** The content a repeat must share with its first copy (a different one gets 94). */
function digestOf(m: IsoMessage, card: string | null) {
  const parts = [
    m.mti,
    text(m, 3),
    text(m, 4),
    text(m, 41),
    text(m, 42),
    text(m, 49),
    text(m, 60),
    card ?? text(m, 59),
  ];
  return createHash('sha256').update(parts.join('|')).digest('hex');
}

const steps: readonly Step<PurchaseState>[] = [
  {
    name: 'terminal',
    async run(s) {
      const admitted = await admittedTerminal(s.host, s.inbound);
      if ('refused' in admitted) return { code: admitted.refused, reason: admitted.reason };
      s.unit = admitted.unit;
      s.merchantId = admitted.unit.merchant_id ?? undefined;
    },
  },
  {
    name: 'signed_on',
    async run(s) {
      const session = await s.host.sessions.get(s.tid);
      if (!session || session.terminalId !== s.unit!.id) return { code: '97', reason: 'not signed on' };
      s.session = session;
      if (session.batchNo !== s.batch)
        return { code: '77', reason: `batch ${s.batch}, the host has ${session.batchNo}` };
    },
  },
  {
    name: 'mac',
    run(s) {
      const mac = s.request.fields[64];
      if (!(mac instanceof Uint8Array) || !s.inbound.macInput) return { code: 'A0', reason: 'no MAC' };
      if (!s.host.security.verifyMac(s.session!.sealedMak, s.inbound.macInput, mac))
        return { code: 'A0', reason: 'MAC does not verify under the session MAK' };
    },
  },
  {
    name: 'card',
    run(s) {
      if (s.method === 'qr') return;
      const card = s.card!;
      const check = cardNumberCheck(card.pan);
      if (check === 'bad') return { code: '14', reason: 'card number fails Luhn' };
      if (check === 'unionpay_warning')
        s.timeline.push({
          step: 'card',
          outcome: 'info',
          detail: 'UnionPay BIN failing Luhn: the channel decides',
          atUs: 0,
        });
      if (card.expiry && expired(card.expiry, s.businessDate))
        return { code: '54', reason: `expired ${card.expiry}` };
      const pinBlock = s.request.fields[52];
      if (s.pinEntered && !(pinBlock instanceof Uint8Array))
        return { code: '30', reason: 'PIN entered (22) but no field 52' };
      if (!s.pinEntered && pinBlock !== undefined)
        return { code: '30', reason: 'field 52 without PIN entry (22)' };
    },
  },
  {
    name: 'amount',
    run(s) {
      if (!s.spec.moves) return;
      if (s.amount <= 0n) return { code: '13', reason: 'amount 0' };
      if (text(s.request, 49) !== CNY)
        return { code: '12', reason: `currency ${text(s.request, 49)} is not 156` };
    },
  },
  {
    name: 'repeat',
    async run(s) {
      const first = await s.host.financial.firstCopy({
        tid: s.tid,
        batch: s.batch,
        stan: s.stan,
        localDate: s.localDate,
        kind: s.spec.kind,
      });
      if (!first) return;
      if (first.request_digest !== s.digest)
        return { code: '94', reason: 'same TID, batch, STAN and date, other content' };
      s.replay = first;
      return { code: first.response_code as ResponseCode, reason: 'repeat: the first answer again' };
    },
  },
  {
    name: 'merchant',
    async run(s) {
      const merchant = await s.host.financial.risk.merchant(s.merchantId!);
      if (merchant?.status !== 'active')
        return { code: '03', reason: `merchant ${merchant?.status ?? 'unknown'}` };
      if (!s.spec.moves) return;
      const broken = await s.host.financial.risk.limitBroken(merchant, s.amount, s.businessDate);
      if (broken) return { code: '61', reason: `${broken} limit` };
    },
  },
  {
    name: 'channel',
    async run(s) {
      const link = s.host.financial.channel();
      if (!link) return { code: '91', reason: 'no channel configured' };
      const [stan, rrn] = await Promise.all([
        s.host.financial.numbers.channelStan(),
        s.host.financial.numbers.rrn(),
      ]);
      s.rrn = rrn;
      const clock = localTimeFields(s.inbound.receivedAt, s.host.deps.config.TZ_BUSINESS);
      const fields: IsoMessage['fields'] = {
        3: s.spec.processingCode,
        11: stan,
        ...clock,
        25: text(s.request, 25) ?? '00',
        32: s.host.deps.config.ACQUIRER_CODE,
        37: rrn,
        41: s.tid,
        42: s.mid,
        49: CNY,
        60: buildField60({ typeCode: s.spec.typeCode, batch: '000000' }),
      };
      if (s.spec.moves) fields[4] = text(s.request, 4)!;
      if (s.entryMode) fields[22] = s.entryMode;
      if (s.card) {
        fields[2] = s.card.pan;
        if (s.card.expiry) fields[14] = s.card.expiry;
      } else fields[59] = text(s.request, 59)!;
      if (s.request.fields[55] instanceof Uint8Array) fields[55] = s.request.fields[55];
      if (s.request.fields[23] !== undefined) fields[23] = s.request.fields[23];
      const pinBlock = s.request.fields[52];
      if (pinBlock instanceof Uint8Array && s.card) {
        const translated = s.host.security.translatePinBlock(s.session!.sealedPik, pinBlock, s.card.pan);
        if (!translated.ok) return { code: '55', reason: `PIN block ${translated.reason}` };
        fields[52] = translated.pinBlock;
        fields[26] = text(s.request, 26) ?? '06';
      }
      s.channelRequest = fields;
      const answer = await link.request(fields, '0200');
      if (!answer.answered) {
        link.reverse(fields, '98');
        return { code: '91', reason: `channel: ${answer.reason}; reversed` };
      }
      const code = text(answer.message, 39) ?? '96';
      s.channel = {
        additional: text(answer.message, 44),
        code,
        authCode: text(answer.message, 38)?.trimEnd() ?? null,
        settlementDate: text(answer.message, 15),
      };
      if (code !== '00') return { code: code as ResponseCode, reason: `channel declined ${code}` };
    },
  },
];

/**
 * 消费 (0200, 60.1 = 22): card (2/14/35/55, 52 when a PIN was entered) or customer-presented QR (59 QR);
 * 余额查询 (0200, 60.1 = 01, processing code 310000): a card, no amount, the balance back in 44.
 * Terminal admitted and signed on, MAC verified, card checked, a repeat answered as the first time, the
 * merchant's state and limits, then the channel; the record is committed before the answer goes out.
 */
export async function purchase(host: HostContext, inbound: Inbound): Promise<Outbound> {
  const request = inbound.message;
  const details = text(request, 60) ? parseField60(text(request, 60)!) : null;
  const spec = [PURCHASE, BALANCE].find((k) => k.typeCode === details?.typeCode);
  if (details && !spec) {
    return {
      answer: answerTo(request, '12'),
      reason: `0200 with 60.1 = ${details.typeCode} is not handled yet`,
    };
  }
  const qr = spec?.qr && text(request, 59) ? parseField59(text(request, 59)!)?.get('QR') : undefined;
  const card = readCard(request, host.deps.config.SECRET_KEY);
  // The entry mode (22) is a card's; a QR payment may carry one (03x) or not.
  const required = [3, 11, 25, 41, 42, ...(spec?.moves ? [4, 49] : []), ...(card ? [22] : [])];
  const missing = required.filter((id) => text(request, id) === null);
  if (missing.length > 0 || !details || !spec || text(request, 3) !== spec.processingCode || (!card && !qr)) {
    const why =
      missing.length > 0
        ? `missing ${missing.join(', ')}`
        : !card && !qr
          ? 'neither card nor QR code'
          : `processing code ${text(request, 3)} does not fit 60.1 = ${details?.typeCode}`;
    return { answer: answerTo(request, '30'), reason: why };
  }
  const tid = text(request, 41)!.trimEnd();
  const stan = text(request, 11)!;
  const localDate =
    text(request, 13) ?? localTimeFields(inbound.receivedAt, host.deps.config.TZ_BUSINESS)[13];
  const batch = Number(details.batch);
  const state: PurchaseState = {
    spec,
    host,
    inbound,
    request,
    timeline: [{ step: 'decode', outcome: 'ok', atUs: 0 }],
    startedAt: performance.now(),
    key: `${tid}|${batch}|${stan}|${localDate}|${spec.kind}`,
    tid,
    mid: text(request, 42)!.trimEnd(),
    stan,
    batch,
    localDate,
    localTime: text(request, 12),
    amount: spec.moves ? BigInt(text(request, 4)!) : 0n,
    method: card ? 'card' : 'qr',
    entryMode: text(request, 22),
    pinEntered: text(request, 22)?.[2] === '1',
    businessDate: businessDate(inbound.receivedAt, host.deps.config.TZ_BUSINESS),
    digest: digestOf(request, card?.stored.panHash ?? null),
    card: card ?? undefined,
  };
  return host.financial.once(state.key, () => decide(state));
}

/** An approval the channel gave that the host will not stand by goes back to it as a reversal (06). */
function reverseChannelLeg(s: PurchaseState, approved: boolean) {
  const link = s.host.financial.channel();
  if (approved && link && s.channelRequest) link.reverse(s.channelRequest, '06');
}

async function decide(s: PurchaseState): Promise<Outbound> {
  const { host, request } = s;
  const decline = await runSteps(steps, s);
  const macWith = s.session?.sealedMak;
  const times = localTimeFields(s.inbound.receivedAt, host.deps.config.TZ_BUSINESS);
  if (s.replay) {
    return {
      answer: answerTo(
        request,
        s.replay.response_code as ResponseCode,
        present({ ...times, 32: host.deps.config.ACQUIRER_CODE, 37: s.replay.rrn, 38: s.replay.auth_code }),
      ),
      macWith,
      reason: 'repeat: the first answer again',
    };
  }
  const code: ResponseCode = decline?.code ?? '00';
  if (
    !s.unit?.merchant_id ||
    (decline && ['terminal', 'signed_on', 'mac', 'repeat'].includes(decline.step))
  ) {
    // Nothing to record: not a known terminal's genuine request, or a copy of one recorded.
    return {
      answer: answerTo(request, code),
      macWith: decline?.step === 'mac' ? undefined : macWith,
      reason: decline?.reason ?? '',
    };
  }
  const rrn = s.rrn ?? (await host.financial.numbers.rrn());
  const approved = code === '00';
  const authCode = approved ? (s.channel?.authCode ?? null) : null;
  const id = randomUUID();
  try {
    const outcome = await host.financial.writer.write({
      id,
      merchant_id: s.unit.merchant_id,
      host_at: s.inbound.receivedAt,
      org_id: s.unit.org_id,
      terminal_id: s.unit.id,
      tid: s.tid,
      mid: s.mid,
      batch_no: s.batch,
      stan: s.stan,
      local_date: s.localDate,
      local_time: s.localTime,
      business_date: s.businessDate,
      kind: s.spec.kind,
      method: s.method,
      entry_mode: s.entryMode,
      pin_entered: s.pinEntered,
      amount_minor: s.amount,
      currency: text(request, 49) ?? CNY,
      pan_masked: s.card?.stored.panMasked ?? null,
      pan_bin: s.card?.stored.panBin ?? null,
      pan_hash: s.card?.stored.panHash ?? null,
      rrn,
      auth_code: authCode,
      response_code: code,
      approved,
      decline_step: decline?.step ?? null,
      decline_reason: decline?.reason ?? null,
      original_id: null,
      original_rrn: null,
      channel: s.channel ? 'channel' : null,
      channel_response: s.channel?.code ?? null,
      request_digest: s.digest,
      timeline: JSON.stringify([
        ...s.timeline,
        { step: 'record', outcome: 'ok', atUs: Math.round((performance.now() - s.startedAt) * 1000) },
      ]),
      latency_us: Math.round((performance.now() - s.startedAt) * 1000),
    });
    if (!outcome.saved) {
      // A copy through another process won the record: this one's channel leg is undone.
      reverseChannelLeg(s, approved);
      return { answer: answerTo(request, '94'), macWith, reason: 'a copy raced the first' };
    }
  } catch (error) {
    // Not recorded: never approved, and the channel leg is undone.
    reverseChannelLeg(s, approved);
    return { answer: answerTo(request, '96'), macWith, reason: `record failed: ${(error as Error).message}` };
  }
  if (approved) host.financial.risk.approved(s.unit.merchant_id, s.amount, s.businessDate);
  return {
    answer: answerTo(
      request,
      code,
      present({
        ...times,
        15: s.channel?.settlementDate,
        32: host.deps.config.ACQUIRER_CODE,
        37: rrn,
        38: authCode,
        // A balance comes back in 44 (the field-54 layout: account type, amount type, currency, C/D, amount).
        44: s.spec.kind === 'balance' ? s.channel?.additional : null,
      }),
    ),
    macWith,
    reason: decline ? `${decline.step}: ${decline.reason}` : 'approved',
  };
}
