import type { IsoMessage } from '@posops/iso8583';
import { keyedHash, luhnValid, maskPan } from '@posops/kernel';

/**
 * The card of a request, read from field 2 (PAN) and 14 (expiry), or from track 2 (35) when those are
 * absent. Held in memory for the request only: what is kept is `stored` (masked, BIN, keyed hash).
 */
export interface CardRead {
  pan: string;
  expiry: string | null;
  stored: { panMasked: string; panBin: string; panHash: string };
}

export function readCard(message: IsoMessage, secretKey: string): CardRead | null {
  const field2 = typeof message.fields[2] === 'string' ? message.fields[2] : null;
  const track2 = typeof message.fields[35] === 'string' ? message.fields[35] : null;
  const [trackPan, trackRest] = track2 ? track2.split('=', 2) : [null, null];
  const pan = field2 ?? trackPan ?? null;
  if (!pan || !/^\d{13,19}$/.test(pan)) return null;
  // A track 2 of another card than field 2 is a forged or broken read.
  if (field2 && trackPan && field2 !== trackPan) return null;
  const field14 = typeof message.fields[14] === 'string' ? message.fields[14] : null;
  const expiry = field14 ?? (trackRest && /^\d{4}/.test(trackRest) ? trackRest.slice(0, 4) : null);
  return {
    pan,
    expiry,
    stored: { panMasked: maskPan(pan), panBin: pan.slice(0, 6), panHash: keyedHash(secretKey, 'pan', pan) },
  };
}

/** Luhn; UnionPay BINs (62…) that fail it are a warning, not a decline (some genuine cards do). */
export function cardNumberCheck(pan: string): 'ok' | 'bad' | 'unionpay_warning' {
  if (luhnValid(pan)) return 'ok';
  return pan.startsWith('62') ? 'unionpay_warning' : 'bad';
}

/** Whether a YYMM expiry has passed on the business date (valid through the end of its month). */
export function expired(expiry: string, businessDate: string): boolean {
  if (!/^\d{2}(0[1-9]|1[0-2])$/.test(expiry)) return true;
  const now = Number(businessDate.slice(2, 4)) * 100 + Number(businessDate.slice(5, 7));
  return Number(expiry) < now;
}
