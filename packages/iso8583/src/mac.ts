import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import { encode, type IsoMessage } from './codec';

const BLOCK = 8;

const ZERO_IV = Buffer.alloc(BLOCK);

/** Single DES is 3DES-EDE with the key three times (no legacy single-DES cipher needed). */
const tripled = (key8: Uint8Array) => createSecretKey(Buffer.concat([key8, key8, key8]));

/** Key objects per MAC key: building them costs more than the MAC itself. */
const keyObjects = new Map<string, { k1: KeyObject; k2: KeyObject }>();
function keysOf(key: Uint8Array) {
  const id = Buffer.from(key).toString('hex');
  let keys = keyObjects.get(id);
  if (!keys) {
    if (keyObjects.size >= 10_000) keyObjects.clear();
    keys = { k1: tripled(key.subarray(0, 8)), k2: tripled(key.subarray(8, 16)) };
    keyObjects.set(id, keys);
  }
  return keys;
}

function run(
  cipher: ReturnType<typeof createCipheriv> | ReturnType<typeof createDecipheriv>,
  data: Uint8Array,
) {
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/**
 * ISO 9797-1 MAC algorithm 3 (ANSI X9.19 retail MAC) with padding method 1: CBC-DES under the left key
 * half over the zero-padded data, then the last block decrypted under the right half and encrypted
 * under the left again. `key` is a double-length (16-byte) key.
 */
export function retailMac(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (key.length !== 16) throw new RangeError(`a retail MAC key has 16 bytes, not ${key.length}`);
  const { k1, k2 } = keysOf(key);
  const length = Math.max(BLOCK, Math.ceil(data.length / BLOCK) * BLOCK);
  const padded = Buffer.alloc(length);
  padded.set(data);
  const chained = run(createCipheriv('des-ede3-cbc', k1, ZERO_IV), padded);
  const last = chained.subarray(length - BLOCK);
  const middle = run(createDecipheriv('des-ede3-ecb', k2, null), last);
  return run(createCipheriv('des-ede3-ecb', k1, null), middle);
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
