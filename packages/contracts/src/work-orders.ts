import { z } from 'zod';

export const workOrderKind = z.enum(['install', 'inspection', 'repair', 'relocation', 'retrieval']);

/** One answered item of a site checklist; a failed item says what is wrong. */
export const checklistAnswer = z.strictObject({
  item: z.string().regex(/^[a-z][a-z_]{1,39}$/, 'a checklist item name'),
  passed: z.boolean(),
  note: z.string().trim().max(200).optional(),
});

/**
 * 现场作业记录: what closes a work order on site. Photos and the signature image are uploaded first as
 * documents of the work order (kinds site_photo and signature).
 */
export const siteReportInput = z.strictObject({
  result: z.string().trim().min(2).max(500),
  checklist: z.array(checklistAnswer).max(30),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  testTransaction: z
    .strictObject({
      amountMinor: z.string().regex(/^[1-9]\d{0,8}$/, 'a whole number of fen, at least 1'),
      reference: z
        .string()
        .regex(/^[0-9A-Za-z]{6,32}$/, 'the RRN or voucher number: 6–32 letters and digits'),
      approved: z.boolean(),
    })
    .optional(),
  signOff: z.strictObject({
    signerName: z.string().trim().min(1).max(50),
    signatureDocumentId: z.uuid(),
  }),
});
export type SiteReportInput = z.infer<typeof siteReportInput>;
