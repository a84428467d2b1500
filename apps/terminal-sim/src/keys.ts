import { createCipheriv, createDecipheriv } from 'node:crypto';
import { retailMac, sameMac } from '@posops/iso8583';

/**
 * The terminal's key handling (docs/terminal-protocol.md, Security): 3DES under double-length keys, key
 * check values, the ISO 9564 format-0 PIN block and the retail MAC. A simulated terminal holds its keys
 * in clear, as a terminal's secure element does; nothing here logs or returns a key in text.
 */

const BLOCK_BYTES = 8;
const DOUBLE_KEY_BYTES = 16;

/** K1 K2 K1: a double-length key as the three-key cipher Node has (single DES is not available). */
function tripleKey(key: Uint8Array): Buffer {
  if (key.length !== DOUBLE_KEY_BYTES)
    throw new RangeError(`a double-length key has 16 bytes, not ${key.length}`);
  return Buffer.concat([key, key.subarray(0, 8)]);
}

function run(
  cipher: ReturnType<typeof createCipheriv> | ReturnType<typeof createDecipheriv>,
  data: Uint8Array,
) {
  if (data.length % BLOCK_BYTES !== 0) throw new RangeError('3DES ECB takes whole 8-byte blocks');
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** 3DES ECB encryption under a double-length key (whole blocks). */
export function tripleDesEncrypt(key: Uint8Array, data: Uint8Array): Buffer {
  return run(createCipheriv('des-ede3', tripleKey(key), null), data);
}

/** 3DES ECB decryption under a double-length key (whole blocks). */
export function tripleDesDecrypt(key: Uint8Array, data: Uint8Array): Buffer {
  return run(createDecipheriv('des-ede3', tripleKey(key), null), data);
}

/** Check value of a clear key: the first 4 bytes of 3DES-encrypting 8 zero bytes under it. */
export function keyCheckValue(key: Uint8Array): Buffer {
  return tripleDesEncrypt(key, Buffer.alloc(BLOCK_BYTES)).subarray(0, 4);
}

/** A key as the protocol writes it: 32 hex digits (double length). */
export function parseKeyHex(hex: string, name = 'key'): Buffer {
  if (!/^[0-9A-Fa-f]{32}$/.test(hex)) throw new RangeError(`${name}: 32 hex digits (a double-length key)`);
  return Buffer.from(hex, 'hex');
}

export type SessionKeyCheck =
  | { ok: true; pik: Buffer; mak: Buffer }
  | { ok: false; reason: 'pik_check_value' | 'mak_check_value' };

/**
 * The session keys of a sign-on answer, decrypted under the TMK and taken only when each matches the
 * check value the host sent with it (a key garbled on the way, or under another TMK, is refused).
 */
export function openSessionKeys(
  tmk: Uint8Array,
  sent: { pik: Uint8Array; pikCheck: Uint8Array; mak: Uint8Array; makCheck: Uint8Array },
): SessionKeyCheck {
  const pik = tripleDesDecrypt(tmk, sent.pik);
  const mak = tripleDesDecrypt(tmk, sent.mak);
  if (!sameMac(keyCheckValue(pik), sent.pikCheck)) return { ok: false, reason: 'pik_check_value' };
  if (!sameMac(keyCheckValue(mak), sent.makCheck)) return { ok: false, reason: 'mak_check_value' };
  return { ok: true, pik, mak };
}

/**
 * The clear ISO 9564 format-0 PIN block: `0`, the PIN length, the PIN, `F` fill to 16 nibbles, XORed
 * with `0000` and the 12 rightmost PAN digits excluding the check digit.
 */
export function pinBlockFormat0(pin: string, pan: string): Buffer {
  if (!/^\d{4,12}$/.test(pin)) throw new RangeError('a PIN has 4 to 12 digits');
  if (!/^\d{13,19}$/.test(pan)) throw new RangeError('a PAN has 13 to 19 digits');
  const pinField = Buffer.from(`0${pin.length.toString(16)}${pin}`.padEnd(16, 'F'), 'hex');
  const panField = Buffer.from(`0000${pan.slice(-13, -1)}`, 'hex');
  const out = Buffer.alloc(BLOCK_BYTES);
  for (let i = 0; i < BLOCK_BYTES; i++) out[i] = pinField[i]! ^ panField[i]!;
  return out;
}

/** Field 52: the format-0 PIN block encrypted under the PIK. */
export function encryptedPinBlock(pik: Uint8Array, pin: string, pan: string): Buffer {
  return tripleDesEncrypt(pik, pinBlockFormat0(pin, pan));
}

/** The retail MAC (ISO 9797-1 algorithm 3) of a span under the MAK. */
export function macUnder(mak: Uint8Array) {
  return (input: Uint8Array) => retailMac(mak, input);
}

/** Whether a received MAC is the one the MAK gives over its span. */
export function macVerifies(mak: Uint8Array, input: Uint8Array, mac: Uint8Array): boolean {
  return sameMac(retailMac(mak, input), mac);
}
