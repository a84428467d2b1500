import { z } from 'zod';
import { idSchema, isoTime } from './api';
import type { MccCategory } from './reference/mcc';

/**
 * 费率 — the rate plan catalogue as the API shows it. Rates are integers in parts per million (ppm) of
 * the transaction amount: 0.55% = 5500 ppm, 0.0325% = 325 ppm (docs/decisions/0008-rates-in-ppm.md).
 * Caps are minor units (fen) and cross JSON as strings, like every amount.
 */

/** The China MCC pricing classes (reference/mcc.ts), the keys a rate plan is offered under. */
export const mccCategory = z.enum([
  '餐娱类',
  '房产汽车类',
  '批发类',
  '一般类',
  '民生类',
  '公益类',
] as const satisfies readonly MccCategory[]);

export const ratePlanStatus = z.enum(['active', 'retired']);
export type RatePlanStatus = z.infer<typeof ratePlanStatus>;

/** One million: the denominator of every rate. */
export const PPM = 1_000_000;

/** A rate in ppm: a whole number from 0 to 100,000 (0% to 10%). */
export const ratePpm = z.number().int().min(0).max(100_000);

export const ratePlan = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  status: ratePlanStatus,
  currency: z.string(),
  /** 借记卡 rate, ppm. */
  debitRatePpm: ratePpm,
  /** 借记卡 cap per transaction (封顶), fen as a string; null: no cap. */
  debitCapMinor: z.string().nullable(),
  /** 贷记卡 rate, ppm. */
  creditRatePpm: ratePpm,
  /** 扫码 (QR) rate, ppm. */
  qrRatePpm: ratePpm,
  /** The MCC pricing class the plan is for; null: any class. */
  mccCategory: mccCategory.nullable(),
  /** Business date from which the plan may be signed. */
  effectiveFrom: z.iso.date(),
  /** Where the figures come from, for the person choosing. */
  note: z.string().nullable(),
  createdAt: isoTime,
});
export type RatePlan = z.infer<typeof ratePlan>;

export const ratePlanListQuery = z.object({
  /** Plans that fit this pricing class: the class's own and those for any class. */
  mccCategory: mccCategory.optional(),
  /** Plans that fit this MCC's pricing class (resolved through the MCC list). */
  mcc: z
    .string()
    .regex(/^\d{4}$/, 'a 4-digit MCC')
    .optional(),
  /** Default: active plans only. */
  status: z.enum(['active', 'retired', 'all']).default('active'),
});

/**
 * A rate in ppm as an exact percentage, at least two decimals, no float on the way:
 * 5500 → "0.55%", 12500 → "1.25%", 325 → "0.0325%", 0 → "0.00%".
 */
export function formatRatePpm(ppm: number): string {
  if (!Number.isSafeInteger(ppm) || ppm < 0) throw new RangeError(`not a rate in ppm: ${ppm}`);
  const whole = Math.trunc(ppm / 10_000);
  let fraction = String(ppm % 10_000).padStart(4, '0');
  while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${whole}.${fraction}%`;
}
