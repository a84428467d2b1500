/**
 * Request and response types of the HTTP API, inferred from the shared zod schemas in
 * `@posops/contracts` (type-only: no zod code reaches the browser bundle).
 */
import type {
  applicationCheck,
  applicationDetail,
  applicationDraft,
  applicationFormView,
  applicationListItem,
  applicationListQuery,
  applicationStatus,
  approvalAction,
  approvalChain,
  approvalChainStep,
  approvalEvent,
  approvalListQuery,
  approvalRequest,
  approvalStatus,
  auditEntry,
  auditQuery,
  changePasswordBody,
  checkResult,
  contractStatus,
  contractTerms,
  createApplicationBody,
  createContractBody,
  createOrgBody,
  createRoleBody,
  createUserBody,
  createUserResponse,
  decideBody,
  grantRoleBody,
  grantRoleResponse,
  loginBody,
  loginHistoryEntry,
  merchantContract,
  notification,
  org,
  orgKind,
  ratePlan,
  recordReviewBody,
  reviewItem,
  reviewItemBody,
  reviewQuery,
  role,
  signContractBody,
  totpSetupResponse,
  updateApplicationBody,
  updateChainBody,
  updateOrgBody,
  updateRoleBody,
  updateUserBody,
  userListItem,
  userListQuery,
  userStatus,
} from '@posops/contracts';
import type { z } from 'zod';

export type {
  Division,
  ErrorBody,
  ErrorCode,
  Locale,
  Mcc,
  MccCategory,
  MccRiskClass,
  Permission,
  SessionResponse,
  SessionUser,
} from '@posops/contracts';

export type LoginBody = z.input<typeof loginBody>;
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;
export type TotpSetup = z.infer<typeof totpSetupResponse>;

export type Org = z.infer<typeof org>;
export type OrgKind = z.infer<typeof orgKind>;
export type CreateOrgBody = z.infer<typeof createOrgBody>;
export type UpdateOrgBody = z.infer<typeof updateOrgBody>;

export type UserStatus = z.infer<typeof userStatus>;
export type UserListItem = z.infer<typeof userListItem>;
export type UserListQuery = Partial<z.infer<typeof userListQuery>>;
export type UserSort = z.infer<typeof userListQuery>['sort'];
export type CreateUserBody = z.input<typeof createUserBody>;
export type CreateUserResponse = z.infer<typeof createUserResponse>;
export type UpdateUserBody = z.infer<typeof updateUserBody>;
export type GrantRoleBody = z.infer<typeof grantRoleBody>;
export type GrantRoleResponse = z.infer<typeof grantRoleResponse>;
export type LoginHistoryEntry = z.infer<typeof loginHistoryEntry>;

export type Role = z.infer<typeof role>;
export type CreateRoleBody = z.input<typeof createRoleBody>;
export type UpdateRoleBody = z.infer<typeof updateRoleBody>;
export interface PermissionInfo {
  key: string;
  module: string;
  zh: string;
  en: string;
}

export type ReviewItem = z.infer<typeof reviewItem>;
export type ReviewQuery = Partial<z.infer<typeof reviewQuery>>;
export type RecordReviewBody = z.infer<typeof recordReviewBody>;

export type AuditEntry = z.infer<typeof auditEntry>;
export type AuditQuery = Partial<z.infer<typeof auditQuery>>;

export type ApprovalStatus = z.infer<typeof approvalStatus>;
export type ApprovalAction = z.infer<typeof approvalAction>;
export type ApprovalEvent = z.infer<typeof approvalEvent>;
export type ApprovalRequest = z.infer<typeof approvalRequest>;
export type ApprovalListQuery = Partial<z.infer<typeof approvalListQuery>>;
export type ApprovalBox = z.infer<typeof approvalListQuery>['box'];
export type DecideBody = z.infer<typeof decideBody>;
export type ApprovalChain = z.infer<typeof approvalChain>;
export type ApprovalChainStep = z.infer<typeof approvalChainStep>;
export type OrgLevel = ApprovalChainStep['orgLevel'];
export type UpdateChainBody = z.infer<typeof updateChainBody>;

export type Notification = z.infer<typeof notification>;
export interface NotificationPage {
  items: Notification[];
  nextCursor: string | null;
  unread: number;
}

// ── merchant applications (进件) ────────────────────────────────────────────────────────────
export type ApplicationStatus = z.infer<typeof applicationStatus>;
export type ApplicationListItem = z.infer<typeof applicationListItem>;
export type ApplicationListQuery = Partial<z.infer<typeof applicationListQuery>>;
export type ApplicationDetail = z.infer<typeof applicationDetail>;
export type ApplicationCheck = z.infer<typeof applicationCheck>;
export type CheckResult = z.infer<typeof checkResult>;
/** The form as the API answers it (personal numbers possibly masked). */
export type ApplicationFormView = z.infer<typeof applicationFormView>;
/** The form as a draft is saved: every section and field optional. */
export type ApplicationDraft = z.input<typeof applicationDraft>;
export type CreateApplicationBody = z.input<typeof createApplicationBody>;
export type UpdateApplicationBody = z.input<typeof updateApplicationBody>;
export type ReviewItemBody = z.infer<typeof reviewItemBody>;

/** GET /api/reference/mcc. */
export interface MccReference {
  categories: { category: string; en: string; description: string }[];
  codes: { code: string; zh: string; en: string; category: string; riskClass: string }[];
}

// ── documents ───────────────────────────────────────────────────────────────────────────────
/** One stored document's metadata (the server's `documentMeta`). */
export interface DocumentMeta {
  id: string;
  ownerType: string;
  ownerId: string;
  kind: string;
  fileName: string;
  contentType: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

// ── blacklist (黑名单) ───────────────────────────────────────────────────────────────────────
export type BlacklistKind = 'credit_code' | 'id_number' | 'account' | 'mobile' | 'merchant_name';
export interface BlacklistEntry {
  id: string;
  kind: BlacklistKind;
  valueMasked: string;
  reason: string;
  source: string;
  createdAt: string;
}
export interface BlacklistQuery {
  kind?: BlacklistKind | undefined;
  cursor?: string | undefined;
  limit?: number;
}
export interface AddBlacklistBody {
  kind: BlacklistKind;
  value: string;
  reason: string;
}

// ── contracts (签约) and rate plans (费率) ──────────────────────────────────────────────────
export type RatePlan = z.infer<typeof ratePlan>;
export type MerchantContract = z.infer<typeof merchantContract>;
export type ContractStatus = z.infer<typeof contractStatus>;
export type ContractTerms = z.infer<typeof contractTerms>;
export type CreateContractBody = z.input<typeof createContractBody>;
export type SignContractBody = z.infer<typeof signContractBody>;

// ── go-live (开通), merchants (商户), work orders, trainings ───────────────────────────────────
/** POST /api/merchant-applications/:id/go-live: the first portal password is shown once. */
export interface GoLiveResult {
  merchantId: string;
  mid: string;
  /** Numbers of the installation work orders raised. */
  workOrders: string[];
  portalLogin: { username: string; initialPassword: string };
}

export type MerchantStatus = 'onboarding' | 'active' | 'suspended' | 'frozen' | 'closed';

export interface Merchant {
  id: string;
  mid: string;
  name: string;
  shortName: string;
  mcc: string;
  creditCode: string;
  status: MerchantStatus;
  riskGrade: 'A' | 'B' | 'C' | 'D';
  singleLimitMinor: string;
  dailyLimitMinor: string;
  monthlyLimitMinor: string;
  inspectionMonths: number;
  orgId: string;
  applicationId: string | null;
  createdAt: string;
  activatedAt: string | null;
  /** The status changes the server allows now (停机, 复机, 冻结结算, 解冻, 注销). */
  allowedEvents: MerchantStatusEvent[];
}

export type MerchantStatusEvent =
  | 'suspend'
  | 'resume'
  | 'freeze_settlement'
  | 'unfreeze_settlement'
  | 'close';

export interface MerchantListQuery {
  q?: string | undefined;
  status?: MerchantStatus | undefined;
  cursor?: string | undefined;
  limit?: number;
}

export type WorkOrderKind = 'install' | 'inspection' | 'repair' | 'relocation' | 'retrieval';
export type WorkOrderStatus = 'open' | 'completed' | 'cancelled';

export interface WorkOrder {
  id: string;
  no: string;
  kind: WorkOrderKind;
  status: WorkOrderStatus;
  terminalModel: string | null;
  serialNo: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface Training {
  id: string;
  trainerName: string;
  trainedAt: string;
  topics: string[];
  attendees: string;
}

export interface MerchantDetail extends Merchant {
  workOrders: WorkOrder[];
  trainings: Training[];
}

export interface RecordTrainingBody {
  trainerName: string;
  /** ISO date-time with offset, e.g. 2026-11-25T10:00:00+08:00. */
  trainedAt: string;
  topics: string[];
  attendees: string;
}
