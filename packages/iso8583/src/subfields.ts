/**
 * The protocol's structured fields: 60 (message details), 61 (original message), 48 (batch totals),
 * 59 (terminal data TLV) and 62 (session keys). Parsers answer null for a value that does not fit, so
 * the host can decline with `30` instead of throwing.
 */

/** 60.1 message type code n2, 60.2 batch number n6, 60.3 network management code n3 (optional). */
export interface Field60 {
  typeCode: string;
  batch: string;
  network?: string | undefined;
}

export function buildField60(v: Field60): string {
  return `${v.typeCode}${v.batch}${v.network ?? ''}`;
}

export function parseField60(value: string): Field60 | null {
  if (!/^\d{8}(\d{3})?(\d{1,6})?$/.test(value)) return null;
  return {
    typeCode: value.slice(0, 2),
    batch: value.slice(2, 8),
    ...(value.length >= 11 ? { network: value.slice(8, 11) } : {}),
  };
}

/** 61: original batch n6 + original STAN n6 + original date MMDD n4 (optional). */
export interface Field61 {
  batch: string;
  stan: string;
  date?: string | undefined;
}

export function buildField61(v: Field61): string {
  return `${v.batch}${v.stan}${v.date ?? ''}`;
}

export function parseField61(value: string): Field61 | null {
  if (!/^\d{12}(\d{4})?(\d{1,13})?$/.test(value)) return null;
  return {
    batch: value.slice(0, 6),
    stan: value.slice(6, 12),
    ...(value.length >= 16 ? { date: value.slice(12, 16) } : {}),
  };
}

/** 48 in 0500/0510: purchase count n3 + amount n12 + refund count n3 + amount n12 (+ 1 result digit). */
export interface BatchTotals {
  purchaseCount: number;
  purchaseAmount: bigint;
  refundCount: number;
  refundAmount: bigint;
}

export function buildBatchTotals(t: BatchTotals, balanced?: boolean): string {
  const digits = `${String(t.purchaseCount).padStart(3, '0')}${String(t.purchaseAmount).padStart(12, '0')}${String(
    t.refundCount,
  ).padStart(3, '0')}${String(t.refundAmount).padStart(12, '0')}`;
  if (digits.length !== 30) throw new RangeError('batch totals do not fit field 48');
  return balanced === undefined ? digits : `${digits}${balanced ? '1' : '2'}`;
}

export function parseBatchTotals(value: string): (BatchTotals & { balanced?: boolean }) | null {
  const m = /^(\d{3})(\d{12})(\d{3})(\d{12})([12])?$/.exec(value);
  if (!m) return null;
  return {
    purchaseCount: Number(m[1]),
    purchaseAmount: BigInt(m[2]!),
    refundCount: Number(m[3]),
    refundAmount: BigInt(m[4]!),
    ...(m[5] ? { balanced: m[5] === '1' } : {}),
  };
}

/** 59: tags of two characters, a 3-digit length, the value (QR code, GP "lat,lng", FW, SN). */
export function parseField59(value: string): Map<string, string> | null {
  const out = new Map<string, string>();
  let i = 0;
  while (i < value.length) {
    if (value.length < i + 5) return null;
    const tag = value.slice(i, i + 2);
    const lengthText = value.slice(i + 2, i + 5);
    if (!/^\d{3}$/.test(lengthText)) return null;
    const length = Number(lengthText);
    if (value.length < i + 5 + length) return null;
    out.set(tag, value.slice(i + 5, i + 5 + length));
    i += 5 + length;
  }
  return out;
}

export function buildField59(entries: Iterable<[string, string]>): string {
  let out = '';
  for (const [tag, v] of entries) {
    if (!/^[A-Z0-9]{2}$/.test(tag)) throw new RangeError(`tag ${tag}: two capital letters or digits`);
    if (v.length > 999) throw new RangeError(`tag ${tag}: longer than 999`);
    out += `${tag}${String(v.length).padStart(3, '0')}${v}`;
  }
  return out;
}

/** 62 in 0810: PIK (16) + its check value (4) + MAK (16) + its check value (4), keys under the TMK. */
export interface SessionKeys {
  pik: Uint8Array;
  pikCheck: Uint8Array;
  mak: Uint8Array;
  makCheck: Uint8Array;
}

export function buildField62(k: SessionKeys): Uint8Array {
  if (k.pik.length !== 16 || k.mak.length !== 16 || k.pikCheck.length !== 4 || k.makCheck.length !== 4)
    throw new RangeError('field 62: 16-byte keys and 4-byte check values');
  return new Uint8Array(Buffer.concat([k.pik, k.pikCheck, k.mak, k.makCheck]));
}

export function parseField62(value: Uint8Array): SessionKeys | null {
  if (value.length !== 40) return null;
  return {
    pik: value.slice(0, 16),
    pikCheck: value.slice(16, 20),
    mak: value.slice(20, 36),
    makCheck: value.slice(36, 40),
  };
}
