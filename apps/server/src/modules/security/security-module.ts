import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { retailMac } from '@posops/iso8583';
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
  /**
   * A TMK given in clear, sealed as generated ones are: for keys from a key ceremony, and the demo's
   * published test key.
   */
  importTerminalMasterKey(clearHex: string): GeneratedKey;
  /** The check value of a sealed key (to verify a stored key without revealing it). */
  checkValueOf(sealed: string): string;
  /**
   * 签到: fresh session keys for a terminal — PIK and MAK, each encrypted under its TMK for field 62,
   * with their check values, and sealed under the host master key for the host's session state.
   */
  issueSessionKeys(sealedTmk: string): SessionKeys;
  /** ISO 9797-1 algorithm 3 MAC under a sealed MAK. */
  macOf(sealedMak: string, data: Uint8Array): Uint8Array;
  /** Whether `mac` is the MAC of `data` under the sealed MAK (constant-time). */
  verifyMac(sealedMak: string, data: Uint8Array, mac: Uint8Array): boolean;
  /**
   * The PIN block (ISO 9564 format 0) under the terminal's PIK re-encrypted under the channel's zone PIN
   * key, checked on the way; the clear PIN never leaves the module.
   */
  translatePinBlock(sealedPik: string, pinBlock: Uint8Array, pan: string): PinTranslation;
}

export interface SessionKeys {
  pikUnderTmk: Buffer;
  pikCheckValue: string;
  makUnderTmk: Buffer;
  makCheckValue: string;
  sealedPik: string;
  sealedMak: string;
}

export type PinTranslation = { ok: true; pinBlock: Buffer } | { ok: false; reason: 'format' | 'pan' };

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

/** 3DES (K1 K2 K1) ECB decryption of 8-byte blocks under a double-length key. */
export function tripleDesDecrypt(key: Buffer, data: Buffer): Buffer {
  if (key.length !== 16) throw new Error('a double-length 3DES key has 16 bytes');
  const decipher = createDecipheriv('des-ede3', Buffer.concat([key, key.subarray(0, 8)]), null);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

/** The 12 PAN digits a format-0 PIN block is XORed with: the rightmost 12 excluding the check digit. */
function panField(pan: string): Buffer | null {
  if (!/^\d{13,19}$/.test(pan)) return null;
  return Buffer.from(`0000${pan.slice(-13, -1)}`, 'hex');
}

/** Whether a clear format-0 PIN block is well formed for this PAN (control 0, 4–12 digits, F fill). */
export function pinBlockWellFormed(clear: Buffer, pan: string): boolean {
  const field = panField(pan);
  if (!field) return false;
  const pin = Buffer.alloc(8);
  for (let i = 0; i < 8; i++) pin[i] = clear[i]! ^ field[i]!;
  const nibbles = pin.toString('hex').toUpperCase();
  const length = Number.parseInt(nibbles[1]!, 16);
  if (nibbles[0] !== '0' || length < 4 || length > 12) return false;
  return /^\d+$/.test(nibbles.slice(2, 2 + length)) && /^F*$/.test(nibbles.slice(2 + length));
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
export function createSoftwareSecurityModule(
  hostMasterKey: string,
  options: { zonePinKeyHex?: string | undefined } = {},
): SecurityModule {
  const seal = (clear: Buffer) => sealText(hostMasterKey, clear.toString('hex').toUpperCase());
  // Session keys are opened on every message: keep the opened ones (bounded) instead of decrypting again.
  const opened = new Map<string, Buffer>();
  const open = (sealed: string) => {
    const hit = opened.get(sealed);
    if (hit) return hit;
    const key = Buffer.from(openText(hostMasterKey, sealed), 'hex');
    if (opened.size >= OPENED_KEYS_MAX) opened.delete(opened.keys().next().value!);
    opened.set(sealed, key);
    return key;
  };
  const zonePinKey = options.zonePinKeyHex ? Buffer.from(options.zonePinKeyHex, 'hex') : null;
  const sessionKey = (tmk: Buffer) => {
    const clear = withOddParity(randomBytes(16));
    return { underTmk: tripleDesEncrypt(tmk, clear), checkValue: keyCheckValue(clear), sealed: seal(clear) };
  };
  return {
    generateTerminalMasterKey() {
      const key = withOddParity(randomBytes(16));
      return {
        sealed: seal(key),
        checkValue: keyCheckValue(key),
        clearHex: key.toString('hex').toUpperCase(),
      };
    },
    importTerminalMasterKey(clearHex) {
      if (!/^[0-9A-Fa-f]{32}$/.test(clearHex)) throw new Error('a double-length key is 32 hex digits');
      const key = Buffer.from(clearHex, 'hex');
      return { sealed: seal(key), checkValue: keyCheckValue(key), clearHex: clearHex.toUpperCase() };
    },
    checkValueOf(sealed) {
      return keyCheckValue(open(sealed));
    },
    issueSessionKeys(sealedTmk) {
      const tmk = open(sealedTmk);
      const pik = sessionKey(tmk);
      const mak = sessionKey(tmk);
      return {
        pikUnderTmk: pik.underTmk,
        pikCheckValue: pik.checkValue,
        makUnderTmk: mak.underTmk,
        makCheckValue: mak.checkValue,
        sealedPik: pik.sealed,
        sealedMak: mak.sealed,
      };
    },
    macOf(sealedMak, data) {
      return Buffer.from(retailMac(open(sealedMak), data));
    },
    verifyMac(sealedMak, data, mac) {
      const expected = retailMac(open(sealedMak), data);
      return mac.length === expected.length && timingSafeEqual(expected, mac);
    },
    translatePinBlock(sealedPik, pinBlock, pan) {
      if (!zonePinKey) throw new Error('no zone PIN key configured: PIN translation is off');
      if (!panField(pan)) return { ok: false, reason: 'pan' };
      if (pinBlock.length !== 8) return { ok: false, reason: 'format' };
      const clear = tripleDesDecrypt(open(sealedPik), Buffer.from(pinBlock));
      const wellFormed = pinBlockWellFormed(clear, pan);
      const out = wellFormed ? tripleDesEncrypt(zonePinKey, clear) : null;
      clear.fill(0);
      return out ? { ok: true, pinBlock: out } : { ok: false, reason: 'format' };
    },
  };
}

const OPENED_KEYS_MAX = 100_000;
