import { retailMac } from '@posops/iso8583';
import { describe, expect, it } from 'vitest';
import {
  createSoftwareSecurityModule,
  keyCheckValue,
  tripleDesDecrypt,
  tripleDesEncrypt,
} from './security-module';

describe('the software security module', () => {
  it('computes the check value of the protocol’s published demo TMK', () => {
    expect(keyCheckValue(Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex'))).toBe('08D7B4FB');
  });

  it('generates distinct odd-parity TMKs, keeps them sealed, and tells their check value from the seal', () => {
    const hsm = createSoftwareSecurityModule('ab'.repeat(32));
    const a = hsm.generateTerminalMasterKey();
    const b = hsm.generateTerminalMasterKey();
    expect(a.clearHex).toMatch(/^[0-9A-F]{32}$/);
    expect(a.clearHex).not.toBe(b.clearHex);
    for (const byte of Buffer.from(a.clearHex, 'hex')) {
      expect(byte.toString(2).split('1').length - 1, 'odd parity').toSatisfy((n: number) => n % 2 === 1);
    }
    expect(a.sealed).not.toContain(a.clearHex);
    expect(a.checkValue).toBe(keyCheckValue(Buffer.from(a.clearHex, 'hex')));
    expect(hsm.checkValueOf(a.sealed)).toBe(a.checkValue);
    // Another host master key cannot open it.
    expect(() => createSoftwareSecurityModule('cd'.repeat(32)).checkValueOf(a.sealed)).toThrow();
  });

  it('issues session keys under the TMK for sign-on, and MACs and verifies with the MAK', () => {
    const zpk = '1111111111111111'.repeat(2);
    const hsm = createSoftwareSecurityModule('ab'.repeat(32), { zonePinKeyHex: zpk });
    const tmk = hsm.generateTerminalMasterKey();
    const keys = hsm.issueSessionKeys(tmk.sealed);
    // What the terminal does with field 62: decrypt under its TMK and check the check values.
    const tmkClear = Buffer.from(tmk.clearHex, 'hex');
    const pik = tripleDesDecrypt(tmkClear, keys.pikUnderTmk);
    const mak = tripleDesDecrypt(tmkClear, keys.makUnderTmk);
    expect(keyCheckValue(pik)).toBe(keys.pikCheckValue);
    expect(keyCheckValue(mak)).toBe(keys.makCheckValue);
    expect(pik.equals(mak)).toBe(false);
    expect(keys.sealedMak).not.toContain(mak.toString('hex').toUpperCase());
    const data = Buffer.from('0200 a message to MAC');
    const mac = hsm.macOf(keys.sealedMak, data);
    expect(Buffer.from(mac).equals(Buffer.from(retailMac(mak, data)))).toBe(true);
    expect(hsm.verifyMac(keys.sealedMak, data, mac)).toBe(true);
    const wrong = Buffer.from(mac);
    wrong[0]! ^= 1;
    expect(hsm.verifyMac(keys.sealedMak, data, wrong)).toBe(false);
    expect(hsm.verifyMac(keys.sealedMak, data, mac.subarray(0, 4))).toBe(false);

    // PIN 123456 for PAN 6225880112345678901, format 0, under the PIK → under the zone PIN key.
    const pan = '6225880112345678901';
    const pinField = Buffer.from('06123456FFFFFFFF', 'hex');
    const panField = Buffer.from(`0000${pan.slice(-13, -1)}`, 'hex');
    const clearBlock = Buffer.alloc(8);
    for (let i = 0; i < 8; i++) clearBlock[i] = pinField[i]! ^ panField[i]!;
    const translated = hsm.translatePinBlock(keys.sealedPik, tripleDesEncrypt(pik, clearBlock), pan);
    expect(translated.ok).toBe(true);
    if (translated.ok)
      expect(tripleDesDecrypt(Buffer.from(zpk, 'hex'), translated.pinBlock).equals(clearBlock)).toBe(true);
    // A block that is not format 0 for this PAN is refused, not passed on.
    expect(hsm.translatePinBlock(keys.sealedPik, tripleDesEncrypt(pik, Buffer.alloc(8, 0xff)), pan)).toEqual({
      ok: false,
      reason: 'format',
    });
    expect(hsm.translatePinBlock(keys.sealedPik, Buffer.alloc(8), '12')).toEqual({
      ok: false,
      reason: 'pan',
    });
  });
});
