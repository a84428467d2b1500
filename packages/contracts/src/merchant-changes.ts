import { z } from 'zod';
import { idSchema, isoTime } from './api';
import { contractRates } from './contracts';
import { businessSection, settlementSection } from './merchants';

/**
 * 商户变更申请: a change of a live merchant's settlement account, address, rate plan or limits. It goes
 * through approval and takes effect on its effective date (at once if that day has come when approved).
 */

const money = z.string().regex(/^\d{1,15}$/, 'a whole number of fen');

export const merchantChangeKind = z.enum(['settlement_account', 'address', 'rate_plan', 'limits']);
export type MerchantChangeKind = z.infer<typeof merchantChangeKind>;

export const merchantChangeStatus = z.enum([
  'pending_approval',
  'returned',
  'scheduled',
  'applied',
  'rejected',
  'cancelled',
]);
export type MerchantChangeStatus = z.infer<typeof merchantChangeStatus>;

export const settlementAccountChange = z.strictObject({
  kind: z.literal('settlement_account'),
  settlement: settlementSection,
});
export const addressChange = z.strictObject({
  kind: z.literal('address'),
  address: businessSection.shape.address,
});
export const ratePlanChange = z.strictObject({
  kind: z.literal('rate_plan'),
  ratePlanId: idSchema,
});
export const limitsChange = z.strictObject({
  kind: z.literal('limits'),
  singleLimitMinor: money,
  dailyLimitMinor: money,
  monthlyLimitMinor: money,
});

/** What is to change: one of the four kinds, with its new values. */
export const merchantChange = z.discriminatedUnion('kind', [
  settlementAccountChange,
  addressChange,
  ratePlanChange,
  limitsChange,
]);
export type MerchantChange = z.infer<typeof merchantChange>;

export const merchantChangeRequestInput = z.strictObject({
  change: merchantChange,
  /** The business day from which the change applies (rate changes: tomorrow at the earliest). */
  effectiveDate: z.iso.date(),
  reason: z.string().trim().min(2).max(500),
});
export type MerchantChangeRequestInput = z.infer<typeof merchantChangeRequestInput>;

/** The settlement account as people see it: the number masked. */
export const settlementAccountView = z.object({
  accountType: z.enum(['corporate', 'personal']),
  bankName: z.string(),
  branchName: z.string(),
  accountNo: z.string(),
  holderName: z.string(),
});
export type SettlementAccountView = z.infer<typeof settlementAccountView>;

export const addressView = z.object({
  divisionCode: z.string(),
  /** Province, city, district names (zh). */
  divisionNames: z.array(z.string()),
  detail: z.string(),
});
export type AddressView = z.infer<typeof addressView>;

export const limitsView = z.object({
  singleLimitMinor: z.string(),
  dailyLimitMinor: z.string(),
  monthlyLimitMinor: z.string(),
});
export type LimitsView = z.infer<typeof limitsView>;

/** The values before or after a change, by kind (rate_plan: the plan's rates). */
export const merchantChangeValues = z.union([settlementAccountView, addressView, contractRates, limitsView]);

export const changeFinding = z.object({
  field: z.string(),
  severity: z.enum(['warning', 'info']),
  /** In English; `key` and `params` are the same message for the console to translate. */
  message: z.string(),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ChangeFinding = z.infer<typeof changeFinding>;

export const merchantChangeRequest = z.object({
  id: idSchema,
  no: z.string(),
  merchantId: idSchema,
  merchantMid: z.string(),
  merchantName: z.string(),
  orgId: idSchema,
  kind: merchantChangeKind,
  status: merchantChangeStatus,
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
  /** What the approver should look at (a shared account, a Luhn warning); never blocking. */
  findings: z.array(changeFinding),
  effectiveDate: z.iso.date(),
  reason: z.string(),
  requestedBy: z.object({ id: idSchema, name: z.string() }),
  createdAt: isoTime,
  decidedAt: isoTime.nullable(),
  appliedAt: isoTime.nullable(),
  /** Why it was returned, rejected or cancelled. */
  closedReason: z.string().nullable(),
  approvalId: idSchema.nullable(),
  /** What the caller may do now. */
  allowedActions: z.array(z.enum(['resubmit', 'cancel'])),
});
export type MerchantChangeRequest = z.infer<typeof merchantChangeRequest>;
