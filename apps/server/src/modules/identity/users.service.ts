import type { UserListItem } from '@posops/contracts';
import { AppError, maskPhone } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import { decodeCursor, pageFrom } from '../../platform/db/keyset';
import type { ServiceContext } from '../../platform/http/context';
import { type ApprovedRequest, registerApprovalHandler, submitApproval } from '../approvals';
import { type AuditOrigin, originOf, recordAudit } from '../audit';
import { findOrg } from './orgs.repo';
import { generateInitialPassword, hashPassword } from './passwords';
import { findRole } from './roles.repo';
import { deleteSessionsOfUser } from './sessions.repo';
import {
  changeUserStatus,
  clearLockout,
  findUserById,
  findUserRow,
  grantUserRole,
  holdsRole,
  insertUser,
  listUserRows,
  loginAttemptsOf,
  orgIdOfUser,
  revokeUserRole,
  setPassword,
  type UserOrder,
  type UserRow,
  updateUserProfile,
  usernameTaken,
  userOrderKeyType,
} from './users.repo';

export function toUserItem(r: UserRow, locale: 'zh-CN' | 'en-US'): UserListItem {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    orgId: r.org_id,
    orgName: r.org_name,
    status: r.status,
    roles: r.roles.map((role) => ({
      id: role.id,
      code: role.code,
      name: locale === 'en-US' ? role.nameEn : role.name,
    })),
    email: r.email,
    phoneMasked: maskPhone(r.phone),
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
    lockedUntil: r.locked_until ? new Date(r.locked_until).toISOString() : null,
    totpEnabled: r.totp_enabled,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listUsers(
  ctx: ServiceContext,
  query: {
    q?: string | undefined;
    orgId?: string | undefined;
    status?: 'active' | 'disabled' | undefined;
    roleCode?: string | undefined;
    kind?: 'staff' | 'portal' | 'all' | undefined;
    sort: string;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const descending = query.sort.startsWith('-');
  const by = query.sort.replace('-', '') as UserOrder;
  let orgPath: string | undefined;
  if (query.orgId) {
    const org = await findOrg(ctx.db, query.orgId);
    if (!org) return { items: [], nextCursor: null };
    orgPath = org.path;
  }
  const after = decodeCursor(query.cursor, [userOrderKeyType(by), 'uuid']);
  const rows = await listUserRows(
    ctx.db,
    { search: query.q, orgPath, status: query.status, roleCode: query.roleCode, kind: query.kind ?? 'staff' },
    { by, descending },
    after ? { key: String(after[0]), id: String(after[1]) } : null,
    query.limit + 1,
  );
  const keyValue = (r: UserRow): string => {
    if (by === 'username') return r.username;
    if (by === 'createdAt') return new Date(r.created_at).toISOString();
    return r.last_login_at ? new Date(r.last_login_at).toISOString() : '1970-01-01T00:00:00.000Z';
  };
  const page = pageFrom(rows, query.limit, (r) => [keyValue(r), r.id]);
  return { items: page.items.map((r) => toUserItem(r, ctx.actor.locale)), nextCursor: page.nextCursor };
}

export async function getUser(ctx: ServiceContext, id: string, db: Db = ctx.db): Promise<UserListItem> {
  const row = await findUserRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'user not found');
  return toUserItem(row, ctx.actor.locale);
}

async function assertOrgInScope(db: Db, orgId: string, field = 'orgId') {
  const org = await findOrg(db, orgId);
  if (!org) throw new AppError('NOT_FOUND', 'org not found', { [field]: 'not found' });
  if (org.status !== 'active')
    throw new AppError('VALIDATION_FAILED', 'org is closed', { [field]: 'org is closed' });
  return org;
}

export async function createUser(
  ctx: ServiceContext,
  input: {
    username: string;
    displayName: string;
    orgId: string;
    email?: string | undefined;
    phone?: string | undefined;
    roleIds: string[];
  },
) {
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  const result = await ctx.db.transaction().execute(async (tx) => {
    await assertOrgInScope(tx, input.orgId);
    if (await usernameTaken(ctx.system, input.username))
      throw new AppError('CONFLICT', `username ${input.username} is taken`, { username: 'already in use' });
    const userId = await insertUser(tx, {
      orgId: input.orgId,
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      phone: input.phone ?? null,
      passwordHash,
      mustChangePassword: true,
      isDemo: false,
    });
    await setPassword(tx, userId, passwordHash, true, ctx.clock.now());
    await recordAudit(tx, originOf(ctx), {
      action: 'user.create',
      objectType: 'user',
      objectId: userId,
      orgId: input.orgId,
      after: {
        username: input.username,
        displayName: input.displayName,
        orgId: input.orgId,
        email: input.email,
        phone: input.phone,
      },
    });
    const pendingApprovalIds: string[] = [];
    for (const roleId of [...new Set(input.roleIds)]) {
      const outcome = await grantOrRequest(ctx, tx, userId, roleId, undefined);
      if (outcome.approvalId) pendingApprovalIds.push(outcome.approvalId);
    }
    return { id: userId, pendingApprovalIds };
  });
  return {
    user: await getUser(ctx, result.id),
    initialPassword,
    pendingApprovalIds: result.pendingApprovalIds,
  };
}

export async function updateUser(
  ctx: ServiceContext,
  id: string,
  patch: {
    displayName?: string | undefined;
    email?: string | null | undefined;
    phone?: string | null | undefined;
    orgId?: string | undefined;
  },
) {
  await ctx.db.transaction().execute(async (tx) => {
    const before = await findUserById(tx, id);
    if (!before) throw new AppError('NOT_FOUND', 'user not found');
    if (patch.orgId) await assertOrgInScope(tx, patch.orgId);
    await updateUserProfile(tx, id, patch, ctx.clock.now());
    await recordAudit(tx, originOf(ctx), {
      action: 'user.update',
      objectType: 'user',
      objectId: id,
      orgId: before.org_id,
      before: {
        displayName: before.display_name,
        email: before.email,
        phone: before.phone,
        orgId: before.org_id,
      },
      after: patch,
    });
  });
  return getUser(ctx, id);
}

/** Disabling ends every session of the user at once; enabling clears a lockout. */
export async function setUserStatus(
  ctx: ServiceContext,
  id: string,
  status: 'active' | 'disabled',
  reason: string | null,
) {
  if (id === ctx.actor.userId)
    throw new AppError('VALIDATION_FAILED', 'you cannot disable or enable yourself');
  await ctx.db.transaction().execute(async (tx) => {
    const before = await findUserById(tx, id);
    if (!before) throw new AppError('NOT_FOUND', 'user not found');
    if (before.status === status) return;
    await changeUserStatus(tx, id, status, status === 'disabled' ? reason : null, ctx.clock.now());
    if (status === 'disabled') await deleteSessionsOfUser(tx, id);
    await recordAudit(tx, originOf(ctx), {
      action: status === 'disabled' ? 'user.disable' : 'user.enable',
      objectType: 'user',
      objectId: id,
      orgId: before.org_id,
      before: { status: before.status },
      after: { status, reason },
    });
  });
  return getUser(ctx, id);
}

export async function resetPassword(ctx: ServiceContext, id: string) {
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  await ctx.db.transaction().execute(async (tx) => {
    const user = await findUserById(tx, id);
    if (!user) throw new AppError('NOT_FOUND', 'user not found');
    await setPassword(tx, id, passwordHash, true, ctx.clock.now());
    await clearLockout(tx, id);
    await deleteSessionsOfUser(tx, id);
    await recordAudit(tx, originOf(ctx), {
      action: 'user.password.reset',
      objectType: 'user',
      objectId: id,
      orgId: user.org_id,
    });
  });
  return { initialPassword };
}

async function applyGrant(tx: Db, origin: AuditOrigin, userId: string, roleId: string, grantedBy: string) {
  if (await grantUserRole(tx, userId, roleId, grantedBy)) {
    await recordAudit(tx, origin, {
      action: 'role.grant',
      objectType: 'user',
      objectId: userId,
      orgId: await orgIdOfUser(tx, userId),
      after: { roleId, grantedBy },
    });
  }
}

/** A privileged role needs another administrator's approval; any other role is granted at once. */
async function grantOrRequest(
  ctx: ServiceContext,
  tx: Db,
  userId: string,
  roleId: string,
  reason: string | undefined,
) {
  const role = await findRole(tx, roleId);
  if (!role) throw new AppError('NOT_FOUND', 'role not found', { roleId: 'not found' });
  const user = await findUserById(tx, userId);
  if (!user) throw new AppError('NOT_FOUND', 'user not found');
  if (await holdsRole(tx, userId, roleId))
    throw new AppError('CONFLICT', `${user.username} already holds ${role.code}`, { roleId: 'already held' });
  if (!role.privileged) {
    await applyGrant(tx, originOf(ctx), userId, roleId, ctx.actor.userId);
    return { status: 'granted' as const, approvalId: null };
  }
  const approvalId = await submitApproval(ctx, tx, {
    type: 'role.grant',
    title: `${user.display_name} (${user.username}) ← ${role.name} / ${role.name_en}`,
    orgId: user.org_id,
    objectType: 'user_role',
    objectId: `${userId}:${roleId}`,
    payload: {
      userId,
      username: user.username,
      roleId,
      roleCode: role.code,
      roleName: role.name,
      reason: reason ?? null,
    },
  });
  return { status: 'pending_approval' as const, approvalId };
}

export async function grantRole(
  ctx: ServiceContext,
  userId: string,
  roleId: string,
  reason: string | undefined,
) {
  return ctx.db.transaction().execute((tx) => grantOrRequest(ctx, tx, userId, roleId, reason));
}

export async function revokeRole(ctx: ServiceContext, userId: string, roleId: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw new AppError('NOT_FOUND', 'user not found');
    if (!(await revokeUserRole(tx, userId, roleId)))
      throw new AppError('NOT_FOUND', 'the user does not hold this role');
    await recordAudit(tx, originOf(ctx), {
      action: 'role.revoke',
      objectType: 'user',
      objectId: userId,
      orgId: user.org_id,
      before: { roleId },
    });
  });
  return getUser(ctx, userId);
}

registerApprovalHandler('role.grant', {
  async onApproved(tx: Db, request: ApprovedRequest, origin: AuditOrigin) {
    const payload = request.payload as { userId: string; roleId: string };
    await applyGrant(tx, origin, payload.userId, payload.roleId, request.makerId);
  },
});

/** A user's sign-in attempts, newest first (登录日志). */
export async function loginHistory(
  ctx: ServiceContext,
  userId: string,
  cursor: string | undefined,
  limit: number,
) {
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new AppError('NOT_FOUND', 'user not found');
  const after = decodeCursor(cursor, ['bigint']);
  const rows = await loginAttemptsOf(ctx.db, userId, after ? BigInt(String(after[0])) : null, limit + 1);
  const page = pageFrom(rows, limit, (r) => [r.id.toString()]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      username: r.username,
      ip: r.ip,
      userAgent: r.user_agent,
      success: r.success,
      reason: r.reason,
    })),
  };
}
