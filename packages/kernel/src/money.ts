/** Money is bigint minor units (fen for CNY) with an ISO 4217 currency; never a float. */
export interface Money {
  readonly amountMinor: bigint;
  readonly currency: string;
}

export function money(amountMinor: bigint, currency = 'CNY'): Money {
  if (!/^[A-Z]{3}$/.test(currency)) throw new Error(`invalid currency ${currency}`);
  return { amountMinor, currency };
}

/** Parses a decimal string of minor units as sent over JSON ("12345"). */
export function parseMinor(text: string): bigint {
  if (!/^-?\d{1,18}$/.test(text)) throw new Error(`not an amount in minor units: ${text}`);
  return BigInt(text);
}

/** Formats minor units as major units with two decimals, exactly ("12345" → "123.45"). */
export function formatMinor(amountMinor: bigint): string {
  const negative = amountMinor < 0n;
  const abs = negative ? -amountMinor : amountMinor;
  const major = abs / 100n;
  const minor = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${major}.${minor}`;
}
