/** Masking of personal and card data for lists, logs and audit records. */

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function maskPan(pan: string): string {
  if (pan.length < 10) return '*'.repeat(pan.length);
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}

export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

const secretKeys = /pass(word)?|secret|token|totp|pin|cvv|track|key|sealed/i;
const phoneKeys = /phone|mobile/i;
/** Identity and account numbers: first and last four kept, the rest masked. */
const numberKeys = /idNumber|accountNo|cardNo|pan$/i;

/**
 * A copy of a record fit for the audit log: secrets removed, phones masked. Applied to every
 * before/after image, so a module cannot forget it.
 */
export function maskForAudit(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskForAudit);
  if (value === null || typeof value !== 'object')
    return typeof value === 'bigint' ? value.toString() : value;
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (secretKeys.test(key)) out[key] = v == null ? v : '***';
    else if (phoneKeys.test(key) && typeof v === 'string') out[key] = maskPhone(v);
    else if (numberKeys.test(key) && typeof v === 'string') out[key] = maskIdNumber(v);
    else out[key] = maskForAudit(v);
  }
  return out;
}
