import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex } from './bcd';
import { decode, encode, frame, type IsoMessage, swapTpdu } from './codec';
import { FrameReader } from './framing';
import { encodeWithMac, retailMac, sameMac } from './mac';
import { type FieldSpec, fieldSpecs, mtis, responseMti } from './spec';
import {
  buildBatchTotals,
  buildField59,
  buildField60,
  buildField61,
  buildField62,
  parseBatchTotals,
  parseField59,
  parseField60,
  parseField61,
  parseField62,
} from './subfields';

const bytes = (h: string) => new Uint8Array(Buffer.from(h.replaceAll(' ', ''), 'hex'));
const tpdu = { destination: '0003', source: '0000' };
const demoKey = bytes('0123456789ABCDEFFEDCBA9876543210');

/** A value every field of the catalogue accepts, of any allowed length. */
function fieldValue(spec: FieldSpec): fc.Arbitrary<string | Uint8Array> {
  const fixed = spec.length === 'fixed';
  const len = fixed ? fc.constant(spec.max) : fc.integer({ min: 0, max: spec.max });
  const chars = (alphabet: string) =>
    len.chain((n) =>
      fc.array(fc.constantFrom(...alphabet), { minLength: n, maxLength: n }).map((a) => a.join('')),
    );
  switch (spec.format) {
    case 'n':
      return chars('0123456789');
    case 'z':
      return chars('0123456789=');
    case 'an':
      return chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ');
    case 'ans':
      return chars(Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join(''));
    case 'b':
      return len.chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
  }
}

const messageArb: fc.Arbitrary<IsoMessage> = fc
  .record({
    mti: fc.constantFrom(...mtis),
    destination: fc.stringMatching(/^[0-9A-F]{4}$/),
    source: fc.stringMatching(/^[0-9A-F]{4}$/),
    fields: fc.record(
      Object.fromEntries(fieldSpecs.map((s) => [s.id, fieldValue(s)])) as Record<
        string,
        fc.Arbitrary<string | Uint8Array>
      >,
      { requiredKeys: [] },
    ),
  })
  .map(
    ({ mti, destination, source, fields }): IsoMessage => ({
      mti,
      tpdu: { destination, source },
      fields: Object.fromEntries(
        Object.entries(fields as Record<string, string | Uint8Array>).map(([k, v]) => [Number(k), v]),
      ),
    }),
  );

describe('ISO 8583 codec', () => {
  it('reads back every message it packs, of every type, with any fields (pack∘unpack = identity)', () => {
    fc.assert(
      fc.property(messageArb, (message) => {
        const result = decode(encode(message));
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.message.mti).toBe(message.mti);
        expect(result.message.tpdu).toEqual(message.tpdu);
        expect(result.message.fields).toEqual(message.fields);
        // And packing what was read gives the same bytes.
        expect(hex(encode(result.message))).toBe(hex(encode(message)));
      }),
      { numRuns: 3000 },
    );
  });

  it('packs a sign-on exactly as the protocol page lays it out', () => {
    const body = encode({
      tpdu,
      mti: '0800',
      fields: {
        11: '000001',
        41: '10000001',
        42: '898310054110001',
        60: buildField60({ typeCode: '00', batch: '000001', network: '004' }),
      },
    });
    // TPDU | MTI | bitmap (11, 41, 42, 60) | STAN | TID | MID | LLL=11 digits, left-justified, F-padded
    expect(hex(body)).toBe(
      [
        '6000030000',
        '0800',
        '0020000000C00010',
        '000001',
        Buffer.from('10000001').toString('hex'),
        Buffer.from('898310054110001').toString('hex'),
        '0011',
        '00000001004F',
      ]
        .join('')
        .toUpperCase(),
    );
    expect(hex(frame(body)).slice(0, 4)).toBe(body.length.toString(16).padStart(4, '0').toUpperCase());
  });

  it('packs odd digit counts by the rules: fixed right-justified, variable left-justified with F', () => {
    const body = encode({
      tpdu,
      mti: '0200',
      fields: { 2: '6225880112345678901', 22: '051', 35: '6225880112345678901=2912' },
    });
    const h = hex(body);
    expect(h).toContain('196225880112345678901F'); // n..19 LLVAR
    expect(h).toContain('0051'); // n3 fixed
    expect(h).toContain('246225880112345678901D2912'); // z..37, = as D
  });

  it('pads fixed text fields with spaces and refuses what does not fit', () => {
    const read = decode(encode({ tpdu, mti: '0210', fields: { 38: 'AB12', 39: '00' } }));
    expect(read.ok && read.message.fields[38]).toBe('AB12  ');
    expect(() => encode({ tpdu, mti: '0210', fields: { 39: '000' } })).toThrow(
      /field 39: 3 characters, at most 2/,
    );
    expect(() => encode({ tpdu, mti: '0200', fields: { 4: '100' } })).toThrow(
      /field 4: 3 digits, exactly 12/,
    );
    expect(() => encode({ tpdu, mti: '0200', fields: { 41: '终端' } })).toThrow(
      /field 41: printable ASCII only/,
    );
    expect(() => encode({ tpdu, mti: '0200', fields: { 5: '1' } })).toThrow(
      /field 5: not a field of the protocol/,
    );
    expect(() => encode({ tpdu, mti: '0200', fields: { 64: bytes('00') } })).toThrow(
      /field 64: 1 bytes, exactly 8/,
    );
  });

  it('tells precisely what is wrong with a bad message, and what it could read before', () => {
    const good = encode({ tpdu, mti: '0200', fields: { 4: '000000000100', 11: '000123', 41: '10000001' } });
    const cases: [Uint8Array, string, number | undefined][] = [
      [good.subarray(0, 10), 'truncated', undefined],
      [good.subarray(0, good.length - 3), 'truncated', 41],
      [Buffer.concat([good, bytes('00')]), 'trailing_bytes', undefined],
      [Buffer.concat([bytes('61'), good.subarray(1)]), 'bad_tpdu', undefined],
      [Buffer.concat([good.subarray(0, 5), bytes('0900'), good.subarray(7)]), 'unknown_mti', undefined],
      [Buffer.concat([good.subarray(0, 5), bytes('0A00'), good.subarray(7)]), 'bad_mti', undefined],
    ];
    for (const [body, problem, field] of cases) {
      const read = decode(body);
      expect(read.ok).toBe(false);
      if (read.ok) continue;
      expect(read.error.problem).toBe(problem);
      expect(read.error.field).toBe(field);
    }
    // A non-BCD amount: the TPDU, type and the fields before it are known, so the host can answer 30.
    const badAmount = new Uint8Array(good);
    badAmount[15] = 0xa0;
    const read = decode(badAmount);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.error).toMatchObject({ problem: 'bad_bcd', field: 4, offset: 15 });
      expect(read.error.message).toBe('field 4: not packed BCD');
      expect(read.error.partial).toMatchObject({ tpdu, mti: '0200' });
    }
    // A bitmap naming a field the protocol lacks (field 5).
    const unknown = new Uint8Array(good);
    unknown[7]! |= 0x08;
    const u = decode(unknown);
    expect(!u.ok && u.error.problem).toBe('unknown_field');
    expect(!u.ok && u.error.field).toBe(5);
  });

  it('computes the retail MAC of the published test vector, and the MAC of a message over MTI to field 63', () => {
    expect(hex(retailMac(demoKey, new Uint8Array(Buffer.from('Now is the time for all ', 'ascii'))))).toBe(
      'A1C72E74EA3FA9B6',
    );
    const message: IsoMessage = {
      tpdu,
      mti: '0200',
      fields: { 3: '000000', 4: '000000000100', 11: '000001', 41: '10000001' },
    };
    const body = encodeWithMac(message, (input) => retailMac(demoKey, input));
    const read = decode(body);
    expect(read.ok).toBe(true);
    if (!read.ok || !read.macInput) return;
    expect(sameMac(retailMac(demoKey, read.macInput), read.message.fields[64] as Uint8Array)).toBe(true);
    // The bitmap inside the MAC already has bit 64 set.
    expect(read.macInput[2 + 7]! & 0x01).toBe(1);
    const tampered = new Uint8Array(body);
    tampered[20]! ^= 0x01;
    const t = decode(tampered);
    expect(
      t.ok && t.macInput && sameMac(retailMac(demoKey, t.macInput), t.message.fields[64] as Uint8Array),
    ).toBe(false);
  });

  it('answers with the addresses swapped and the response type', () => {
    expect(swapTpdu(tpdu)).toEqual({ destination: '0000', source: '0003' });
    expect(responseMti('0200')).toBe('0210');
    expect(responseMti('0820')).toBe('0830');
    expect(responseMti('0210')).toBeNull();
  });
});

describe('structured fields', () => {
  it('reads and writes 60, 61, 48, 59 and 62', () => {
    expect(parseField60(buildField60({ typeCode: '22', batch: '000017' }))).toEqual({
      typeCode: '22',
      batch: '000017',
    });
    expect(parseField60('0000000100400')).toMatchObject({ typeCode: '00', batch: '000001', network: '004' });
    expect(parseField60('22')).toBeNull();
    expect(parseField61(buildField61({ batch: '000001', stan: '000123', date: '1125' }))).toEqual({
      batch: '000001',
      stan: '000123',
      date: '1125',
    });
    const totals = { purchaseCount: 12, purchaseAmount: 123456n, refundCount: 1, refundAmount: 500n };
    expect(parseBatchTotals(buildBatchTotals(totals))).toEqual(totals);
    expect(parseBatchTotals(buildBatchTotals(totals, true))).toEqual({ ...totals, balanced: true });
    expect(parseBatchTotals('12')).toBeNull();
    const tlv = buildField59([
      ['GP', '39.908700,116.460500'],
      ['FW', '2.1.0'],
      ['SN', 'PAXA920-10000001'],
    ]);
    expect(tlv.startsWith('GP020')).toBe(true);
    expect(parseField59(tlv)?.get('FW')).toBe('2.1.0');
    expect(parseField59('GP9')).toBeNull();
    expect(parseField59('GP010abc')).toBeNull();
    const keys = {
      pik: new Uint8Array(16).fill(1),
      pikCheck: new Uint8Array(4).fill(2),
      mak: new Uint8Array(16).fill(3),
      makCheck: new Uint8Array(4).fill(4),
    };
    expect(parseField62(buildField62(keys))).toEqual(keys);
    expect(parseField62(new Uint8Array(39))).toBeNull();
  });
});

describe('framing', () => {
  const body = encode({ tpdu, mti: '0820', fields: { 11: '000001', 41: '10000001' } });
  const wire = frame(body);

  it('gives whole frames whatever the chunks: split, several in one', () => {
    const reader = new FrameReader();
    const split = [wire.subarray(0, 1), wire.subarray(1, 9), wire.subarray(9)];
    const got = split.flatMap((c) => reader.push(c).frames);
    expect(got.map(hex)).toEqual([hex(body)]);
    const three = reader.push(Buffer.concat([wire, wire, wire.subarray(0, 5)]));
    expect(three.frames).toHaveLength(2);
    expect(reader.pendingBytes).toBe(5);
    expect(reader.push(wire.subarray(5)).frames).toHaveLength(1);
    expect(reader.pendingBytes).toBe(0);
  });

  it('ends the stream on a zero length or a frame above the limit', () => {
    expect(new FrameReader().push(bytes('0000')).error).toBe('a frame of length 0');
    expect(new FrameReader(512).push(bytes('0201')).error).toBe(
      'a frame of 513 bytes exceeds the limit of 512',
    );
  });
});
