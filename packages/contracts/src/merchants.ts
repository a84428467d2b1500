import { z } from 'zod';
import { idSchema, isoTime, pageQuery } from './api';

/**
 * 进件申请 — the merchant application as the console's step form and the API see it. A draft may be
 * incomplete (`applicationDraft`); submission requires the whole form (`applicationForm`) and passes the
 * checks of the review (checksums, duplicates, blacklist, documents).
 */

const money = z.string().regex(/^\d{1,15}$/, 'a whole number of fen');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');

export const businessSection = z.strictObject({
  name: z.string().trim().min(2).max(100),
  /** Printed on receipts: at most 20 characters. */
  shortName: z.string().trim().min(2).max(20),
  type: z.enum(['individual', 'company']),
  mcc: z.string().regex(/^\d{4}$/, 'a 4-digit MCC'),
  scope: z.string().trim().min(2).max(500),
  address: z.strictObject({
    divisionCode: z.string().regex(/^\d{6}$/, 'a 6-digit district code'),
    detail: z.string().trim().min(2).max(200),
  }),
  hours: z.strictObject({ open: hhmm, close: hhmm }),
});

export const idType = z.enum([
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'foreign_permanent',
]);

export const legalRepSection = z.strictObject({
  name: z.string().trim().min(2).max(50),
  idType,
  idNumber: z.string().trim().min(5).max(30),
  validFrom: z.iso.date(),
  /** An ISO date, or 'long_term' (长期). */
  validTo: z.union([z.iso.date(), z.literal('long_term')]),
});

export const licenceSection = z.strictObject({
  creditCode: z.string().trim().toUpperCase().length(18, '18 characters'),
  registeredName: z.string().trim().min(2).max(100),
  validTo: z.union([z.iso.date(), z.literal('long_term')]),
  /** 成立日期 on the licence: the business's age counts in the risk score. */
  establishedOn: z.iso.date().optional(),
});

export const taxSection = z.strictObject({
  taxpayerType: z.enum(['general', 'small_scale']),
});

export const settlementSection = z.strictObject({
  accountType: z.enum(['corporate', 'personal']),
  bankName: z.string().trim().min(2).max(100),
  branchName: z.string().trim().min(2).max(100),
  accountNo: z.string().regex(/^\d{6,32}$/, '6–32 digits'),
  holderName: z.string().trim().min(2).max(100),
});

export const contactsSection = z.strictObject({
  name: z.string().trim().min(2).max(50),
  mobile: z.string().regex(/^\d{11}$/, '11 digits'),
  email: z.email().max(128).optional(),
  phone: z.string().max(20).optional(),
});

export const expectedSection = z.strictObject({
  monthlyVolumeMinor: money,
  averageTicketMinor: money,
});

export const terminalRequest = z.strictObject({
  model: z.string().trim().min(1).max(64),
  count: z.number().int().min(1).max(100),
  acceptance: z.array(z.enum(['card', 'qr'])).min(1),
});

export const attributionSection = z.strictObject({
  salesRepId: idSchema.optional(),
  agentOrgId: idSchema.optional(),
});

export const applicationForm = z.strictObject({
  business: businessSection,
  legalRep: legalRepSection,
  licence: licenceSection,
  tax: taxSection,
  settlement: settlementSection,
  contacts: contactsSection,
  expected: expectedSection,
  terminals: z.array(terminalRequest).min(1).max(20),
  attribution: attributionSection,
});
export type ApplicationForm = z.infer<typeof applicationForm>;

/** A draft: every section optional, every field inside a section optional. */
export const applicationDraft = z.strictObject({
  business: businessSection
    .partial()
    .extend({
      address: businessSection.shape.address.partial().optional(),
      hours: businessSection.shape.hours.partial().optional(),
    })
    .optional(),
  // A number coming back masked from the console (1101**********002X) means "unchanged".
  legalRep: legalRepSection
    .partial()
    .extend({ idNumber: z.string().trim().min(5).max(30).optional() })
    .optional(),
  licence: licenceSection.partial().optional(),
  tax: taxSection.partial().optional(),
  settlement: settlementSection
    .partial()
    .extend({
      accountNo: z
        .string()
        .regex(/^[\d*]{6,32}$/, '6–32 digits')
        .optional(),
    })
    .optional(),
  contacts: contactsSection.partial().optional(),
  expected: expectedSection.partial().optional(),
  terminals: z.array(terminalRequest.partial()).max(20).optional(),
  attribution: attributionSection.partial().optional(),
});
export type ApplicationDraft = z.infer<typeof applicationDraft>;

export const applicationStatus = z.enum([
  'draft',
  'submitted',
  'in_review',
  'returned',
  'reviewed',
  'pending_approval',
  'approved',
  'rejected',
  'contracted',
  'active',
  'withdrawn',
]);
export type ApplicationStatus = z.infer<typeof applicationStatus>;

export const checkResult = z.enum(['passed', 'failed', 'warning', 'overridden']);

/** One line of the review checklist (资料审核): a system check or the reviewer's decision on an item. */
/** A message the console translates (`messages.<key>` with its parameters). */
export const messageRef = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const applicationCheck = z.object({
  item: z.string(),
  field: z.string().nullable(),
  result: checkResult,
  detail: z.string(),
  /** The finding as a key the console translates (`messages.<key>`); null on rows from before keys. */
  message: z
    .object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })
    .nullable(),
  source: z.enum(['system', 'reviewer']),
  reviewerName: z.string().nullable(),
  comment: z.string().nullable(),
  at: isoTime,
});
export type ApplicationCheck = z.infer<typeof applicationCheck>;

export const applicationListItem = z.object({
  id: idSchema,
  no: z.string(),
  status: applicationStatus,
  merchantName: z.string().nullable(),
  creditCode: z.string().nullable(),
  mcc: z.string().nullable(),
  orgId: idSchema,
  orgName: z.string(),
  createdByName: z.string(),
  createdAt: isoTime,
  submittedAt: isoTime.nullable(),
  updatedAt: isoTime,
});
export type ApplicationListItem = z.infer<typeof applicationListItem>;

/** The form as the API shows it: personal numbers may come masked (1101**********002X). */
export const applicationFormView = applicationDraft.extend({
  legalRep: legalRepSection.partial().extend({ idNumber: z.string().optional() }).optional(),
  settlement: settlementSection.partial().extend({ accountNo: z.string().optional() }).optional(),
});

export const applicationDetail = applicationListItem.extend({
  /** The form with personal numbers masked unless the caller may see them (merchantApplication.review). */
  form: applicationFormView,
  checks: z.array(applicationCheck),
  history: z.array(
    z.object({ at: isoTime, actorName: z.string(), event: z.string(), comment: z.string().nullable() }),
  ),
  allowedEvents: z.array(z.string()),
  version: z.number().int(),
  assessment: z.lazy(() => riskAssessment).nullable(),
  approvalId: idSchema.nullable(),
});
export type ApplicationDetail = z.infer<typeof applicationDetail>;

export const applicationListQuery = pageQuery.extend({
  q: z.string().max(64).optional(),
  status: applicationStatus.optional(),
  orgId: idSchema.optional(),
});

export const createApplicationBody = z.strictObject({
  /** The org that takes the application in; default: the caller's. */
  orgId: idSchema.optional(),
  form: applicationDraft.default({}),
});

export const updateApplicationBody = z.strictObject({
  form: applicationDraft,
  /** The version the editor loaded: a stale save is refused instead of overwriting someone's work. */
  version: z.number().int().min(0),
});

export const reviewItemBody = z.strictObject({
  result: z.enum(['passed', 'failed', 'overridden']),
  comment: z.string().trim().max(500).optional(),
});

export const commentBody = z.strictObject({ comment: z.string().trim().min(1).max(1000) });

export const riskGrade = z.enum(['A', 'B', 'C', 'D']);
export type RiskGrade = z.infer<typeof riskGrade>;

/** 信用评估: a score made of named factors, the grade it gives, and the limits and inspections that follow. */
export const riskAssessment = z.object({
  score: z.number().int(),
  factors: z.array(
    z.object({
      factor: z.string(),
      points: z.number().int(),
      detail: z.string(),
      /** Absent on assessments made before message keys. */
      message: messageRef.optional(),
    }),
  ),
  proposedGrade: riskGrade,
  grade: riskGrade,
  singleLimitMinor: z.string(),
  dailyLimitMinor: z.string(),
  monthlyLimitMinor: z.string(),
  inspectionMonths: z.number().int(),
  overrideReason: z.string().nullable(),
  assessedBy: z.string().nullable(),
  at: isoTime,
});
export type RiskAssessment = z.infer<typeof riskAssessment>;

export const overrideAssessmentBody = z.strictObject({
  grade: riskGrade,
  singleLimitMinor: money,
  dailyLimitMinor: money,
  monthlyLimitMinor: money,
  reason: z.string().trim().min(4).max(500),
});
