import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';

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

export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
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
  await db.insertInto('password_history').values({ user_id: userId, password_hash: passwordHash }).execute();
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
