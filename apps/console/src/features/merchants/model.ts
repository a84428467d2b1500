import type {
  AddressView,
  ContractRates,
  MerchantChangeKind,
  MerchantChangeStatus,
  MessageRef,
  SettlementAccountView,
} from '@posops/contracts';
import type {
  ApplicationStatus,
  BlacklistKind,
  CheckResult,
  ContractStatus,
  ContractTerms,
  DocumentMeta,
  Merchant,
  MerchantDetail,
  MerchantListQuery,
} from '../../api/types';

/** Tag colour of each application status (Ant Design preset or status colours). */
export const statusColors: Record<ApplicationStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  in_review: 'processing',
  returned: 'warning',
  reviewed: 'cyan',
  pending_approval: 'purple',
  approved: 'green',
  rejected: 'error',
  contracted: 'geekblue',
  active: 'success',
  withdrawn: 'default',
};

export const applicationStatuses = Object.keys(statusColors) as ApplicationStatus[];

/** Statuses in which the applicant may still change the form and its documents. */
export const editableStatuses: readonly ApplicationStatus[] = ['draft', 'returned'];

export const checkResultColors: Record<CheckResult | 'pending', string> = {
  passed: 'success',
  failed: 'error',
  warning: 'warning',
  overridden: 'purple',
  pending: 'default',
};

/** Items the reviewer decides by looking at the documents and the place: always on the checklist. */
export const reviewerItems = ['documents_match', 'scope_matches_mcc', 'premises_verified'] as const;
export type ReviewerItem = (typeof reviewerItems)[number];

export const documentKinds = [
  'id_front',
  'id_back',
  'licence',
  'storefront',
  'lease',
  'account_proof',
] as const;
export type DocumentKind = (typeof documentKinds)[number];
/** Required at submission; the lease only when the premises are rented, which the reviewer judges. */
export const requiredDocumentKinds: readonly DocumentKind[] = [
  'id_front',
  'id_back',
  'licence',
  'storefront',
  'account_proof',
];
export const DOCUMENT_OWNER = 'merchant_application';
export const documentAccept = 'image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf';

export const idTypes = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'foreign_permanent',
] as const;
export const businessTypes = ['individual', 'company'] as const;
export const taxpayerTypes = ['general', 'small_scale'] as const;
export const accountTypes = ['corporate', 'personal'] as const;
export const acceptanceKinds = ['card', 'qr'] as const;

export const blacklistKinds: readonly BlacklistKind[] = [
  'credit_code',
  'id_number',
  'account',
  'mobile',
  'merchant_name',
];

/**
 * The events a person can trigger from the console, each with the permission it needs and whether it
 * asks for a comment. The server's `allowedEvents` says which are possible now; the others it lists
 * (the approval steps, contract, go-live) are driven elsewhere.
 */
export const applicationActions = {
  submit: { permission: 'merchantApplication.create', comment: 'none', path: 'submit' },
  resubmit: { permission: 'merchantApplication.create', comment: 'none', path: 'submit' },
  start_review: { permission: 'merchantApplication.review', comment: 'none', path: 'start-review' },
  return: { permission: 'merchantApplication.review', comment: 'required', path: 'return' },
  complete_review: { permission: 'merchantApplication.review', comment: 'none', path: 'complete-review' },
  request_approval: { permission: 'merchantApplication.review', comment: 'none', path: 'request-approval' },
  withdraw: { permission: 'merchantApplication.create', comment: 'required', path: 'withdraw' },
} as const;
export type ApplicationAction = keyof typeof applicationActions;

export function isApplicationAction(event: string): event is ApplicationAction {
  return Object.hasOwn(applicationActions, event);
}

// ── 商户360 and change requests (变更申请) ────────────────────────────────────────────────────

/** A person or an organisation named on the merchant (业务归属). */
export interface NamedRef {
  id: string;
  name: string;
}

/** One period of the merchant's rates: from `effectiveFrom` until the next one. */
export interface RatePeriod extends ContractRates {
  effectiveFrom: string;
  /** Signed with the contract, or brought by an approved rate change. */
  source: 'contract' | 'change';
  changeRequestId: string | null;
  current: boolean;
}

export interface MerchantTerminal {
  serialNo: string;
  model: string | null;
  installedAt: string | null;
  workOrderNo: string;
}

/** GET /api/merchants/:id — 商户360: the merchant with its profile, contract, rates, risk and history. */
export interface MerchantProfile extends MerchantDetail {
  address: AddressView;
  /** The account number masked. */
  settlement: SettlementAccountView;
  attribution: { salesRep: NamedRef | null; agentOrg: NamedRef | null; org: NamedRef | null };
  application: { id: string; no: string } | null;
  contract: {
    id: string;
    contractNo: string;
    status: ContractStatus;
    effectiveDate: string;
    signerName: string | null;
    signedAt: string | null;
    documentId: string | null;
    terms: ContractTerms;
  } | null;
  rates: { current: (ContractRates & { effectiveFrom: string }) | null; history: RatePeriod[] };
  assessment: {
    score: number;
    factors: { factor: string; points: number; detail: string; message?: MessageRef | undefined }[];
    proposedGrade: RiskGrade;
    grade: RiskGrade;
    overrideReason: string | null;
    at: string;
  } | null;
  /** The application's documents and the contract PDF (empty without document.read). */
  documents: DocumentMeta[];
  terminals: MerchantTerminal[];
}

export type RiskGrade = Merchant['riskGrade'];
export const riskGrades: readonly RiskGrade[] = ['A', 'B', 'C', 'D'];
export const gradeColors: Record<RiskGrade, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

/** GET /api/merchants: the list's filters (orgId: that org and its subtree). */
export interface MerchantFilterQuery extends MerchantListQuery {
  grade?: RiskGrade | undefined;
  orgId?: string | undefined;
  salesRepId?: string | undefined;
  agentOrgId?: string | undefined;
}

/** One line of the merchant's audit trail (GET /api/merchants/:id/history). */
export interface MerchantHistoryEntry {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
}

export type {
  ChangeFinding,
  MerchantChange,
  MerchantChangeKind,
  MerchantChangeRequest,
  MerchantChangeRequestInput,
  MerchantChangeStatus,
} from '@posops/contracts';

export const changeKinds: readonly MerchantChangeKind[] = [
  'settlement_account',
  'address',
  'rate_plan',
  'limits',
];

export const changeStatusColors: Record<MerchantChangeStatus, string> = {
  pending_approval: 'processing',
  returned: 'warning',
  scheduled: 'cyan',
  applied: 'success',
  rejected: 'error',
  cancelled: 'default',
};
export const changeStatuses = Object.keys(changeStatusColors) as MerchantChangeStatus[];

/** Statuses of a change not yet settled: at most one of each kind per merchant. */
export const openChangeStatuses: readonly MerchantChangeStatus[] = [
  'pending_approval',
  'returned',
  'scheduled',
];

export interface ChangeListQuery {
  status?: MerchantChangeStatus | undefined;
  kind?: MerchantChangeKind | undefined;
  cursor?: string | undefined;
  limit?: number;
}

/** How far ahead a change may be dated (the server's bound). */
export const CHANGE_DAYS_AHEAD_MAX = 180;
