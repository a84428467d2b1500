import { createCipheriv, createDecipheriv } from 'node:crypto';
import { encode, type IsoMessage } from './codec';

const BLOCK = 8;

/** Single DES on one block, as 3DES-EDE with the key three times (no legacy single-DES cipher needed). */
function des(key8: Uint8Array, block: Uint8Array, decrypt = false): Uint8Array {
  const key = Buffer.concat([key8, key8, key8]);
  const cipher = decrypt
    ? createDecipheriv('des-ede3-ecb', key, null)
    : createCipheriv('des-ede3-ecb', key, null);
  cipher.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([cipher.update(block), cipher.final()]));
}

/**
 * ISO 9797-1 MAC algorithm 3 (ANSI X9.19 retail MAC) with padding method 1: CBC-DES under the left key
 * half over the zero-padded data, then the last block decrypted under the right half and encrypted
 * under the left again. `key` is a double-length (16-byte) key.
 */
export function retailMac(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (key.length !== 16) throw new RangeError(`a retail MAC key has 16 bytes, not ${key.length}`);
  const k1 = key.subarray(0, 8);
  const k2 = key.subarray(8, 16);
  const length = Math.max(BLOCK, Math.ceil(data.length / BLOCK) * BLOCK);
  const padded = new Uint8Array(length);
  padded.set(data);
  let chain: Uint8Array = new Uint8Array(BLOCK);
  for (let i = 0; i < length; i += BLOCK) {
    const block = new Uint8Array(BLOCK);
    for (let j = 0; j < BLOCK; j++) block[j] = chain[j]! ^ padded[i + j]!;
    chain = des(k1, block);
  }
  return des(k1, des(k2, chain, true));
}

/**
 * Packs a message with its MAC in field 64: the MAC covers the MTI, the bitmap (bit 64 set) and every
 * field before 64. `mac` computes it — inside the security module on the host, with a clear key in a
 * simulator.
 */
export function encodeWithMac(message: IsoMessage, mac: (input: Uint8Array) => Uint8Array): Uint8Array {
  const body = encode({ ...message, fields: { ...message.fields, 64: new Uint8Array(BLOCK) } });
  const value = mac(body.subarray(5, body.length - BLOCK));
  if (value.length !== BLOCK) throw new RangeError(`a MAC has 8 bytes, not ${value.length}`);
  body.set(value, body.length - BLOCK);
  return body;
}

/** Constant-time comparison of two MACs. */
export function sameMac(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
