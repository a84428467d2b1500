/**
 * The merchant discount fee (商户手续费) of one transaction under a rate plan: pure, bigint only.
 *
 * Rounding rule FEE_HALF_UP_PER_TRANSACTION: amount × rate is rounded half-up to the fen on each
 * transaction by itself (0.5 fen and above → up), never on a day's sum; the debit cap (封顶) is applied
 * after rounding, so a capped fee is exactly the cap.
 */

/** How the card or wallet paid: 借记卡, 贷记卡, 扫码. */
export type PaymentMethod = 'debit' | 'credit' | 'qr';

/** The rates a fee needs: a catalogue plan's, or those a contract copied from one. */
export interface PlanRates {
  /** Parts per million of the amount (5500 = 0.55%). */
  debitRatePpm: number;
  /** Fen; null: no cap. */
  debitCapMinor: bigint | null;
  creditRatePpm: number;
  qrRatePpm: number;
}

export const FEE_ROUNDING = 'FEE_HALF_UP_PER_TRANSACTION' as const;

const MILLION = 1_000_000n;

/** n / d rounded half-up, for n ≥ 0 and d > 0: the fen of a fee. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) {
    throw new RangeError(`roundHalfUp takes n ≥ 0 and d > 0, not ${numerator} / ${denominator}`);
  }
  return (numerator * 2n + denominator) / (denominator * 2n);
}

function rateOf(plan: PlanRates, method: PaymentMethod): number {
  const ppm =
    method === 'debit' ? plan.debitRatePpm : method === 'credit' ? plan.creditRatePpm : plan.qrRatePpm;
  if (!Number.isSafeInteger(ppm) || ppm < 0 || ppm > 1_000_000) {
    throw new RangeError(`the ${method} rate must be a whole number of ppm from 0 to 1,000,000, not ${ppm}`);
  }
  return ppm;
}

/**
 * The fee in fen of one transaction of `amountMinor` fen paid by `method`: half-up per transaction,
 * the debit cap applied after rounding. A negative amount (a refund) is refused: refunds are priced by
 * the rules of a later issue, not by flipping a sign here.
 */
export function feeFor(plan: PlanRates, tx: { method: PaymentMethod; amountMinor: bigint }): bigint {
  if (tx.amountMinor < 0n) throw new RangeError(`a fee is for an amount ≥ 0, not ${tx.amountMinor}`);
  const rounded = roundHalfUp(tx.amountMinor * BigInt(rateOf(plan, tx.method)), MILLION);
  const cap = tx.method === 'debit' ? plan.debitCapMinor : null;
  if (cap !== null && cap < 0n) throw new RangeError(`a cap is ≥ 0, not ${cap}`);
  return cap !== null && rounded > cap ? cap : rounded;
}
