import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal numbers at rest: a keyed hash to match them (duplicates, blacklist) and authenticated
 * encryption to read them back where the business needs the clear value (payout files, KYC review).
 * Both derive their keys from the one SECRET_KEY, each for its own purpose.
 */
function subKey(secretKey: string, purpose: string): Buffer {
  return createHash('sha256').update(`posops:${purpose}:`).update(secretKey).digest();
}

/** HMAC-SHA256 of a normalised value, per kind, as hex: equal values match, nothing else is learnt. */
export function keyedHash(secretKey: string, kind: string, value: string): string {
  return createHmac('sha256', subKey(secretKey, 'hash')).update(`${kind}:${value}`).digest('hex');
}

const SEAL_VERSION = 'v1';

/** AES-256-GCM; the output is `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function sealText(secretKey: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', subKey(secretKey, 'seal'), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [SEAL_VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Opens what sealText sealed; throws on a wrong key or any tampering. */
export function openText(secretKey: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== SEAL_VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', subKey(secretKey, 'seal'), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
