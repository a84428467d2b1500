import type { SiteReportInput } from '@posops/contracts';
import type { DocumentMeta, WorkOrderKind, WorkOrderStatus } from '../../api/types';
import { yuanToFen } from '../approvals/amount';

export type { SiteReportInput, WorkOrderKind, WorkOrderStatus };

/** One row of GET /api/work-orders (soonest due first). */
export interface WorkOrderListItem {
  id: string;
  no: string;
  kind: WorkOrderKind;
  status: WorkOrderStatus;
  merchantId: string;
  merchantLabel: string;
  terminalModel: string | null;
  serialNo: string | null;
  assignee: { id: string; name: string } | null;
  appointmentAt: string | null;
  dueAt: string;
  overdue: boolean;
  escalatedAt: string | null;
  createdAt: string;
  completedAt: string | null;
  /** An installation's unit bound and keyed (step one); it still waits for the sign-off. */
  boundAt: string | null;
}

/** One item of a site checklist; a must-pass item failed means the work is not done. */
export interface ChecklistRequirement {
  item: string;
  mustPass: boolean;
}

/** What a work order of its kind needs on site before it closes (现场作业要求). */
export interface SiteRequirements {
  checklist: ChecklistRequirement[];
  minPhotos: number;
  /** An approved test transaction on the unit is required (else it may be recorded). */
  testTransaction: boolean;
  /** An installation binds the unit and loads its key before the sign-off. */
  bindFirst: boolean;
}

export interface ChecklistAnswer {
  item: string;
  passed: boolean;
  note?: string;
}

/** 现场作业记录: the report a closed work order keeps. */
export interface SiteReport {
  result: string;
  checklist: ChecklistAnswer[];
  photoCount: number;
  location: { latitude: number; longitude: number } | null;
  testTransaction: { amountMinor: string; reference: string; approved: boolean } | null;
  signOff: { signerName: string; signatureDocumentId: string };
  reportedAt: string;
  /** Who filled in the report and closed the work order. */
  reportedBy: string;
}

/** GET /api/work-orders/:id. */
export interface WorkOrderDetail extends WorkOrderListItem {
  requirements: SiteRequirements;
  report: SiteReport | null;
}

export interface WorkOrderQuery {
  status?: WorkOrderStatus | undefined;
  kind?: WorkOrderKind | undefined;
  mine?: boolean | undefined;
  overdue?: boolean | undefined;
}

/** An engineer a dispatcher may assign to (GET /api/work-orders/engineers). */
export interface Engineer {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
}

export interface AssignInput {
  assigneeId: string;
  /** ISO date-time with offset, not in the past. */
  appointmentAt: string;
}

/** The server answers at most this many rows per list (its own cap is 500). */
export const WORK_ORDER_LIST_LIMIT = 500;
export const RESULT_MIN_CHARS = 2;
export const RESULT_MAX_CHARS = 500;
export const NOTE_MAX_CHARS = 200;
export const SIGNER_MAX_CHARS = 50;
/** The RRN or the voucher number of the test transaction. */
export const testReferencePattern = /^[0-9A-Za-z]{6,32}$/;
/** The serial number on the unit's label (typed or scanned). */
export const serialPattern = /^[A-Za-z0-9-]{4,40}$/;
/** Document kinds of a work order. */
export const WORK_ORDER_OWNER = 'work_order';
export const SITE_PHOTO = 'site_photo';
export const SIGNATURE = 'signature';
/** Tap targets on a phone: at least this tall (px). */
export const TAP_HEIGHT_PX = 48;

export const workOrderKinds: readonly WorkOrderKind[] = [
  'install',
  'inspection',
  'repair',
  'relocation',
  'retrieval',
];
export const workOrderStatuses: readonly WorkOrderStatus[] = ['open', 'completed', 'cancelled'];

export const kindColors: Record<WorkOrderKind, string> = {
  install: 'blue',
  inspection: 'cyan',
  repair: 'orange',
  relocation: 'purple',
  retrieval: 'magenta',
};

export const statusColors: Record<WorkOrderStatus, string> = {
  open: 'processing',
  completed: 'success',
  cancelled: 'default',
};

export const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };

export function isKind(value: string | null): value is WorkOrderKind {
  return value !== null && (workOrderKinds as readonly string[]).includes(value);
}

export function isStatus(value: string | null): value is WorkOrderStatus {
  return value !== null && (workOrderStatuses as readonly string[]).includes(value);
}

/**
 * What the engineer does next on the site page (现场作业): bind the unit and load its key (an installation
 * not bound yet), or fill the site report and have the merchant sign off; nothing once it is closed.
 */
export type SiteStep = 'bind' | 'report';

export function siteStep(w: Pick<WorkOrderListItem, 'kind' | 'status' | 'boundAt'>): SiteStep | null {
  if (w.status !== 'open') return null;
  return w.kind === 'install' && !w.boundAt ? 'bind' : 'report';
}

/** The site form's values: the checklist by item, the test in yuan as typed, the signature as drawn. */
export interface SiteFormValues {
  checklist: Record<string, { passed?: boolean; note?: string }>;
  photos: DocumentMeta[];
  latitude?: number | null;
  longitude?: number | null;
  testTransaction?: {
    /** When the kind does not require a test: whether one was made. */
    recorded?: boolean;
    amountYuan?: string | null;
    reference?: string;
    approved?: boolean;
  };
  signOff: { signerName?: string; signature?: string };
  result?: string;
}

/** Whether the form carries a test transaction: always when required, else when the engineer records one. */
export function testIncluded(
  requirements: Pick<SiteRequirements, 'testTransaction'>,
  values: SiteFormValues,
) {
  return requirements.testTransaction || values.testTransaction?.recorded === true;
}

/**
 * The body of POST /api/work-orders/:id/finish from the form: every checklist item in the kind's order
 * (a note only on a failed one), the position when both coordinates are there, the test in fen.
 */
export function siteReportInput(
  requirements: SiteRequirements,
  values: SiteFormValues,
  signatureDocumentId: string,
): SiteReportInput {
  const { latitude, longitude } = values;
  const test = values.testTransaction;
  const amountMinor = test?.amountYuan ? yuanToFen(String(test.amountYuan)) : undefined;
  return {
    result: (values.result ?? '').trim(),
    checklist: requirements.checklist.map(({ item }) => {
      const answer = values.checklist?.[item];
      const passed = answer?.passed === true;
      const note = answer?.note?.trim();
      return { item, passed, ...(!passed && note ? { note } : {}) };
    }),
    ...(typeof latitude === 'number' && typeof longitude === 'number' ? { latitude, longitude } : {}),
    ...(testIncluded(requirements, values) && test
      ? {
          testTransaction: {
            amountMinor: amountMinor ?? '',
            reference: (test.reference ?? '').trim(),
            approved: test.approved !== false,
          },
        }
      : {}),
    signOff: { signerName: (values.signOff?.signerName ?? '').trim(), signatureDocumentId },
  };
}

/**
 * Where a refusal of the finish lands on the site form: a checklist item on its pass/fail row, the test
 * on its amount, the signature on the pad; the others (photos, result, …) are the form's own names.
 */
export function siteFormField(serverPath: string): string {
  if (/^checklist\.[a-z_]+$/.test(serverPath)) return `${serverPath}.passed`;
  if (serverPath === 'testTransaction' || serverPath === 'testTransaction.amountMinor')
    return 'testTransaction.amountYuan';
  if (serverPath === 'signOff.signatureDocumentId') return 'signOff.signature';
  return serverPath;
}

/**
 * A due time relative to now, as a value and unit for Intl.RelativeTimeFormat: minutes under an hour,
 * hours under two days, days beyond; negative when it is past.
 */
export function relativeDue(
  dueIso: string,
  nowMs: number,
): { value: number; unit: 'minute' | 'hour' | 'day' } {
  const minutes = Math.round((Date.parse(dueIso) - nowMs) / 60_000);
  const abs = Math.abs(minutes);
  if (abs < 60) return { value: minutes, unit: 'minute' };
  if (abs < 48 * 60) return { value: Math.trunc(minutes / 60), unit: 'hour' };
  return { value: Math.trunc(minutes / (24 * 60)), unit: 'day' };
}
