import { createCipheriv, randomBytes } from 'node:crypto';
import { openText, sealText } from '@posops/kernel';

/**
 * The security module (安全模块): every operation on keys goes through this interface, so a hardware
 * security module can replace the software one without the callers changing. Clear keys leave it only
 * where a person must load them into a device (the TMK at installation), and never reach the database
 * or the log.
 */
export interface SecurityModule {
  /** A fresh terminal master key: kept sealed, its check value, and the clear key for the key loader only. */
  generateTerminalMasterKey(): GeneratedKey;
  /** The check value of a sealed key (to verify a stored key without revealing it). */
  checkValueOf(sealed: string): string;
}

export interface GeneratedKey {
  /** Under the host master key; for the database. */
  sealed: string;
  /** 8 hex digits: the first 4 bytes of 3DES-encrypting 8 zero bytes under the key. */
  checkValue: string;
  /** 32 hex digits, double-length 3DES. Shown once to the installer's key-loading step. */
  clearHex: string;
}

/** 3DES (K1 K2 K1) ECB encryption of one or more 8-byte blocks under a double-length key. */
export function tripleDesEncrypt(key: Buffer, data: Buffer): Buffer {
  if (key.length !== 16) throw new Error('a double-length 3DES key has 16 bytes');
  const cipher = createCipheriv('des-ede3', Buffer.concat([key, key.subarray(0, 8)]), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** The key check value (KCV) of a double-length key: 3DES of 8 zero bytes, first 4 bytes, hex. */
export function keyCheckValue(key: Buffer): string {
  return tripleDesEncrypt(key, Buffer.alloc(8)).subarray(0, 4).toString('hex').toUpperCase();
}

/** DES keys carry odd parity in the low bit of each byte; devices check it. */
function withOddParity(key: Buffer): Buffer {
  const out = Buffer.from(key);
  for (let i = 0; i < out.length; i++) {
    let ones = 0;
    for (let b = 1; b < 8; b++) ones += (out[i]! >> b) & 1;
    out[i] = (out[i]! & 0xfe) | (ones % 2 === 0 ? 1 : 0);
  }
  return out;
}

/**
 * The software security module: keys sealed with AES-256-GCM under the host master key from
 * configuration. For development and tests only — software key handling is not PCI PIN compliant.
 */
export function createSoftwareSecurityModule(hostMasterKey: string): SecurityModule {
  const seal = (clear: Buffer) => sealText(hostMasterKey, clear.toString('hex').toUpperCase());
  const open = (sealed: string) => Buffer.from(openText(hostMasterKey, sealed), 'hex');
  return {
    generateTerminalMasterKey() {
      const key = withOddParity(randomBytes(16));
      return {
        sealed: seal(key),
        checkValue: keyCheckValue(key),
        clearHex: key.toString('hex').toUpperCase(),
      };
    },
    checkValueOf(sealed) {
      return keyCheckValue(open(sealed));
    },
  };
}
