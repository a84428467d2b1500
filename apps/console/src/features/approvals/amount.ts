/**
 * Yuan as typed ↔ fen (minor units) as the API carries them, both as strings: exact, never a float.
 * At most 16 whole digits, so that the fen fit the API's 18 digits.
 */
export const yuanPattern = /^\d{1,16}(\.\d{1,2})?$/;

/** `'10000.5'` → `'1000050'`, `'0.05'` → `'5'`; undefined for anything that is not a yuan amount. */
export function yuanToFen(yuan: string): string | undefined {
  const text = yuan.trim();
  if (!yuanPattern.test(text)) return undefined;
  const [whole = '0', fraction = ''] = text.split('.');
  const digits = `${whole}${fraction.padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  return digits;
}

/** `'1000050'` → `'10000.50'`, `'5'` → `'0.05'`. */
export function fenToYuan(fen: string): string {
  const digits = fen.replace(/^0+(?=\d)/, '').padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/^0+(?=\d)/, '');
  return `${whole}.${digits.slice(-2)}`;
}
