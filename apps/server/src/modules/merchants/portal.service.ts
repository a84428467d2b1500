import { AppError } from '@posops/kernel';
import type { ServiceContext } from '../../platform/http/context';
import { getContract } from './contract.service';
import { findMerchant } from './golive.repo';
import { getMerchant } from './merchants.service';

/**
 * 商户自助: a portal login acts for exactly one merchant (users.merchant_id). Every portal read goes
 * through here and asks for that merchant by id — never a list — so nothing of another merchant, even one
 * of the same outlet, can come back.
 */
export function portalMerchantId(ctx: ServiceContext): string {
  if (!ctx.actor.merchantId) throw new AppError('FORBIDDEN', 'the merchant portal is for merchant logins');
  return ctx.actor.merchantId;
}

export async function myMerchant(ctx: ServiceContext) {
  const merchant = await getMerchant(ctx, portalMerchantId(ctx));
  const contract = await getContract(ctx, merchant.applicationId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  return {
    mid: merchant.mid,
    name: merchant.name,
    shortName: merchant.shortName,
    mcc: merchant.mcc,
    status: merchant.status,
    activatedAt: merchant.activatedAt,
    limits: {
      singleMinor: merchant.singleLimitMinor,
      dailyMinor: merchant.dailyLimitMinor,
      monthlyMinor: merchant.monthlyLimitMinor,
    },
    terminals: merchant.workOrders
      .filter((w) => w.kind === 'install' && w.status === 'completed')
      .map((w) => ({ model: w.terminalModel, serialNo: w.serialNo, installedAt: w.completedAt })),
    contract: contract
      ? {
          contractNo: contract.contractNo,
          status: contract.status,
          effectiveDate: contract.effectiveDate,
          signedAt: contract.signedAt,
        }
      : null,
  };
}

/** The application id behind the portal merchant, for its contract PDF. */
export async function myApplicationId(ctx: ServiceContext): Promise<string> {
  const merchant = await findMerchant(ctx.db, portalMerchantId(ctx));
  if (!merchant) throw new AppError('NOT_FOUND', 'merchant not found');
  return merchant.application_id;
}
