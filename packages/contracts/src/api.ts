import { z } from 'zod';

/** Shapes that cross HTTP, shared by the server (validation, OpenAPI) and the console (types). */

export const localeSchema = z.enum(['zh-CN', 'en-US']);
export type Locale = z.infer<typeof localeSchema>;

export const idSchema = z.string().uuid();
export const isoTime = z.string();

export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

// ── auth ────────────────────────────────────────────────────────────────────────────────────
export const loginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const sessionUser = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  orgId: idSchema,
  orgName: z.string(),
  locale: localeSchema,
  permissions: z.array(z.string()),
  roles: z.array(z.object({ code: z.string(), name: z.string() })),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const sessionResponse = z.object({ user: sessionUser, csrfToken: z.string() });
export type SessionResponse = z.infer<typeof sessionResponse>;

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const localeBody = z.strictObject({ locale: localeSchema });

export const totpSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const totpEnableBody = z.strictObject({ code: z.string().regex(/^\d{6}$/) });

// ── organisations ───────────────────────────────────────────────────────────────────────────
export const orgKind = z.enum(['head_office', 'branch', 'outlet', 'agent']);
export type OrgKind = z.infer<typeof orgKind>;

export const org = z.object({
  id: idSchema,
  parentId: idSchema.nullable(),
  code: z.string(),
  name: z.string(),
  kind: orgKind,
  status: z.enum(['active', 'closed']),
  createdAt: isoTime,
});
export type Org = z.infer<typeof org>;

export const createOrgBody = z.strictObject({
  parentId: idSchema,
  code: z.string().regex(/^[A-Z0-9]{2,16}$/, 'code: 2–16 capital letters or digits'),
  name: z.string().trim().min(2).max(100),
  kind: orgKind.exclude(['head_office']),
});
export const updateOrgBody = z.strictObject({
  name: z.string().trim().min(2).max(100).optional(),
  status: z.enum(['active', 'closed']).optional(),
});

// ── users ───────────────────────────────────────────────────────────────────────────────────
export const userStatus = z.enum(['active', 'disabled']);

export const userListItem = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  orgId: idSchema,
  orgName: z.string(),
  status: userStatus,
  roles: z.array(z.object({ id: idSchema, code: z.string(), name: z.string() })),
  email: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  lastLoginAt: isoTime.nullable(),
  lockedUntil: isoTime.nullable(),
  totpEnabled: z.boolean(),
  createdAt: isoTime,
});
export type UserListItem = z.infer<typeof userListItem>;

export const userListQuery = pageQuery.extend({
  q: z.string().max(64).optional(),
  orgId: idSchema.optional(),
  status: userStatus.optional(),
  roleCode: z.string().max(64).optional(),
  /** staff (default): the institution's people; portal: merchant portal logins; all: both. */
  kind: z.enum(['staff', 'portal', 'all']).default('staff'),
  sort: z
    .enum(['username', '-username', 'createdAt', '-createdAt', 'lastLoginAt', '-lastLoginAt'])
    .default('username'),
});

export const createUserBody = z.strictObject({
  username: z.string().regex(/^[a-z][a-z0-9._-]{2,31}$/, 'username: 3–32 lower-case letters, digits, . _ -'),
  displayName: z.string().trim().min(1).max(64),
  orgId: idSchema,
  email: z.string().email().max(128).optional(),
  phone: z
    .string()
    .regex(/^1\d{10}$/, 'phone: an 11-digit mainland mobile number')
    .optional(),
  roleIds: z.array(idSchema).max(20).default([]),
});
export const createUserResponse = z.object({
  user: userListItem,
  /** Shown once; the user must change it at first login. */
  initialPassword: z.string(),
  /** Privileged roles asked for at creation wait for approval. */
  pendingApprovalIds: z.array(idSchema),
});

export const updateUserBody = z.strictObject({
  displayName: z.string().trim().min(1).max(64).optional(),
  email: z.string().email().max(128).nullable().optional(),
  phone: z
    .string()
    .regex(/^1\d{10}$/, 'phone: an 11-digit mainland mobile number')
    .nullable()
    .optional(),
  orgId: idSchema.optional(),
});

export const grantRoleBody = z.strictObject({ roleId: idSchema, reason: z.string().max(500).optional() });
export const grantRoleResponse = z.object({
  status: z.enum(['granted', 'pending_approval']),
  approvalId: idSchema.nullable(),
});

// ── roles ───────────────────────────────────────────────────────────────────────────────────
export const role = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  privileged: z.boolean(),
  permissions: z.array(z.string()),
  userCount: z.number().int(),
});
export type Role = z.infer<typeof role>;
export const createRoleBody = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/),
  name: z.string().trim().min(1).max(64),
  nameEn: z.string().trim().min(1).max(64),
  privileged: z.boolean().default(false),
  permissions: z.array(z.string()).max(500),
});
export const updateRoleBody = z.strictObject({
  name: z.string().trim().min(1).max(64).optional(),
  nameEn: z.string().trim().min(1).max(64).optional(),
  privileged: z.boolean().optional(),
  permissions: z.array(z.string()).max(500).optional(),
});

// ── permission review (权限审核) ──────────────────────────────────────────────────────────────
export const reviewItem = z.object({
  userId: idSchema,
  username: z.string(),
  displayName: z.string(),
  orgName: z.string(),
  status: userStatus,
  roles: z.array(z.object({ code: z.string(), name: z.string(), privileged: z.boolean() })),
  lastLoginAt: isoTime.nullable(),
  dormant: z.boolean(),
  lastReviewedAt: isoTime.nullable(),
  lastReviewedBy: z.string().nullable(),
});
export const reviewQuery = pageQuery.extend({
  dormant: z.enum(['true', 'false']).optional(),
  q: z.string().max(64).optional(),
});
export const recordReviewBody = z.strictObject({
  outcome: z.enum(['confirmed', 'changes_requested']),
  comment: z.string().max(500).optional(),
});

// ── audit ───────────────────────────────────────────────────────────────────────────────────
export const auditEntry = z.object({
  id: z.string(),
  at: isoTime,
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  orgId: idSchema.nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditQuery = pageQuery.extend({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  objectType: z.string().max(64).optional(),
  objectId: z.string().max(64).optional(),
});

// ── approvals (审批) ──────────────────────────────────────────────────────────────────────────
export const approvalStatus = z.enum(['pending', 'approved', 'rejected', 'returned', 'cancelled']);
export const approvalAction = z.enum(['submit', 'approve', 'reject', 'return', 'resubmit', 'cancel']);
export const approvalEvent = z.object({
  at: isoTime,
  actorName: z.string(),
  action: approvalAction,
  step: z.number().int().nullable(),
  comment: z.string().nullable(),
});
export const approvalRequest = z.object({
  id: idSchema,
  type: z.string(),
  title: z.string(),
  status: approvalStatus,
  orgId: idSchema,
  orgName: z.string(),
  makerId: idSchema,
  makerName: z.string(),
  currentStep: z.number().int(),
  steps: z.array(z.object({ index: z.number().int(), roleCode: z.string(), orgLevel: z.string() })),
  payload: z.unknown(),
  createdAt: isoTime,
  decidedAt: isoTime.nullable(),
  history: z.array(approvalEvent),
  canDecide: z.boolean(),
});
export type ApprovalRequest = z.infer<typeof approvalRequest>;
export const approvalListQuery = pageQuery.extend({
  box: z.enum(['inbox', 'mine', 'all']).default('inbox'),
  status: approvalStatus.optional(),
});
export const decideBody = z.strictObject({ comment: z.string().trim().max(1000).optional() });

// ── notifications ───────────────────────────────────────────────────────────────────────────
export const notification = z.object({
  id: idSchema,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: isoTime.nullable(),
  createdAt: isoTime,
});
export type Notification = z.infer<typeof notification>;

// ── login history ───────────────────────────────────────────────────────────────────────────
export const loginHistoryEntry = z.object({
  id: z.string(),
  at: isoTime,
  username: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  success: z.boolean(),
  /** ok, wrong_password, unknown_user, locked, disabled, totp_required, totp_invalid */
  reason: z.string(),
});
export type LoginHistoryEntry = z.infer<typeof loginHistoryEntry>;

// ── approval chains ─────────────────────────────────────────────────────────────────────────
export const approvalChainStep = z.strictObject({
  roleCode: z.string().min(1).max(64),
  orgLevel: z.enum(['any', 'branch', 'head_office']),
  minAmountMinor: z
    .string()
    .regex(/^\d{1,18}$/, 'minAmountMinor: a whole number of minor units')
    .optional(),
  grades: z.array(z.string().min(1).max(8)).max(10).optional(),
  /** With both thresholds: 'all' (default) needs both, 'any' either. */
  match: z.enum(['all', 'any']).optional(),
});
export const approvalChain = z.object({
  type: z.string(),
  name: z.string(),
  nameEn: z.string(),
  steps: z.array(approvalChainStep),
  updatedAt: isoTime,
});
export type ApprovalChain = z.infer<typeof approvalChain>;
export const updateChainBody = z.strictObject({ steps: z.array(approvalChainStep).min(1).max(10) });
