/** codec: pack and unpack 1,000,000 ISO 8583 messages of the protocol's common shapes, MAC included. */
import { decode, encode, encodeWithMac, type IsoMessage, retailMac } from '@posops/iso8583';

const N = 1_000_000;
const tpdu = { destination: '0003', source: '0000' };
const mak = new Uint8Array(Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex'));

const purchase: IsoMessage = {
  tpdu,
  mti: '0200',
  fields: {
    2: '6225880112345678901',
    3: '000000',
    4: '000000012345',
    11: '000123',
    14: '2912',
    22: '051',
    23: '001',
    25: '00',
    35: '6225880112345678901=2912',
    41: '10000001',
    42: '898310054110001',
    49: '156',
    55: new Uint8Array(96).fill(0x9f),
    60: '22000001',
  },
};
const answer: IsoMessage = {
  tpdu,
  mti: '0210',
  fields: {
    3: '000000',
    4: '000000012345',
    11: '000123',
    37: '123456789012',
    38: 'A12345',
    39: '00',
    41: '10000001',
    42: '898310054110001',
  },
};

export async function codecBench(): Promise<object[]> {
  const rss = () => Math.round(process.memoryUsage().rss / 1_048_576);
  let peak = rss();
  const run = (label: string, once: () => void) => {
    const started = performance.now();
    for (let i = 0; i < N; i++) {
      once();
      if (i % 100_000 === 0) peak = Math.max(peak, rss());
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      bench: `codec.${label}`,
      n: N,
      seconds: Number(seconds.toFixed(2)),
      per_second: Math.round(N / seconds),
      peak_rss_mb: peak,
      db: 'none',
    };
  };
  const packed = encode(purchase);
  return [
    run('pack+unpack', () => {
      const read = decode(encode(purchase));
      if (!read.ok) throw read.error;
    }),
    run('pack+unpack+mac', () => {
      const body = encodeWithMac(answer, (input) => retailMac(mak, input));
      const read = decode(body);
      if (!read.ok || !read.macInput) throw new Error('no MAC');
      retailMac(mak, read.macInput);
    }),
    run('unpack', () => {
      if (!decode(packed).ok) throw new Error('unreadable');
    }),
  ];
}
