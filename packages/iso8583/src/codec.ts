import { packDigits, packLength, unpackDigits, unpackLength } from './bcd';
import { Iso8583FormatError, type PartialMessage, type Tpdu } from './errors';
import { type FieldSpec, fieldSpec, isMti, type Mti } from './spec';

/** One message: its TPDU, type and fields (strings for n, z, an, ans; bytes for b). */
export interface IsoMessage {
  tpdu: Tpdu;
  mti: Mti;
  fields: Record<number, string | Uint8Array>;
}

export type DecodeResult =
  | { ok: true; message: IsoMessage; macInput: Uint8Array | null }
  | { ok: false; error: Iso8583FormatError };

const TPDU_ID = 0x60;
const TPDU_BYTES = 5;
const MTI_BYTES = 2;
const BITMAP_BYTES = 8;
const AN = /^[A-Za-z0-9 ]*$/;
const ANS = /^[\x20-\x7e]*$/;
const HEX4 = /^[0-9A-Fa-f]{4}$/;

const digitsOf = (spec: FieldSpec) => (spec.format === 'n' || spec.format === 'z' ? spec.max : 0);
const prefixWidth = (spec: FieldSpec): 0 | 1 | 2 =>
  spec.length === 'LL' ? 1 : spec.length === 'LLL' ? 2 : 0;

function encodeField(spec: FieldSpec, value: string | Uint8Array): Uint8Array {
  const bad = (problem: 'bad_value' | 'bad_characters' | 'bad_length', why: string) =>
    new Iso8583FormatError(problem, why, { field: spec.id });
  const width = prefixWidth(spec);
  if (spec.format === 'b') {
    if (!(value instanceof Uint8Array)) throw bad('bad_value', 'a binary field takes bytes');
    if (width === 0 ? value.length !== spec.max : value.length > spec.max)
      throw bad('bad_length', `${value.length} bytes, ${width === 0 ? 'exactly' : 'at most'} ${spec.max}`);
    return width === 0 ? value : concat([packLength(value.length, width), value]);
  }
  if (typeof value !== 'string') throw bad('bad_value', `a ${spec.format} field takes text`);
  if (spec.format === 'n' || spec.format === 'z') {
    const allowed = spec.format === 'z' ? /^[0-9=]*$/ : /^[0-9]*$/;
    if (!allowed.test(value))
      throw bad('bad_characters', `${spec.format === 'z' ? 'digits and =' : 'digits'} only`);
    if (width === 0) {
      if (value.length !== spec.max) throw bad('bad_length', `${value.length} digits, exactly ${spec.max}`);
      return packDigits(value, 'right');
    }
    if (value.length > spec.max) throw bad('bad_length', `${value.length} digits, at most ${spec.max}`);
    return concat([packLength(value.length, width), packDigits(value, 'left', spec.format === 'z')]);
  }
  if (!(spec.format === 'an' ? AN : ANS).test(value))
    throw bad(
      'bad_characters',
      spec.format === 'an' ? 'letters, digits and spaces only' : 'printable ASCII only',
    );
  if (value.length > spec.max) throw bad('bad_length', `${value.length} characters, at most ${spec.max}`);
  const text = width === 0 ? value.padEnd(spec.max, ' ') : value;
  const bytes = Buffer.from(text, 'latin1');
  return width === 0 ? bytes : concat([packLength(bytes.length, width), bytes]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

function packTpdu(tpdu: Tpdu): Uint8Array {
  if (!HEX4.test(tpdu.destination) || !HEX4.test(tpdu.source))
    throw new Iso8583FormatError('bad_tpdu', 'TPDU addresses are four hex digits each');
  return new Uint8Array(Buffer.from(`60${tpdu.destination}${tpdu.source}`, 'hex'));
}

/**
 * Packs a message into a frame body (TPDU to the last field, without the 2-byte length). Throws
 * Iso8583FormatError for a value that cannot be packed: a field the catalogue lacks, a wrong length or
 * character. Fixed an/ans fields are right-padded with spaces.
 */
export function encode(message: IsoMessage): Uint8Array {
  if (!isMti(message.mti)) throw new Iso8583FormatError('unknown_mti', `unknown message type ${message.mti}`);
  const ids = Object.keys(message.fields)
    .map(Number)
    .filter((id) => message.fields[id] !== undefined)
    .sort((a, b) => a - b);
  const bitmap = new Uint8Array(BITMAP_BYTES);
  const parts: Uint8Array[] = [];
  for (const id of ids) {
    const spec = fieldSpec.get(id);
    if (!spec) throw new Iso8583FormatError('unknown_field', 'not a field of the protocol', { field: id });
    bitmap[(id - 1) >> 3]! |= 0x80 >> ((id - 1) & 7);
    parts.push(encodeField(spec, message.fields[id]!));
  }
  return concat([packTpdu(message.tpdu), packDigits(message.mti, 'right'), bitmap, ...parts]);
}

/** The frame as it goes on the wire: a 2-byte big-endian length, then the body. */
export function frame(body: Uint8Array): Uint8Array {
  if (body.length > 0xffff) throw new RangeError(`a frame body of ${body.length} bytes exceeds 65535`);
  const out = new Uint8Array(body.length + 2);
  out[0] = body.length >> 8;
  out[1] = body.length & 0xff;
  out.set(body, 2);
  return out;
}

/**
 * Reads a frame body. Never throws: a body that breaks a rule comes back as a precise format error with
 * what could be read before it (TPDU, MTI, fields), so the host can still answer `30`. `macInput` is the
 * span the MAC covers (MTI to the end of the last field before 64) when the message carries field 64.
 */
export function decode(body: Uint8Array): DecodeResult {
  const partial: PartialMessage = { fields: {} };
  const fail = (
    problem: ConstructorParameters<typeof Iso8583FormatError>[0],
    message: string,
    offset: number,
    field?: number,
  ): DecodeResult => {
    // A bad frame is data, not a bug: no stack trace (it would double the cost of refusing garbage).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return { ok: false, error: new Iso8583FormatError(problem, message, { field, offset }, partial) };
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  if (body.length < TPDU_BYTES + MTI_BYTES + BITMAP_BYTES)
    return fail('truncated', `${body.length} bytes: shorter than TPDU, type and bitmap`, 0);
  if (body[0] !== TPDU_ID) return fail('bad_tpdu', `TPDU id ${body[0]} is not 0x60`, 0);
  const tpduHex = Buffer.from(body.subarray(1, TPDU_BYTES)).toString('hex').toUpperCase();
  partial.tpdu = { destination: tpduHex.slice(0, 4), source: tpduHex.slice(4) };
  const mti = unpackDigits(body.subarray(TPDU_BYTES, TPDU_BYTES + MTI_BYTES), 4, 'right');
  if (mti === null) return fail('bad_mti', 'the message type is not BCD', TPDU_BYTES);
  if (!isMti(mti)) return fail('unknown_mti', `unknown message type ${mti}`, TPDU_BYTES);
  partial.mti = mti;
  let offset = TPDU_BYTES + MTI_BYTES;
  const primary = body.subarray(offset, offset + BITMAP_BYTES);
  offset += BITMAP_BYTES;
  const present: number[] = [];
  for (let bit = 2; bit <= 64; bit++)
    if (primary[(bit - 1) >> 3]! & (0x80 >> ((bit - 1) & 7))) present.push(bit);
  if (primary[0]! & 0x80) {
    // A secondary bitmap names fields 65–128, none of which the protocol has.
    if (body.length < offset + BITMAP_BYTES)
      return fail('truncated', 'the secondary bitmap is cut short', offset);
    const secondary = body.subarray(offset, offset + BITMAP_BYTES);
    for (let bit = 1; bit <= 64; bit++)
      if (secondary[(bit - 1) >> 3]! & (0x80 >> ((bit - 1) & 7)))
        return fail('unknown_field', 'not a field of the protocol', offset, 64 + bit);
    offset += BITMAP_BYTES;
  }
  let macStart: number | null = null;
  for (const id of present) {
    const spec = fieldSpec.get(id);
    if (!spec) return fail('unknown_field', 'not a field of the protocol', offset, id);
    if (id === 64) macStart = offset;
    const width = prefixWidth(spec);
    let units = spec.max;
    if (width > 0) {
      if (body.length < offset + width)
        return fail('truncated', 'the length prefix is cut short', offset, id);
      const length = unpackLength(body.subarray(offset, offset + width));
      if (length === null) return fail('bad_bcd', 'the length prefix is not BCD', offset, id);
      if (length > spec.max) return fail('bad_length', `length ${length} exceeds ${spec.max}`, offset, id);
      units = length;
      offset += width;
    }
    const byteCount = digitsOf(spec) > 0 ? Math.ceil(units / 2) : units;
    if (body.length < offset + byteCount)
      return fail('truncated', `wants ${byteCount} bytes, ${body.length - offset} left`, offset, id);
    const raw = body.subarray(offset, offset + byteCount);
    if (spec.format === 'b') {
      partial.fields[id] = new Uint8Array(raw);
    } else if (spec.format === 'n' || spec.format === 'z') {
      const digits = unpackDigits(raw, units, width === 0 ? 'right' : 'left', spec.format === 'z');
      if (digits === null) return fail('bad_bcd', 'not packed BCD', offset, id);
      partial.fields[id] = digits;
    } else {
      const text = Buffer.from(raw).toString('latin1');
      if (!(spec.format === 'an' ? AN : ANS).test(text))
        return fail('bad_characters', `characters outside ${spec.format}`, offset, id);
      partial.fields[id] = text;
    }
    offset += byteCount;
  }
  if (offset !== body.length)
    return fail('trailing_bytes', `${body.length - offset} bytes after the last field`, offset);
  return {
    ok: true,
    message: { tpdu: partial.tpdu, mti, fields: partial.fields },
    macInput: macStart === null ? null : body.subarray(TPDU_BYTES, macStart),
  };
}

/** The answer's TPDU: the request's with destination and source swapped. */
export function swapTpdu(tpdu: Tpdu): Tpdu {
  return { destination: tpdu.source, source: tpdu.destination };
}
