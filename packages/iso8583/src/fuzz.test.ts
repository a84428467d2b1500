import { describe, expect, it } from 'vitest';
import { decode, encode, type IsoMessage } from './codec';
import { Iso8583FormatError } from './errors';
import { FrameReader } from './framing';

/** A small deterministic PRNG (mulberry32), so a failure is reproducible from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tpdu = { destination: '0003', source: '0000' };
const seeds: IsoMessage[] = [
  { tpdu, mti: '0800', fields: { 11: '000001', 41: '10000001', 42: '898310054110001', 60: '00000001004' } },
  {
    tpdu,
    mti: '0200',
    fields: {
      2: '6225880112345678901',
      3: '000000',
      4: '000000010000',
      11: '000123',
      22: '051',
      25: '00',
      35: '6225880112345678901=2912',
      41: '10000001',
      42: '898310054110001',
      49: '156',
      55: new Uint8Array(64).fill(0x9f),
      60: '22000001',
      64: new Uint8Array(8),
    },
  },
  {
    tpdu,
    mti: '0500',
    fields: { 11: '000200', 41: '10000001', 48: '012000000123456001000000000500', 60: '00000001201' },
  },
  { tpdu, mti: '0820', fields: { 41: '10000001', 59: 'GP02039.908700,116.460500FW0052.1.0' } },
];

describe('fuzzing the decoder', () => {
  it('answers a million random and mutated frames with a message or a precise format error, never a throw', () => {
    const random = prng(20261125);
    const bases = seeds.map(encode);
    let ok = 0;
    let refused = 0;
    const started = performance.now();
    for (let i = 0; i < 1_000_000; i++) {
      let body: Uint8Array;
      if (i % 4 === 0) {
        // Pure noise, often with a plausible TPDU and type so the decoder goes deeper.
        body = new Uint8Array(Math.floor(random() * 300));
        for (let j = 0; j < body.length; j++) body[j] = Math.floor(random() * 256);
        if (body.length > 7 && random() < 0.7) body.set([0x60, 0, 3, 0, 0, 0x02, 0x00], 0);
      } else {
        const base = bases[i % bases.length]!;
        body = new Uint8Array(base);
        const mutations = 1 + Math.floor(random() * 4);
        for (let m = 0; m < mutations; m++) {
          const kind = random();
          const at = Math.floor(random() * body.length);
          if (kind < 0.5) body[at] = Math.floor(random() * 256);
          else if (kind < 0.7) body[at]! ^= 1 << Math.floor(random() * 8);
          else if (kind < 0.85) body = body.subarray(0, at);
          else body = new Uint8Array(Buffer.concat([body, new Uint8Array(Math.floor(random() * 20))]));
        }
      }
      const result = decode(body);
      if (result.ok) ok++;
      else {
        refused++;
        expect(result.error).toBeInstanceOf(Iso8583FormatError);
        if (!result.error.problem || result.error.message.length === 0)
          throw new Error(`vague error at ${i}`);
      }
    }
    expect(ok + refused).toBe(1_000_000);
    expect(refused).toBeGreaterThan(0);
    expect(ok).toBeGreaterThan(0);
    // Never hangs: a million frames in well under the test's time.
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it('keeps the stream reader bounded whatever arrives', () => {
    const random = prng(7);
    for (let i = 0; i < 10_000; i++) {
      const reader = new FrameReader(2048);
      for (let c = 0; c < 5; c++) {
        const chunk = new Uint8Array(Math.floor(random() * 600));
        for (let j = 0; j < chunk.length; j++) chunk[j] = Math.floor(random() * 256);
        const { error } = reader.push(chunk);
        if (error) break;
        expect(reader.pendingBytes).toBeLessThanOrEqual(2 + 2048);
      }
    }
  });
});
