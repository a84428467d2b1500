import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import { containsPattern, prefixPattern } from '../../platform/db/like';

export const userRoleList = sql<
  { id: string; code: string; name: string; nameEn: string; privileged: boolean }[]
>`coalesce((
  SELECT json_agg(json_build_object('id', r.id, 'code', r.code, 'name', r.name, 'nameEn', r.name_en, 'privileged', r.privileged) ORDER BY r.code)
  FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id), '[]'::json)`;

export function userRows(db: Db) {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'u.status',
      'u.email',
      'u.phone',
      'u.last_login_at',
      'u.locked_until',
      'u.totp_enabled',
      'u.created_at',
      userRoleList.as('roles'),
    ]);
}

export type UserRow = Awaited<ReturnType<ReturnType<typeof userRows>['execute']>>[number];

export function findUserRow(db: Db, id: string) {
  return userRows(db).where('u.id', '=', id).executeTakeFirst();
}

/** The orders a user list can take, each with the SQL type of its keyset position. */
const userOrders = {
  username: { expr: sql<string>`u.username`, type: 'text' },
  createdAt: { expr: sql<string>`u.created_at`, type: 'timestamptz' },
  lastLoginAt: { expr: sql<string>`coalesce(u.last_login_at, 'epoch'::timestamptz)`, type: 'timestamptz' },
} as const;

export type UserOrder = keyof typeof userOrders;

export const userOrderKeyType = (order: UserOrder) => userOrders[order].type;

export interface UserListFilter {
  /** In the username or the display name, case-insensitive. */
  search?: string | undefined;
  /** Users of the org with this path and of the orgs below it. */
  orgPath?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
  roleCode?: string | undefined;
  /** staff: no merchant of their own; portal: a merchant's portal login. */
  kind?: 'staff' | 'portal' | 'all' | undefined;
}

/** Users in the given order, after the keyset position (order key, id): at most `rows` rows. */
export function listUserRows(
  db: Db,
  filter: UserListFilter,
  order: { by: UserOrder; descending: boolean },
  after: { key: string; id: string } | null,
  rows: number,
) {
  const key = userOrders[order.by];
  let q = userRows(db);
  if (filter.search) {
    const like = containsPattern(filter.search);
    q = q.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  if (filter.orgPath !== undefined) q = q.where('o.path', 'like', `${filter.orgPath}%`);
  if (filter.status) q = q.where('u.status', '=', filter.status);
  if (filter.kind === 'staff') q = q.where('u.merchant_id', 'is', null);
  if (filter.kind === 'portal') q = q.where('u.merchant_id', 'is not', null);
  if (filter.roleCode) {
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND r.code = ${filter.roleCode})`,
    );
  }
  if (after) {
    const op = sql.raw(order.descending ? '<' : '>');
    q = q.where(
      sql<boolean>`(${key.expr}, u.id) ${op} (${after.key}::${sql.raw(key.type)}, ${after.id}::uuid)`,
    );
  }
  const direction = order.descending ? 'desc' : 'asc';
  return q.orderBy(key.expr, direction).orderBy('u.id', direction).limit(rows).execute();
}

export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

/** A user with the path of their org, by username. Throws when there is none. */
export function findUserWithOrgPath(db: Db, username: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.org_id', 'o.path'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  return row !== undefined;
}

export async function orgIdOfUser(db: Db, userId: string): Promise<string | null> {
  return (
    (await db.selectFrom('users').select('org_id').where('id', '=', userId).executeTakeFirst())?.org_id ??
    null
  );
}

/** Creates a user; returns the new id. The password history is the caller's to write. */
export async function insertUser(
  db: Db,
  u: {
    orgId: string;
    username: string;
    displayName: string;
    email: string | null;
    phone: string | null;
    passwordHash: string;
    mustChangePassword: boolean;
    isDemo: boolean;
  },
): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      org_id: u.orgId,
      username: u.username,
      display_name: u.displayName,
      email: u.email,
      phone: u.phone,
      password_hash: u.passwordHash,
      must_change_password: u.mustChangePassword,
      is_demo: u.isDemo,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes only the fields given. */
export async function updateUserProfile(
  db: Db,
  id: string,
  changes: {
    displayName?: string | undefined;
    email?: string | null | undefined;
    phone?: string | null | undefined;
    orgId?: string | undefined;
  },
  at: Date,
) {
  await db
    .updateTable('users')
    .set({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
      ...(changes.orgId !== undefined ? { org_id: changes.orgId } : {}),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

/** Enables or disables a user; either way any lockout and failure count is cleared. */
export async function changeUserStatus(
  db: Db,
  id: string,
  status: 'active' | 'disabled',
  disabledReason: string | null,
  at: Date,
) {
  await db
    .updateTable('users')
    .set({
      status,
      disabled_reason: disabledReason,
      failed_attempts: 0,
      locked_until: null,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function clearLockout(db: Db, userId: string) {
  await db
    .updateTable('users')
    .set({ failed_attempts: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

/** A successful sign-in: failures forgotten, lockout lifted, last login stamped. */
export async function markSignedIn(db: Db, userId: string, at: Date) {
  await db
    .updateTable('users')
    .set({ failed_attempts: 0, locked_until: null, last_login_at: at })
    .where('id', '=', userId)
    .execute();
}

/** Counts one more failed sign-in; returns the count now and the user's org. */
export function countFailedLogin(db: Db, userId: string) {
  return db
    .updateTable('users')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', userId)
    .returning(['failed_attempts', 'org_id'])
    .executeTakeFirstOrThrow();
}

/** Locks the account until `until`, starting the failure count afresh. */
export async function lockUserAfterFailures(db: Db, userId: string, until: Date) {
  await db
    .updateTable('users')
    .set({ failed_attempts: 0, locked_until: until })
    .where('id', '=', userId)
    .execute();
}

export async function setUserLocale(db: Db, userId: string, locale: 'zh-CN' | 'en-US') {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

export async function storeTotpSecret(db: Db, userId: string, secret: string) {
  await db.updateTable('users').set({ totp_secret: secret }).where('id', '=', userId).execute();
}

export async function enableUserTotp(db: Db, userId: string) {
  await db.updateTable('users').set({ totp_enabled: true }).where('id', '=', userId).execute();
}

/**
 * Records a TOTP time step as used, only if it is later than the last one accepted: each step is
 * accepted once. False when the step was already used (a replay).
 */
export async function acceptTotpStep(db: Db, userId: string, step: bigint): Promise<boolean> {
  const accepted = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return accepted !== undefined;
}

export async function holdsRole(db: Db, userId: string, roleId: string): Promise<boolean> {
  const held = await db
    .selectFrom('user_roles')
    .select('role_id')
    .where('user_id', '=', userId)
    .where('role_id', '=', roleId)
    .executeTakeFirst();
  return held !== undefined;
}

/** Gives the user the role; false when they already held it. */
export async function grantUserRole(
  db: Db,
  userId: string,
  roleId: string,
  grantedBy: string | null,
): Promise<boolean> {
  const inserted = await db
    .insertInto('user_roles')
    .values({ user_id: userId, role_id: roleId, granted_by: grantedBy })
    .onConflict((oc) => oc.doNothing())
    .returning('role_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Takes the role away; false when the user did not hold it. */
export async function revokeUserRole(db: Db, userId: string, roleId: string): Promise<boolean> {
  const removed = await db
    .deleteFrom('user_roles')
    .where('user_id', '=', userId)
    .where('role_id', '=', roleId)
    .returning('role_id')
    .executeTakeFirst();
  return removed !== undefined;
}

export async function userPermissions(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_roles as ur')
    .innerJoin('role_permissions as rp', 'rp.role_id', 'ur.role_id')
    .select('rp.permission')
    .distinct()
    .where('ur.user_id', '=', userId)
    .execute();
  return rows.map((r) => r.permission);
}

export function userRoles(db: Db, userId: string) {
  return db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select(['r.id', 'r.code', 'r.name', 'r.name_en', 'r.privileged'])
    .where('ur.user_id', '=', userId)
    .orderBy('r.code')
    .execute();
}

export async function recentPasswordHashes(db: Db, userId: string, depth: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(depth)
    .execute();
  return rows.map((r) => r.password_hash);
}

export async function setPassword(
  db: Db,
  userId: string,
  passwordHash: string,
  mustChange: boolean,
  at: Date,
) {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: mustChange,
      password_changed_at: at,
      updated_at: at,
    })
    .where('id', '=', userId)
    .execute();
  await addPasswordHistory(db, userId, passwordHash);
}

export async function addPasswordHistory(db: Db, userId: string, passwordHash: string) {
  await db.insertInto('password_history').values({ user_id: userId, password_hash: passwordHash }).execute();
}

/** A user's sign-in attempts, newest first, before the given id: at most `rows` rows. */
export function loginAttemptsOf(db: Db, userId: string, beforeId: bigint | null, rows: number) {
  let q = db
    .selectFrom('login_history')
    .select(['id', 'at', 'username', 'ip', 'user_agent', 'success', 'reason'])
    .where('user_id', '=', userId);
  if (beforeId !== null) q = q.where('id', '<', beforeId);
  return q.orderBy('id', 'desc').limit(rows).execute();
}

export function recordLogin(
  db: Db,
  entry: {
    userId: string | null;
    orgId: string | null;
    username: string;
    ip: string | null;
    userAgent: string | null;
    success: boolean;
    reason: string;
  },
) {
  return db
    .insertInto('login_history')
    .values({
      user_id: entry.userId,
      org_id: entry.orgId,
      username: entry.username.slice(0, 64),
      ip: entry.ip,
      user_agent: entry.userAgent?.slice(0, 300) ?? null,
      success: entry.success,
      reason: entry.reason,
    })
    .execute();
}

/** A merchant portal login: one merchant, one org, the merchant role, a first password to change. */
export async function insertPortalUser(
  db: Db,
  user: {
    username: string;
    displayName: string;
    orgId: string;
    merchantId: string;
    passwordHash: string;
    roleId: string;
  },
) {
  const row = await db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      org_id: user.orgId,
      merchant_id: user.merchantId,
      password_hash: user.passwordHash,
      must_change_password: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('password_history')
    .values({ user_id: row.id, password_hash: user.passwordHash })
    .execute();
  await db
    .insertInto('user_roles')
    .values({ user_id: row.id, role_id: user.roleId, granted_by: null })
    .execute();
  return row.id;
}

/** Undoes insertPortalUser (go-live compensation): only a login never used is removed. */
export async function deletePortalUser(db: Db, userId: string) {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  await db.deleteFrom('password_history').where('user_id', '=', userId).execute();
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db.deleteFrom('login_history').where('user_id', '=', userId).execute();
  await db.deleteFrom('users').where('id', '=', userId).where('merchant_id', 'is not', null).execute();
}

/** Demo only: the published password, no forced change, exempt from TOTP like the other demo users. */
export async function setDemoPassword(db: Db, userId: string, passwordHash: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: false, is_demo: true })
    .where('id', '=', userId)
    .execute();
  await db.insertInto('password_history').values({ user_id: userId, password_hash: passwordHash }).execute();
}

/** Active users holding a permission in the org or an org above it: who hears about the org's events. */
export async function usersWithPermissionOver(db: Db, orgId: string, permission: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('orgs as uo', 'uo.id', 'u.org_id')
    .select('u.id')
    .distinct()
    .where('u.status', '=', 'active')
    .where('u.merchant_id', 'is', null)
    .where(sql<boolean>`(SELECT o.path FROM orgs o WHERE o.id = ${orgId}) LIKE uo.path || '%'`)
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id
                           WHERE ur.user_id = u.id AND rp.permission = ${permission})`,
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Active staff of the caller's scope holding a permission (e.g. the engineers work orders go to). */
export async function staffWithPermission(db: Db, permission: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.display_name', 'u.org_id', 'o.name as org_name'])
    .where('u.status', '=', 'active')
    .where('u.merchant_id', 'is', null)
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id
                           WHERE ur.user_id = u.id AND rp.permission = ${permission})`,
    )
    .orderBy('o.path')
    .orderBy('u.display_name')
    .execute();
}

/** Active staff under an org path holding one of these roles (e.g. the sales reps a merchant is brought by). */
export function staffWithRoles(db: Db, pathPrefix: string, roleCodes: readonly string[]) {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.display_name', 'o.name as org_name'])
    .where('u.status', '=', 'active')
    .where('u.merchant_id', 'is', null)
    .where('o.path', 'like', prefixPattern(pathPrefix))
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                           WHERE ur.user_id = u.id AND r.code IN (${sql.join(roleCodes)}))`,
    )
    .orderBy('o.path')
    .orderBy('u.display_name')
    .execute();
}

/** The agents (代理商) under an org path. */
export function agentOrgs(db: Db, pathPrefix: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('kind', '=', 'agent')
    .where('path', 'like', prefixPattern(pathPrefix))
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
}
