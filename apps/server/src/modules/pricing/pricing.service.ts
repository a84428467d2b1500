import { type ContractRates, type MccCategory, mccByCode, type RatePlan } from '@posops/contracts';
import { AppError } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import { defaultRatePlans } from './pricing.catalogue';
import type { PlanRates } from './pricing.fees';
import { findRatePlan, insertRatePlanIfMissing, type RatePlanRow, ratePlans } from './pricing.repo';

/** A plan of the catalogue as other modules use it: its rates as bigint-ready numbers. */
export interface RatePlanInfo extends PlanRates {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  status: 'active' | 'retired';
  currency: string;
  mccCategory: MccCategory | null;
  effectiveFrom: string;
}

const toInfo = (r: RatePlanRow): RatePlanInfo => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  status: r.status,
  currency: r.currency,
  debitRatePpm: r.debit_rate_ppm,
  debitCapMinor: r.debit_cap_minor,
  creditRatePpm: r.credit_rate_ppm,
  qrRatePpm: r.qr_rate_ppm,
  mccCategory: r.mcc_category as MccCategory | null,
  effectiveFrom: r.effective_from,
});

const toApi = (r: RatePlanRow): RatePlan => ({
  ...toInfo(r),
  debitCapMinor: r.debit_cap_minor === null ? null : r.debit_cap_minor.toString(),
  note: r.note,
  createdAt: r.created_at.toISOString(),
});

/** The catalogue every database starts with; plans already there (maybe edited) are left alone. */
export async function seedRatePlans(db: Db): Promise<void> {
  for (const plan of defaultRatePlans) await insertRatePlanIfMissing(db, plan);
}

/** The catalogue, filtered by the pricing class a merchant's MCC falls in (or the class itself). */
export async function listRatePlans(
  db: Db,
  query: {
    mccCategory?: MccCategory | undefined;
    mcc?: string | undefined;
    status: 'active' | 'retired' | 'all';
  },
): Promise<RatePlan[]> {
  let category: MccCategory | undefined = query.mccCategory;
  if (query.mcc !== undefined) {
    const mcc = mccByCode(query.mcc);
    if (!mcc) throw new AppError('VALIDATION_FAILED', `unknown MCC ${query.mcc}`, { mcc: 'unknown MCC' });
    if (category !== undefined && category !== mcc.category) {
      const message = `MCC ${mcc.code} is ${mcc.category}, not ${category}`;
      throw new AppError('VALIDATION_FAILED', message, { mcc: message });
    }
    category = mcc.category;
  }
  const rows = await ratePlans(db, {
    category,
    status: query.status === 'all' ? undefined : query.status,
  });
  return rows.map(toApi);
}

export async function getRatePlan(db: Db, id: string): Promise<RatePlan> {
  const row = await findRatePlan(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'rate plan not found');
  return toApi(row);
}

/** A plan for another module (contracts), or undefined. */
export async function ratePlanById(db: Db, id: string): Promise<RatePlanInfo | undefined> {
  const row = await findRatePlan(db, id);
  return row ? toInfo(row) : undefined;
}

/** Whether a plan may be offered to a merchant of this pricing class: its own class, or any. */
export function planFits(plan: Pick<RatePlanInfo, 'mccCategory'>, category: MccCategory): boolean {
  return plan.mccCategory === null || plan.mccCategory === category;
}

/** The plan's rates as a contract or a rate change records them: what the merchant pays from then on. */
export function ratesSnapshotOf(plan: RatePlanInfo): ContractRates {
  return {
    ratePlanId: plan.id,
    code: plan.code,
    name: plan.name,
    nameEn: plan.nameEn,
    mccCategory: plan.mccCategory,
    debitRatePpm: plan.debitRatePpm,
    debitCapMinor: plan.debitCapMinor === null ? null : plan.debitCapMinor.toString(),
    creditRatePpm: plan.creditRatePpm,
    qrRatePpm: plan.qrRatePpm,
    currency: plan.currency,
  };
}
