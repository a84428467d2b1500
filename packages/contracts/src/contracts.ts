import { z } from 'zod';
import { idSchema, isoTime } from './api';
import { mccCategory, ratePpm } from './pricing';

/**
 * 签约 — the merchant contract (特约商户受理协议) of an approved application: the rate plan chosen from
 * the catalogue, a few terms, the effective date, the generated PDF, and the signature as recorded.
 * draft (terms saved, no PDF yet) → generated (PDF stored) → signed (signer and time recorded; the
 * application moves approved → contracted in the same transaction).
 */

const money = z.string().regex(/^\d{1,15}$/, 'a whole number of fen');

export const contractStatus = z.enum(['draft', 'generated', 'signed']);
export type ContractStatus = z.infer<typeof contractStatus>;

/** 结算周期: T+1 pays the next working day, D+1 the next calendar day. */
export const settlementCycle = z.enum(['T+1', 'D+1']);

export const contractTerms = z.strictObject({
  settlementCycle: settlementCycle.default('T+1'),
  /** 协议期限 in years. */
  termYears: z.number().int().min(1).max(5).default(1),
  /** 期满自动续期 by the same term, unless either party gives notice. */
  autoRenew: z.boolean().default(true),
  /** 风险保证金 in fen; '0' for none. */
  depositMinor: money.default('0'),
});
export type ContractTerms = z.infer<typeof contractTerms>;

export const createContractBody = z.strictObject({
  ratePlanId: idSchema,
  /** Omitted fields take their defaults: T+1, one year, auto-renew, no deposit. */
  terms: contractTerms.prefault({}),
  /** 生效日期: a business date, today or later. */
  effectiveDate: z.iso.date(),
});

export const signContractBody = z.strictObject({
  /** Who signed for the merchant (the legal representative or an authorised signatory). */
  signerName: z.string().trim().min(2).max(50),
  /** When it was signed; default now. Not in the future, not before the PDF was generated. */
  signedAt: z.iso.datetime({ offset: true }).optional(),
});

/** The rates as they stood when the contract was generated: what the merchant signs. */
export const contractRates = z.object({
  ratePlanId: idSchema,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  mccCategory: mccCategory.nullable(),
  debitRatePpm: ratePpm,
  debitCapMinor: z.string().nullable(),
  creditRatePpm: ratePpm,
  qrRatePpm: ratePpm,
  currency: z.string(),
});
export type ContractRates = z.infer<typeof contractRates>;

export const merchantContract = z.object({
  id: idSchema,
  applicationId: idSchema,
  orgId: idSchema,
  contractNo: z.string(),
  status: contractStatus,
  rates: contractRates,
  terms: contractTerms,
  effectiveDate: z.iso.date(),
  /** The generated PDF (a document of owner type merchant_contract, kind contract_pdf). */
  documentId: idSchema.nullable(),
  generatedAt: isoTime.nullable(),
  signerName: z.string().nullable(),
  signedAt: isoTime.nullable(),
  recordedByName: z.string().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** What may happen next: generate, revise, sign. */
  allowedEvents: z.array(z.string()),
});
export type MerchantContract = z.infer<typeof merchantContract>;
