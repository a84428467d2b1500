import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  encryptedPinBlock,
  keyCheckValue,
  macUnder,
  openSessionKeys,
  parseKeyHex,
  pinBlockFormat0,
  tripleDesEncrypt,
} from './keys';

const DEMO_TMK = parseKeyHex('0123456789ABCDEFFEDCBA9876543210');

describe('terminal key handling', () => {
  it('gives the published check value of the demo TMK (08D7B4FB)', () => {
    expect(keyCheckValue(DEMO_TMK).toString('hex').toUpperCase()).toBe('08D7B4FB');
  });

  it('computes the published retail MAC vector under the MAK', () => {
    const mac = macUnder(DEMO_TMK)(Buffer.from('Now is the time for all ', 'latin1'));
    expect(Buffer.from(mac).toString('hex').toUpperCase()).toBe('A1C72E74EA3FA9B6');
  });

  it('builds the ISO 9564 format-0 PIN block: 0, length, PIN, F fill, XOR the 12 PAN digits before the check digit', () => {
    // 041234FFFFFFFFFF xor 0000111111111111 (PAN 4111111111111111 without its last digit: 111111111111).
    expect(pinBlockFormat0('1234', '4111111111111111').toString('hex').toUpperCase()).toBe(
      '041225EEEEEEEEEE',
    );
    // 06123456FFFFFFFF xor 0000100000000001 (PAN 6222021000000000017: digits 7–18 are 100000000001).
    expect(pinBlockFormat0('123456', '6222021000000000017').toString('hex').toUpperCase()).toBe(
      '06122456FFFFFFFE',
    );
    expect(() => pinBlockFormat0('123', '4111111111111111')).toThrow(RangeError);
    expect(() => pinBlockFormat0('1234', '411111')).toThrow(RangeError);
  });

  it('encrypts the PIN block under the PIK with 3DES (K1 K2 K1), so the PIK opens it again', () => {
    const pik = parseKeyHex('11111111111111112222222222222222');
    const block = encryptedPinBlock(pik, '1234', '4111111111111111');
    expect(block).toHaveLength(8);
    const decipher = createDecipheriv('des-ede3', Buffer.concat([pik, pik.subarray(0, 8)]), null);
    decipher.setAutoPadding(false);
    const clear = Buffer.concat([decipher.update(block), decipher.final()]);
    expect(clear.toString('hex').toUpperCase()).toBe('041225EEEEEEEEEE');
  });

  it('takes session keys only when both check values match, and refuses the one that does not', () => {
    const pik = parseKeyHex('0123456789ABCDEF0123456789ABCDEF');
    const mak = parseKeyHex('FEDCBA9876543210FEDCBA9876543210');
    const sent = {
      pik: tripleDesEncrypt(DEMO_TMK, pik),
      pikCheck: keyCheckValue(pik),
      mak: tripleDesEncrypt(DEMO_TMK, mak),
      makCheck: keyCheckValue(mak),
    };
    const opened = openSessionKeys(DEMO_TMK, sent);
    expect(opened.ok && opened.pik.equals(pik) && opened.mak.equals(mak)).toBe(true);
    expect(openSessionKeys(DEMO_TMK, { ...sent, makCheck: Buffer.from('00000000', 'hex') })).toEqual({
      ok: false,
      reason: 'mak_check_value',
    });
    expect(openSessionKeys(DEMO_TMK, { ...sent, pikCheck: keyCheckValue(mak) })).toEqual({
      ok: false,
      reason: 'pik_check_value',
    });
    // Under another TMK the keys come out different and fail their check values.
    expect(openSessionKeys(parseKeyHex('00112233445566778899AABBCCDDEEFF'), sent).ok).toBe(false);
  });
});
