/** Packed BCD as the protocol packs it: two digits a byte, high nibble first. */

const NIBBLE_D = 0xd;
const NIBBLE_F = 0xf;

/**
 * Digits (and, for track data, `=`) to packed BCD. `align` says where the pad nibble goes when the count
 * is odd: a leading 0 (right-justified, fixed fields) or a trailing F (left-justified, variable fields).
 */
export function packDigits(digits: string, align: 'right' | 'left', track = false): Uint8Array {
  const odd = digits.length % 2 === 1;
  const out = Buffer.allocUnsafe((digits.length + 1) >> 1);
  // Nibble position of the first digit: 1 when a leading pad nibble comes first.
  let position = odd && align === 'right' ? 1 : 0;
  if (position === 1) out[0] = 0;
  for (let i = 0; i < digits.length; i++) {
    const code = digits.charCodeAt(i);
    let nibble: number;
    if (code >= 48 && code <= 57) nibble = code - 48;
    else if (track && code === 61) nibble = NIBBLE_D;
    else throw new RangeError(`not a digit: ${JSON.stringify(digits[i])}`);
    if (position % 2 === 0) out[position >> 1] = nibble << 4;
    else out[position >> 1]! |= nibble;
    position++;
  }
  if (odd && align === 'left') out[position >> 1]! |= NIBBLE_F;
  return out;
}

/**
 * `count` digits from packed BCD; null when a nibble is not a digit (or `=` for track data) or the pad
 * nibble is not the one the alignment wants.
 */
export function unpackDigits(
  bytes: Uint8Array,
  count: number,
  align: 'right' | 'left',
  track = false,
): string | null {
  const odd = count % 2 === 1;
  const nibbleCount = bytes.length * 2;
  let out = '';
  for (let i = 0; i < nibbleCount; i++) {
    const byte = bytes[i >> 1]!;
    const nibble = i % 2 === 0 ? byte >> 4 : byte & 0x0f;
    const isPad = odd && ((align === 'right' && i === 0) || (align === 'left' && i === nibbleCount - 1));
    if (isPad) {
      if (nibble !== (align === 'right' ? 0 : NIBBLE_F)) return null;
      continue;
    }
    if (nibble <= 9) out += String.fromCharCode(48 + nibble);
    else if (track && nibble === NIBBLE_D) out += '=';
    else return null;
  }
  return out;
}

/** A length prefix: `width` bytes of BCD, right-justified. */
export function packLength(length: number, width: 1 | 2): Uint8Array {
  return packDigits(String(length).padStart(width * 2, '0'), 'right');
}

export function unpackLength(bytes: Uint8Array): number | null {
  const digits = unpackDigits(bytes, bytes.length * 2, 'right');
  return digits === null ? null : Number(digits);
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
}
