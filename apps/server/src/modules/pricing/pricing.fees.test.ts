import { formatRatePpm } from '@posops/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRatePlans } from './pricing.catalogue';
import { feeFor, type PaymentMethod, type PlanRates, roundHalfUp } from './pricing.fees';

const plan = (code: string): PlanRates => {
  const p = defaultRatePlans.find((x) => x.code === code);
  if (!p) throw new Error(`no plan ${code}`);
  return p;
};
const standard = plan('STD');

describe('feeFor: half-up per transaction, cap after rounding', () => {
  it('prices the standard plan: 0.55% debit capped at 20 yuan, 0.60% credit, 0.38% QR', () => {
    expect(feeFor(standard, { method: 'debit', amountMinor: 10_000n })).toBe(55n); // 100.00 → 0.55
    expect(feeFor(standard, { method: 'credit', amountMinor: 10_000n })).toBe(60n);
    expect(feeFor(standard, { method: 'qr', amountMinor: 10_000n })).toBe(38n);
    // 10,000.00 yuan by debit card: 55.00 uncapped, 20.00 capped; credit and QR have no cap.
    expect(feeFor(standard, { method: 'debit', amountMinor: 1_000_000n })).toBe(2_000n);
    expect(feeFor(standard, { method: 'credit', amountMinor: 1_000_000n })).toBe(6_000n);
    expect(feeFor(standard, { method: 'qr', amountMinor: 1_000_000n })).toBe(3_800n);
  });

  it('rounds half-up to the fen on each transaction', () => {
    const half = { debitRatePpm: 5_000, debitCapMinor: null, creditRatePpm: 5_000, qrRatePpm: 5_000 };
    expect(feeFor(half, { method: 'credit', amountMinor: 100n })).toBe(1n); // 0.5 fen exactly → up
    expect(feeFor(half, { method: 'credit', amountMinor: 99n })).toBe(0n); // 0.495 → down
    expect(feeFor(half, { method: 'credit', amountMinor: 101n })).toBe(1n); // 0.505 → up
    expect(feeFor(standard, { method: 'debit', amountMinor: 90n })).toBe(0n); // 0.495 fen
    expect(feeFor(standard, { method: 'debit', amountMinor: 91n })).toBe(1n); // 0.5005 fen
    expect(feeFor(standard, { method: 'qr', amountMinor: 1n })).toBe(0n);
    // Per transaction, not on the sum: 100 payments of 0.90 yuan pay 0, one of 90.00 pays 50 fen.
    const each = Array.from({ length: 100 }, () => feeFor(standard, { method: 'debit', amountMinor: 90n }));
    expect(each.reduce((a, b) => a + b, 0n)).toBe(0n);
    expect(feeFor(standard, { method: 'debit', amountMinor: 9_000n })).toBe(50n);
  });

  it('applies the cap after rounding: a capped fee is exactly the cap', () => {
    // 3,635.46 yuan × 0.55% = 19.99503 yuan → 20.00 after rounding, which is the cap.
    expect(feeFor(standard, { method: 'debit', amountMinor: 363_546n })).toBe(2_000n);
    // 3,635.45 yuan × 0.55% = 19.994975 yuan → 19.99, under the cap.
    expect(feeFor(standard, { method: 'debit', amountMinor: 363_545n })).toBe(1_999n);
    expect(feeFor(standard, { method: 'debit', amountMinor: 99_999_999_999n })).toBe(2_000n);
  });

  it('charges nothing on the zero-rate public welfare plan, and a zero amount nothing anywhere', () => {
    const welfare = plan('WELFARE');
    for (const method of ['debit', 'credit', 'qr'] as const) {
      expect(feeFor(welfare, { method, amountMinor: 123_456_789n })).toBe(0n);
      expect(feeFor(standard, { method, amountMinor: 0n })).toBe(0n);
    }
  });

  it('refuses a negative amount and a rate outside 0…1,000,000 ppm', () => {
    expect(() => feeFor(standard, { method: 'debit', amountMinor: -1n })).toThrow(RangeError);
    expect(() => feeFor({ ...standard, creditRatePpm: 0.5 }, { method: 'credit', amountMinor: 1n })).toThrow(
      RangeError,
    );
    expect(() => feeFor({ ...standard, qrRatePpm: -1 }, { method: 'qr', amountMinor: 1n })).toThrow(
      RangeError,
    );
    expect(() => roundHalfUp(-1n, 2n)).toThrow(RangeError);
  });
});

const rates = fc.record({
  debitRatePpm: fc.integer({ min: 0, max: 100_000 }),
  debitCapMinor: fc.option(fc.bigInt({ min: 0n, max: 1_000_000n }), { nil: null }),
  creditRatePpm: fc.integer({ min: 0, max: 100_000 }),
  qrRatePpm: fc.integer({ min: 0, max: 100_000 }),
});
const method = fc.constantFrom<PaymentMethod>('debit', 'credit', 'qr');
/** Up to 100 billion yuan: beyond any single card transaction. */
const amount = fc.bigInt({ min: 0n, max: 10_000_000_000_000n });

describe('feeFor: properties', () => {
  it('is never negative', () => {
    fc.assert(
      fc.property(rates, method, amount, (p, m, a) => feeFor(p, { method: m, amountMinor: a }) >= 0n),
    );
  });

  it('never exceeds the debit cap', () => {
    fc.assert(
      fc.property(rates, amount, (p, a) => {
        const fee = feeFor(p, { method: 'debit', amountMinor: a });
        return p.debitCapMinor === null || fee <= p.debitCapMinor;
      }),
    );
  });

  it('is monotonic in the amount', () => {
    fc.assert(
      fc.property(rates, method, amount, amount, (p, m, x, y) => {
        const [small, large] = x <= y ? [x, y] : [y, x];
        return feeFor(p, { method: m, amountMinor: small }) <= feeFor(p, { method: m, amountMinor: large });
      }),
    );
  });

  it('equals amount × rate rounded half-up (by quotient and remainder), then capped', () => {
    fc.assert(
      fc.property(rates, method, amount, (p, m, a) => {
        const ppm = BigInt(m === 'debit' ? p.debitRatePpm : m === 'credit' ? p.creditRatePpm : p.qrRatePpm);
        const product = a * ppm;
        const exact = product / 1_000_000n + (product % 1_000_000n >= 500_000n ? 1n : 0n);
        const cap = m === 'debit' ? p.debitCapMinor : null;
        const expected = cap !== null && exact > cap ? cap : exact;
        return feeFor(p, { method: m, amountMinor: a }) === expected;
      }),
    );
  });

  it('never charges more than the amount (rates are at most 10%)', () => {
    fc.assert(fc.property(rates, method, amount, (p, m, a) => feeFor(p, { method: m, amountMinor: a }) <= a));
  });
});

describe('formatRatePpm: exact percentages', () => {
  it.each([
    [5_500, '0.55%'],
    [6_000, '0.60%'],
    [3_800, '0.38%'],
    [12_500, '1.25%'],
    [325, '0.0325%'],
    [1_250, '0.125%'],
    [1, '0.0001%'],
    [0, '0.00%'],
    [100_000, '10.00%'],
  ])('%i ppm is %s', (ppm, text) => {
    expect(formatRatePpm(ppm)).toBe(text);
  });

  it('round-trips every rate through its text without a float', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (ppm) => {
        const [whole, fraction] = formatRatePpm(ppm).slice(0, -1).split('.');
        return Number(whole) * 10_000 + Number(fraction!.padEnd(4, '0')) === ppm;
      }),
    );
  });

  it('refuses what is not a whole, non-negative ppm', () => {
    expect(() => formatRatePpm(0.5)).toThrow(RangeError);
    expect(() => formatRatePpm(-1)).toThrow(RangeError);
  });
});
