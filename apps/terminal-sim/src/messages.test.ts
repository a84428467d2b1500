import {
  decode,
  encode,
  type IsoMessage,
  parseBatchTotals,
  parseField59,
  parseField60,
} from '@posops/iso8583';
import { describe, expect, it } from 'vitest';
import { testCards } from './cards';
import { parseKeyHex } from './keys';
import * as build from './messages';

const ctx: build.MessageContext = {
  tpdu: { destination: '0003', source: '0000' },
  tid: '10000001',
  mid: '898310054110001',
  batch: 12,
  stan: 345,
  local: { year: '2026', month: '11', day: '25', time: '143005', date: '1125' },
};
const pik = parseKeyHex('0123456789ABCDEFFEDCBA9876543210');
const random = () => 0.5;
const chipDebit = testCards[0]!;
const stripeOnly = testCards.find((c) => c.serviceCode.startsWith('1'))!;
const present = (ids: number[], m: IsoMessage) => ids.filter((id) => m.fields[id] !== undefined);
const original: build.OriginalRef = {
  batch: 11,
  stan: '000077',
  date: '1124',
  amountFen: 12_345n,
  rrn: '100000000001',
  authCode: '123456',
  card: chipDebit,
};

/** Packs and reads back: the codec takes every field as built. */
const roundTrip = (m: IsoMessage) => {
  const read = decode(encode(m));
  expect(read.ok).toBe(true);
  return read.ok ? read.message : m;
};

describe('requests as the protocol page lists them', () => {
  it('carries the identity of every request: STAN, local time and date, TID, MID, batch in 60.2', () => {
    const m = roundTrip(
      build.purchaseRequest(ctx, { amountFen: 100n, payment: { qr: '281234567890123456' }, random }),
    );
    expect(m.fields).toMatchObject({
      11: '000345',
      12: '143005',
      13: '1125',
      41: '10000001',
      42: '898310054110001',
    });
    expect(parseField60(m.fields[60] as string)).toEqual({ typeCode: '22', batch: '000012' });
  });

  it('purchase by card: fields 2/14/22/25/35 or 55 by entry mode, 52 (with 26 and 53) only when a PIN was entered', () => {
    const card = (entry: 'manual' | 'magstripe' | 'chip' | 'contactless', pinned: boolean, c = chipDebit) =>
      roundTrip(
        build.purchaseRequest(ctx, {
          amountFen: 2_500n,
          payment: { card: { card: c, entry, pin: pinned ? { digits: '123456', pik } : undefined } },
          random,
        }),
      );
    const all = [2, 14, 22, 23, 25, 26, 35, 52, 53, 55];
    const manual = card('manual', false);
    expect(present(all, manual)).toEqual([2, 14, 22, 25]);
    expect(manual.fields[22]).toBe('012');
    const swiped = card('magstripe', true, stripeOnly);
    expect(present(all, swiped)).toEqual([2, 14, 22, 25, 26, 35, 52, 53]);
    expect(swiped.fields).toMatchObject({ 22: '021', 26: '12', 53: '2600000000000000' });
    expect(swiped.fields[35]).toBe(`${stripeOnly.pan}=${stripeOnly.expiry}101${'0'.repeat(8)}`);
    const dipped = card('chip', true);
    expect(present(all, dipped)).toEqual([2, 14, 22, 23, 25, 26, 35, 52, 53, 55]);
    expect(dipped.fields[22]).toBe('051');
    const tapped = card('contactless', false);
    expect(present(all, tapped)).toEqual([2, 14, 22, 23, 25, 55]);
    expect(tapped.fields[22]).toBe('072');
    expect(dipped.fields).toMatchObject({ 3: '000000', 4: '000000002500', 25: '00', 49: '156' });
    // The EMV data carries the amount (9F02) and the currency (5F2A).
    const icc = Buffer.from(dipped.fields[55] as Uint8Array)
      .toString('hex')
      .toUpperCase();
    expect(icc).toContain('9F0206000000002500');
    expect(icc).toContain('5F2A020156');
    expect(() => card('chip', false, stripeOnly)).toThrow(RangeError);
  });

  it('purchase by QR: the payment code in 59 tag QR, no card fields', () => {
    const m = roundTrip(
      build.purchaseRequest(ctx, { amountFen: 880n, payment: { qr: '134567890123456789' }, random }),
    );
    expect(parseField59(m.fields[59] as string)?.get('QR')).toBe('134567890123456789');
    expect(present([2, 14, 35, 52, 55], m)).toEqual([]);
    expect(m.mti).toBe('0200');
    expect(m.fields).toMatchObject({ 3: '000000', 4: '000000000880', 22: '032' });
  });

  it('balance inquiry: 310000, 60.1 = 01, no amount', () => {
    const m = roundTrip(
      build.balanceRequest(ctx, {
        card: { card: chipDebit, entry: 'chip', pin: { digits: '1234', pik } },
        random,
      }),
    );
    expect(m.mti).toBe('0200');
    expect(m.fields[4]).toBeUndefined();
    expect(m.fields).toMatchObject({ 3: '310000', 25: '00' });
    expect(parseField60(m.fields[60] as string)?.typeCode).toBe('01');
  });

  it('void and refund name the original by 37 and 61 (batch + STAN + date); the void takes its full amount', () => {
    const voided = roundTrip(build.voidRequest(ctx, original));
    expect(voided.mti).toBe('0200');
    expect(voided.fields).toMatchObject({
      3: '200000',
      4: '000000012345',
      37: '100000000001',
      61: '0000110000771124',
    });
    expect(parseField60(voided.fields[60] as string)?.typeCode).toBe('23');
    const refund = roundTrip(build.refundRequest(ctx, original, 300n));
    expect(refund.mti).toBe('0220');
    expect(refund.fields).toMatchObject({
      3: '200000',
      4: '000000000300',
      37: '100000000001',
      61: '0000110000771124',
    });
    expect(parseField60(refund.fields[60] as string)?.typeCode).toBe('25');
    // The card is keyed in again, without a PIN; a QR original sends no card.
    expect(refund.fields).toMatchObject({ 2: chipDebit.pan, 22: '012' });
    const qrVoid = roundTrip(
      build.voidRequest(ctx, { ...original, card: undefined, qr: '281234567890123456' }),
    );
    expect(present([2, 14, 35], qrVoid)).toEqual([]);
  });

  it('pre-authorisation family: 0100/10, 0100/11 (200000), completion 0200/20 and its void 0200/21, all with 25 = 06', () => {
    const hold = roundTrip(
      build.preAuthRequest(ctx, { amountFen: 50_000n, card: { card: chipDebit, entry: 'chip' }, random }),
    );
    expect(hold.mti).toBe('0100');
    expect(hold.fields).toMatchObject({ 3: '030000', 4: '000000050000', 25: '06' });
    expect(parseField60(hold.fields[60] as string)?.typeCode).toBe('10');
    const cancel = roundTrip(build.preAuthCancelRequest(ctx, original));
    expect(cancel.mti).toBe('0100');
    expect(cancel.fields).toMatchObject({ 3: '200000', 25: '06', 38: '123456', 61: '0000110000771124' });
    expect(parseField60(cancel.fields[60] as string)?.typeCode).toBe('11');
    const completion = roundTrip(build.completionRequest(ctx, original, 10_000n));
    expect(completion.mti).toBe('0200');
    expect(completion.fields).toMatchObject({ 3: '000000', 4: '000000010000', 25: '06', 38: '123456' });
    expect(completion.fields[61]).toBe('0000110000771124');
    expect(parseField60(completion.fields[60] as string)?.typeCode).toBe('20');
    const undo = roundTrip(build.completionVoidRequest(ctx, original));
    expect(undo.fields).toMatchObject({ 3: '200000', 25: '06', 37: '100000000001', 38: '123456' });
    expect(parseField60(undo.fields[60] as string)?.typeCode).toBe('21');
  });

  it('reversal: 0400 with the original’s STAN, batch, amount and processing code, 39 the reason, no PIN or track data', () => {
    const purchase = build.purchaseRequest(ctx, {
      amountFen: 4_200n,
      payment: { card: { card: chipDebit, entry: 'chip', pin: { digits: '123456', pik } } },
      random,
    });
    const reversal = roundTrip(build.reversalRequest(purchase, '98'));
    expect(reversal.mti).toBe('0400');
    for (const id of [3, 4, 11, 13, 41, 42, 60]) expect(reversal.fields[id]).toEqual(purchase.fields[id]);
    expect(reversal.fields[39]).toBe('98');
    expect(present([35, 52, 55], reversal)).toEqual([]);
    expect(build.reversalRequest(purchase, '06').fields[39]).toBe('06');
    expect(() => build.reversalRequest(build.refundRequest(ctx, original, 1n), '98')).toThrow(/0220/);
  });

  it('settlement: 0500 with the totals in 48 and 60.3 = 201; sign-on 004; heartbeat 301 with GP, FW and SN', () => {
    const totals = { purchaseCount: 3, purchaseAmount: 12_000n, refundCount: 1, refundAmount: 500n };
    const settle = roundTrip(build.settlementRequest(ctx, totals));
    expect(settle.mti).toBe('0500');
    expect(parseBatchTotals(settle.fields[48] as string)).toEqual(totals);
    expect(settle.fields[60]).toBe('00000012201');
    expect(roundTrip(build.signOnRequest(ctx)).fields[60]).toBe('00000012004');
    const beat = roundTrip(
      build.heartbeatRequest(ctx, {
        position: '39.921900,116.443600',
        firmware: '1.5.0',
        serialNo: 'PAXS90-90000000',
      }),
    );
    expect(beat.mti).toBe('0820');
    expect(beat.fields[60]).toBe('00000012301');
    expect(Object.fromEntries(parseField59(beat.fields[59] as string)!)).toEqual({
      GP: '39.921900,116.443600',
      FW: '1.5.0',
      SN: 'PAXS90-90000000',
    });
  });

  it('writes the terminal’s local time of the business time zone', () => {
    const at = new Date('2026-11-25T16:30:05Z');
    expect(build.localTime(at, 'Asia/Shanghai')).toMatchObject({ time: '003005', date: '1126' });
    expect(build.localTime(at, 'UTC')).toMatchObject({ time: '163005', date: '1125' });
  });
});
