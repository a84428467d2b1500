/**
 * The field and message catalogue of the terminal protocol (docs/terminal-protocol.md). A field the
 * catalogue does not name cannot be read (its length is unknown), so a bitmap naming one is a format
 * error.
 */

/** n: BCD digits; z: track data (BCD, `=` as nibble D); an/ans: ASCII; b: raw bytes. */
export type FieldFormat = 'n' | 'z' | 'an' | 'ans' | 'b';
/** fixed, or a BCD length prefix of one (LL) or two (LLL) bytes. */
export type LengthKind = 'fixed' | 'LL' | 'LLL';

export interface FieldSpec {
  id: number;
  name: string;
  format: FieldFormat;
  length: LengthKind;
  /** Digits for n/z, characters for an/ans, bytes for b: exact when fixed, the maximum when variable. */
  max: number;
  /** Never logged or stored in full (PAN, track 2, PIN block, ICC data). */
  sensitive?: boolean;
}

const f = (
  id: number,
  name: string,
  format: FieldFormat,
  length: LengthKind,
  max: number,
  sensitive = false,
): FieldSpec => ({ id, name, format, length, max, ...(sensitive ? { sensitive } : {}) });

export const fieldSpecs: readonly FieldSpec[] = [
  f(2, 'primary account number', 'n', 'LL', 19, true),
  f(3, 'processing code', 'n', 'fixed', 6),
  f(4, 'amount', 'n', 'fixed', 12),
  f(11, 'system trace audit number', 'n', 'fixed', 6),
  f(12, 'local time', 'n', 'fixed', 6),
  f(13, 'local date', 'n', 'fixed', 4),
  f(14, 'expiry date', 'n', 'fixed', 4, true),
  f(15, 'settlement date', 'n', 'fixed', 4),
  f(22, 'POS entry mode', 'n', 'fixed', 3),
  f(23, 'card sequence number', 'n', 'fixed', 3),
  f(25, 'POS condition code', 'n', 'fixed', 2),
  f(26, 'PIN capture code', 'n', 'fixed', 2),
  f(32, 'acquiring institution', 'n', 'LL', 11),
  f(35, 'track 2', 'z', 'LL', 37, true),
  f(37, 'retrieval reference number', 'an', 'fixed', 12),
  f(38, 'authorisation code', 'an', 'fixed', 6),
  f(39, 'response code', 'an', 'fixed', 2),
  f(41, 'terminal id', 'ans', 'fixed', 8),
  f(42, 'merchant id', 'ans', 'fixed', 15),
  f(44, 'additional response data', 'ans', 'LL', 25),
  f(48, 'additional data', 'n', 'LLL', 322),
  f(49, 'currency', 'an', 'fixed', 3),
  f(52, 'PIN block', 'b', 'fixed', 8, true),
  f(53, 'security control', 'n', 'fixed', 16),
  f(55, 'ICC data', 'b', 'LLL', 255, true),
  f(59, 'terminal data', 'ans', 'LLL', 999),
  f(60, 'message details', 'n', 'LLL', 17),
  f(61, 'original message', 'n', 'LLL', 29),
  f(62, 'keys', 'b', 'LLL', 84),
  f(63, 'operator / card organisation', 'ans', 'LLL', 63),
  f(64, 'MAC', 'b', 'fixed', 8),
];

export const fieldSpec: ReadonlyMap<number, FieldSpec> = new Map(fieldSpecs.map((s) => [s.id, s]));

/** The message types of the protocol, requests and their responses. */
export const mtis = [
  '0100',
  '0110',
  '0200',
  '0210',
  '0220',
  '0230',
  '0400',
  '0410',
  '0500',
  '0510',
  '0800',
  '0810',
  '0820',
  '0830',
] as const;
export type Mti = (typeof mtis)[number];

export const requestMtis: readonly Mti[] = ['0100', '0200', '0220', '0400', '0500', '0800', '0820'];

export function isMti(value: string): value is Mti {
  return (mtis as readonly string[]).includes(value);
}

/** The response type of a request type: 0200 → 0210. */
export function responseMti(request: Mti): Mti | null {
  if (!requestMtis.includes(request)) return null;
  const response = `${request.slice(0, 2)}${Number(request[2]) + 1}0`;
  return isMti(response) ? response : null;
}

/** Field 39. */
export const responseCodes = {
  approved: '00',
  invalidMerchant: '03',
  doNotHonour: '05',
  invalidTransaction: '12',
  invalidAmount: '13',
  invalidCardNumber: '14',
  suspectedMalfunction: '22',
  originalNotFound: '25',
  formatError: '30',
  expiredCard: '33',
  lostCard: '41',
  stolenCard: '43',
  insufficientFunds: '51',
  expiredCardAlt: '54',
  incorrectPin: '55',
  notPermittedToCardholder: '57',
  notPermittedToTerminal: '58',
  suspectedFraud: '59',
  exceedsAmountLimit: '61',
  originalAmountIncorrect: '64',
  exceedsFrequencyLimit: '65',
  batchMismatch: '77',
  issuerUnavailable: '91',
  duplicateTransmission: '94',
  systemMalfunction: '96',
  terminalNotSignedOn: '97',
  macFailed: 'A0',
} as const;
export type ResponseCode = (typeof responseCodes)[keyof typeof responseCodes];
