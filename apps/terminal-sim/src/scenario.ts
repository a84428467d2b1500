import { type EntryMode, hotlistedCards, isChip, type TestCard, testCards } from './cards';
import type { TxnKind } from './journal';
import type { CardUse } from './terminal';

/**
 * What the simulated cashiers do: the mix of transactions, cards and how they are read, amounts. The
 * channel simulator decides by the amount's last two digits (docs/terminal-protocol.md, Demo and sandbox),
 * so ordinary amounts never end in a declining ending; `decline` arrivals choose one on purpose.
 */

/** A kind of arrival: a transaction type, a purchase whose answer is lost (then reversed), or a decline. */
export type MixKind = TxnKind | 'reversal' | 'decline';

export const mixKinds: readonly MixKind[] = [
  'purchase',
  'qr',
  'balance',
  'void',
  'refund',
  'preauth',
  'completion',
  'preauth_cancel',
  'completion_void',
  'reversal',
  'decline',
];

/** Relative weights (they need not add up to 100). */
export type Mix = Partial<Record<MixKind, number>>;

export const defaultMix: Mix = {
  purchase: 60,
  qr: 12,
  balance: 2,
  void: 4,
  refund: 4,
  preauth: 5,
  completion: 4,
  preauth_cancel: 1,
  completion_void: 1,
  reversal: 3,
  decline: 4,
};

/** `purchase=70,qr=10,void=5`: kinds from `mixKinds`, whole non-negative weights, at least one above 0. */
export function parseMix(text: string): Mix {
  const mix: Mix = {};
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const m = /^([a-z_]+)=(\d{1,6})$/.exec(item);
    if (!m) throw new Error(`mix: "${item}" is not kind=weight`);
    const kind = m[1] as MixKind;
    if (!mixKinds.includes(kind))
      throw new Error(`mix: unknown kind ${m[1]} (kinds: ${mixKinds.join(', ')})`);
    mix[kind] = Number(m[2]);
  }
  if (Object.values(mix).every((w) => !w)) throw new Error('mix: at least one weight above 0');
  return mix;
}

/** A picker of kinds by weight. */
export function mixPicker(mix: Mix, random: () => number): () => MixKind {
  const entries = mixKinds.filter((k) => (mix[k] ?? 0) > 0).map((k) => [k, mix[k]!] as const);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  if (total <= 0) throw new RangeError('a mix needs a weight above 0');
  return () => {
    let x = random() * total;
    for (const [kind, weight] of entries) {
      x -= weight;
      if (x < 0) return kind;
    }
    return entries.at(-1)![0];
  };
}

/** Mulberry32: a small seeded generator, so a run can be repeated. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.floor(random() * items.length)]!;

/** Endings (fen) the channel simulator declines, delays or never answers. */
const SANDBOX_ENDINGS = new Set([51, 5, 54, 55, 61, 91, 98, 99]);
/** Endings that decline at once (51 funds, 05 do not honour, 54 expired, 55 PIN, 61 limit, 91 issuer). */
const DECLINING_ENDINGS = [51, 5, 54, 55, 61, 91];
const CONTACTLESS_NO_PIN_FEN = 100_000n;

/** Moves an amount off the sandbox's special endings, downwards (so it stays ≤ a hold it completes). */
export function approvingAmount(fen: bigint): bigint {
  let out = fen;
  while (SANDBOX_ENDINGS.has(Number(out % 100n)) && out > 1n) out -= 1n;
  return out;
}

/** A shop's amount: mostly small tickets, now and then a larger one (¥1.00 to ¥800, about ¥115 on average), approving. */
export function randomAmount(random: () => number): bigint {
  const yuan = random() < 0.9 ? 1 + random() * 149 : 150 + random() * 650;
  return approvingAmount(BigInt(Math.round(yuan * 100)));
}

export function decliningAmount(random: () => number): bigint {
  const yuan = BigInt(1 + Math.floor(random() * 300));
  return yuan * 100n + BigInt(pick(DECLINING_ENDINGS, random));
}

/** A card and how it is read: chip mostly, tapped often, swiped or keyed in now and then. */
export function cardUse(
  random: () => number,
  amountFen: bigint,
  options: { card?: TestCard; pin?: boolean } = {},
): CardUse {
  const card = options.card ?? pick(testCards, random);
  const r = random();
  const entry: EntryMode = isChip(card)
    ? r < 0.5
      ? 'chip'
      : r < 0.8
        ? 'contactless'
        : r < 0.9
          ? 'magstripe'
          : 'manual'
    : r < 0.8
      ? 'magstripe'
      : 'manual';
  // Small contactless payments need no PIN (闪付免密); debit cards ask for it otherwise, credit cards sometimes.
  const pin =
    options.pin ??
    (entry === 'contactless' && amountFen <= CONTACTLESS_NO_PIN_FEN ? false : card.debit || random() < 0.3);
  return { card, entry, pin };
}

export function hotlistedCardUse(random: () => number): CardUse {
  return { card: pick(hotlistedCards, random), entry: 'chip', pin: true };
}

/** A customer's payment code as a wallet shows it: WeChat Pay (13…), Alipay (28…) or UnionPay (62…). */
export function qrCode(random: () => number): string {
  const [prefix, length] = pick(
    [
      ['13', 18],
      ['28', 18],
      ['62', 19],
    ] as const,
    random,
  );
  let digits = prefix as string;
  while (digits.length < length) digits += String(Math.floor(random() * 10));
  return digits;
}

/** Part of what is left: the whole of it half the time, else a random share (at least 1 fen). */
export function partOf(leftFen: bigint, random: () => number): bigint {
  if (leftFen <= 1n || random() < 0.5) return leftFen;
  const share = BigInt(Math.max(1, Math.floor(Number(leftFen) * (0.1 + random() * 0.8))));
  return share < leftFen ? share : leftFen;
}

/**
 * The STAN a terminal starts from when it cannot remember its last one (a simulator restarted on the same
 * day, same batch): ten a second since local midnight, so a later run does not repeat an earlier run's STANs
 * (and get 94) unless a terminal sent more than ten a second.
 */
export function clockStan(at: Date, timeZone = 'Asia/Shanghai'): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return (get('hour') * 3600 + get('minute') * 60 + get('second')) * 10 + 1;
}
