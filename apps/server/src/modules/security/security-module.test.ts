import { describe, expect, it } from 'vitest';
import { createSoftwareSecurityModule, keyCheckValue } from './security-module';

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
});
