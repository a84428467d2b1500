import { maskPan } from '@posops/kernel';

/**
 * Test cards of the simulator. Every number passes Luhn and is a test number (no real cardholder):
 * UnionPay BINs of large Chinese issuers with made-up account digits, the schemes' published test
 * numbers, and the channel simulator's lost/stolen cards (apps/channel-sim/src/sandbox.ts) for declines.
 * Card numbers never appear in full in anything the simulator prints: see `masked`.
 */

/** How the card was read; the first two digits of field 22. */
export type EntryMode = 'manual' | 'magstripe' | 'chip' | 'contactless';

export interface TestCard {
  pan: string;
  /** YYMM, field 14. */
  expiry: string;
  /** Track 2 service code: 2xx is a chip card, 1xx a magnetic-stripe-only one. */
  serviceCode: string;
  /** Field 23 for chip reads. */
  sequence: string;
  /** Debit cards always ask for the PIN (as Chinese debit cards do). */
  debit: boolean;
  label: string;
}

const card = (pan: string, serviceCode: string, debit: boolean, label: string): TestCard => ({
  pan,
  expiry: '3012',
  serviceCode,
  sequence: '001',
  debit,
  label,
});

/** Cards that approve (the channel simulator decides by the amount, not the card). */
export const testCards: readonly TestCard[] = [
  card('6222021000000000017', '201', true, 'UnionPay debit, 19 digits, chip'),
  card('6228480000000007', '201', true, 'UnionPay debit, 16 digits, chip'),
  card('6250946000000008', '201', false, 'UnionPay credit, chip'),
  card('6217000000000001010', '101', true, 'UnionPay debit, magnetic stripe only'),
  card('4111111111111111', '201', false, 'Visa test card, chip'),
  card('5555555555554444', '201', false, 'Mastercard test card, chip'),
];

/** The channel simulator's lost (41) and stolen (43) test cards. */
export const hotlistedCards: readonly TestCard[] = [
  card('6226090000000048', '201', true, 'lost (41) in the channel simulator'),
  card('6226090000000055', '201', true, 'stolen (43) in the channel simulator'),
];

/** A card number as the simulator prints it: first 6 and last 4 digits. */
export function masked(pan: string): string {
  return maskPan(pan);
}

export function isChip(c: TestCard): boolean {
  return c.serviceCode.startsWith('2');
}

/** Field 22: entry mode and PIN capability (1 = PIN entered, 2 = no PIN). */
export function entryModeField(mode: EntryMode, pinEntered: boolean): string {
  const prefix = { manual: '01', magstripe: '02', chip: '05', contactless: '07' }[mode];
  return `${prefix}${pinEntered ? '1' : '2'}`;
}

/** Field 22 of a QR payment: 03 (bar code / QR read), no PIN. Not in the protocol page's list (see README). */
export const QR_ENTRY_MODE = '032';

/** Track 2 equivalent data: PAN = expiry, service code, discretionary data (z..37). */
export function track2(c: TestCard): string {
  const head = `${c.pan}=${c.expiry}${c.serviceCode}`;
  return `${head}${'0'.repeat(Math.min(8, 37 - head.length))}`;
}

function tlv(tag: string, valueHex: string): string {
  const length = valueHex.length / 2;
  if (!Number.isInteger(length) || length > 127) throw new RangeError(`tag ${tag}: bad value`);
  return `${tag}${length.toString(16).padStart(2, '0')}${valueHex}`;
}

/**
 * Field 55 of a chip or contactless read: the EMV tags an issuer's authorisation needs (cryptogram,
 * its data, amount, date, currency), with a cryptogram that is random (no issuer checks it here).
 */
export function iccData(
  c: TestCard,
  amountFen: bigint,
  localDate: { year: string; month: string; day: string },
  random: () => number,
  transactionType: '00' | '30' | '31' = '00',
): Uint8Array {
  const bytesHex = (n: number) =>
    Array.from({ length: n }, () =>
      Math.floor(random() * 256)
        .toString(16)
        .padStart(2, '0'),
    ).join('');
  const aid = c.pan.startsWith('62')
    ? 'A000000333010101'
    : c.pan.startsWith('4')
      ? 'A0000000031010'
      : 'A0000000041010';
  const tags = [
    tlv('9F26', bytesHex(8)),
    tlv('9F27', '80'),
    tlv('9F10', '07010103A0A802010A010000000000'),
    tlv('9F37', bytesHex(4)),
    tlv('9F36', bytesHex(2)),
    tlv('95', '0000000000'),
    tlv('9A', `${localDate.year.slice(-2)}${localDate.month}${localDate.day}`),
    tlv('9C', transactionType),
    tlv('9F02', String(amountFen).padStart(12, '0')),
    tlv('5F2A', '0156'),
    tlv('82', '7C00'),
    tlv('9F1A', '0156'),
    tlv('9F03', '000000000000'),
    tlv('9F33', 'E0E1C8'),
    tlv('9F34', '420300'),
    tlv('9F35', '22'),
    tlv('84', aid),
  ];
  return new Uint8Array(Buffer.from(tags.join(''), 'hex'));
}
