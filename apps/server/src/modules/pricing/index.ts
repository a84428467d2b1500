/**
 * Pricing (费率/分润): the rate plan catalogue — debit rate with its cap, credit rate, QR rate, per
 * China MCC pricing class — and the fee of one transaction under a plan. Rates are ppm, amounts fen.
 * Later issues extend it (effective-dated plan changes, promotions, revenue sharing). Owns rate_plans;
 * calls nobody.
 */
export { FEE_ROUNDING, feeFor, type PaymentMethod, type PlanRates, roundHalfUp } from './pricing.fees';
export { ratePlanRoutes } from './pricing.routes';
export { planFits, type RatePlanInfo, ratePlanById, ratesSnapshotOf, seedRatePlans } from './pricing.service';
