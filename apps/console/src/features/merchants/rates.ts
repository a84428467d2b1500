/**
 * Rates are whole parts per million (ppm) of the amount: 5500 ppm = 0.55%. Shown as an exact
 * percentage with two to four decimals, by string arithmetic (no float on the way):
 * 5500 → "0.55%", 12500 → "1.25%", 325 → "0.0325%", 0 → "0.00%".
 */
export function ppmToPercent(ppm: number): string {
  if (!Number.isSafeInteger(ppm) || ppm < 0) return '—';
  const digits = String(ppm).padStart(5, '0');
  const whole = digits.slice(0, -4).replace(/^0+(?=\d)/, '');
  let fraction = digits.slice(-4);
  while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${whole}.${fraction}%`;
}
