import { keyedHash, maskIdNumber, maskPhone } from '@posops/kernel';

/** How each kind of personal number is normalised before it is hashed, so equal numbers match. */
export function normalise(
  kind: 'credit_code' | 'id_number' | 'account' | 'mobile' | 'merchant_name',
  value: string,
): string {
  const trimmed = value.replace(/\s+/g, '');
  if (kind === 'merchant_name') return value.trim().replace(/\s+/g, ' ');
  return kind === 'id_number' || kind === 'credit_code' ? trimmed.toUpperCase() : trimmed;
}

export function hashOf(secretKey: string, kind: Parameters<typeof normalise>[0], value: string): string {
  return keyedHash(secretKey, kind, normalise(kind, value));
}

export function maskOf(kind: Parameters<typeof normalise>[0], value: string): string {
  if (kind === 'mobile') return maskPhone(value) ?? '';
  if (kind === 'merchant_name' || kind === 'credit_code') return value;
  return maskIdNumber(normalise(kind, value));
}
