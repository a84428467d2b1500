import {
  type AddressView,
  type ContractRates,
  divisionPath,
  type LimitsView,
  type SettlementAccountView,
} from '@posops/contracts';
import { sealText } from '@posops/kernel';
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { MerchantRatesTable, MerchantsTable } from './merchants.schema';
import { hashOf, maskOf } from './personal-numbers';

/**
 * The parts of a live merchant that change only through change requests (变更申请): the settlement
 * account, the address, the rate plan and the limits. The account number is kept sealed and hashed on
 * the row, masked for display.
 */

type MerchantRow = Pick<
  MerchantsTable,
  | 'division_code'
  | 'address_detail'
  | 'settlement_account_type'
  | 'settlement_bank_name'
  | 'settlement_branch_name'
  | 'settlement_holder_name'
  | 'account_masked'
  | 'single_limit_minor'
  | 'daily_limit_minor'
  | 'monthly_limit_minor'
>;

export interface SettlementAccount {
  accountType: 'corporate' | 'personal';
  bankName: string;
  branchName: string;
  accountNo: string;
  holderName: string;
}

/** The merchant row's settlement columns for an account given in clear. */
export function settlementColumns(secretKey: string, account: SettlementAccount) {
  const accountNo = account.accountNo.trim();
  return {
    settlement_account_type: account.accountType,
    settlement_bank_name: account.bankName,
    settlement_branch_name: account.branchName,
    settlement_holder_name: account.holderName,
    account_no_sealed: sealText(secretKey, accountNo),
    account_hash: hashOf(secretKey, 'account', accountNo),
    account_masked: maskOf('account', accountNo),
  };
}

export const settlementViewOf = (m: MerchantRow): SettlementAccountView => ({
  accountType: m.settlement_account_type,
  bankName: m.settlement_bank_name,
  branchName: m.settlement_branch_name,
  accountNo: m.account_masked,
  holderName: m.settlement_holder_name,
});

export const addressViewOf = (divisionCode: string, detail: string): AddressView => ({
  divisionCode,
  divisionNames: divisionPath(divisionCode)?.names ?? [],
  detail,
});

export const limitsViewOf = (m: {
  single_limit_minor: bigint;
  daily_limit_minor: bigint;
  monthly_limit_minor: bigint;
}): LimitsView => ({
  singleLimitMinor: m.single_limit_minor.toString(),
  dailyLimitMinor: m.daily_limit_minor.toString(),
  monthlyLimitMinor: m.monthly_limit_minor.toString(),
});

export function insertMerchantRates(db: Db, row: Insertable<MerchantRatesTable>) {
  return db.insertInto('merchant_rates').values(row).returning(['id']).executeTakeFirstOrThrow();
}

/** The rates a merchant pays on a business day: the latest that took effect on or before it. */
export async function merchantRatesOn(
  db: Db,
  merchantId: string,
  day: string,
): Promise<(ContractRates & { effectiveFrom: string }) | null> {
  const row = await db
    .selectFrom('merchant_rates')
    .select(['rates', sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as('effective_from')])
    .where('merchant_id', '=', merchantId)
    .where('effective_from', '<=', day)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { ...(row.rates as ContractRates), effectiveFrom: row.effective_from } : null;
}

/** Every rate period of a merchant, newest first (the 360° page's rate history). */
export function rateHistoryOf(db: Db, merchantId: string) {
  return db
    .selectFrom('merchant_rates')
    .select([
      'id',
      'rates',
      'source',
      'change_request_id',
      sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as('effective_from'),
    ])
    .where('merchant_id', '=', merchantId)
    .orderBy('effective_from', 'desc')
    .execute();
}
