import type { ApplicationStatus, BlacklistKind, CheckResult } from '../../api/types';

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
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
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
