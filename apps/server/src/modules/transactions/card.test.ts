import { describe, expect, it } from 'vitest';
import { cardNumberCheck, expired, readCard } from './card';

const tpdu = { destination: '0003', source: '0000' };
const key = 'k'.repeat(40);

describe('card data of a request', () => {
  it('reads the PAN and expiry from fields 2 and 14, or from track 2, and keeps only masked, BIN and hash', () => {
    const fromFields = readCard({ tpdu, mti: '0200', fields: { 2: '6225880112345678901', 14: '2912' } }, key);
    expect(fromFields).toMatchObject({
      pan: '6225880112345678901',
      expiry: '2912',
      stored: { panMasked: '622588*********8901', panBin: '622588' },
    });
    const fromTrack = readCard({ tpdu, mti: '0200', fields: { 35: '6225880112345678901=29121011234' } }, key);
    expect(fromTrack?.expiry).toBe('2912');
    expect(fromTrack?.stored.panHash).toBe(fromFields?.stored.panHash);
    expect(JSON.stringify(fromTrack?.stored)).not.toContain('6225880112345678901');
    expect(
      readCard({ tpdu, mti: '0200', fields: { 2: '6225880112345678901', 35: '4000000000000002=2912' } }, key),
    ).toBeNull();
    expect(readCard({ tpdu, mti: '0200', fields: { 2: '12345' } }, key)).toBeNull();
  });

  it('checks Luhn, with UnionPay BINs failing it only warned', () => {
    expect(cardNumberCheck('4111111111111111')).toBe('ok');
    expect(cardNumberCheck('4111111111111112')).toBe('bad');
    expect(cardNumberCheck('6225880112345678902')).toBe('unionpay_warning');
  });

  it('treats a card as valid through the end of its expiry month', () => {
    expect(expired('2611', '2026-11-30')).toBe(false);
    expect(expired('2610', '2026-11-01')).toBe(true);
    expect(expired('2913', '2026-11-01')).toBe(true);
  });
});
