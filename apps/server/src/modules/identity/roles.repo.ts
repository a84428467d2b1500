import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';

export function listRoles(db: Db) {
  return db
    .selectFrom('roles as r')
    .select([
      'r.id',
      'r.code',
      'r.name',
      'r.name_en',
      'r.privileged',
      sql<
        string[]
      >`coalesce((SELECT array_agg(p.permission ORDER BY p.permission) FROM role_permissions p WHERE p.role_id = r.id), '{}')`.as(
        'permissions',
      ),
      sql<number>`(SELECT count(*)::int FROM user_roles ur WHERE ur.role_id = r.id)`.as('user_count'),
    ])
    .orderBy('r.code')
    .execute();
}

export async function anyRoleExists(db: Db): Promise<boolean> {
  return (await db.selectFrom('roles').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Every role's id by its code. */
export async function roleIdsByCode(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('roles').select(['id', 'code']).execute()).map((r) => [r.code, r.id]));
}

export function findRole(db: Db, id: string) {
  return db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRoleByCode(db: Db, code: string) {
  return db.selectFrom('roles').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function rolePermissions(db: Db, roleId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_permissions')
    .select('permission')
    .where('role_id', '=', roleId)
    .execute();
  return rows.map((r) => r.permission).sort();
}

export async function replaceRolePermissions(db: Db, roleId: string, permissions: readonly string[]) {
  await db.deleteFrom('role_permissions').where('role_id', '=', roleId).execute();
  if (permissions.length > 0) await addRolePermissions(db, roleId, permissions);
}

/** Adds permissions to a role; at least one. */
export async function addRolePermissions(db: Db, roleId: string, permissions: readonly string[]) {
  await db
    .insertInto('role_permissions')
    .values(permissions.map((permission) => ({ role_id: roleId, permission })))
    .execute();
}

export function insertRole(
  db: Db,
  role: { code: string; name: string; nameEn: string; privileged: boolean },
) {
  return db
    .insertInto('roles')
    .values({ code: role.code, name: role.name, name_en: role.nameEn, privileged: role.privileged })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateRole(
  db: Db,
  id: string,
  patch: { name?: string; name_en?: string; privileged?: boolean },
) {
  return db
    .updateTable('roles')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
