import { isPermission, type Role } from '@posops/contracts';
import { AppError } from '@posops/kernel';
import type { ServiceContext } from '../../platform/http/context';
import { originOf, recordAudit } from '../audit';
import {
  findRole,
  findRoleByCode,
  insertRole,
  listRoles,
  replaceRolePermissions,
  rolePermissions,
  updateRole,
} from './roles.repo';

function checkPermissions(permissions: readonly string[]) {
  const unknown = permissions.filter((p) => !isPermission(p));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', `unknown permissions: ${unknown.join(', ')}`, {
      permissions: `unknown: ${unknown.join(', ')}`,
    });
  }
  return [...new Set(permissions)].sort();
}

/** Roles are one catalogue for the whole institution: only the head office defines or edits them. */
function assertHeadOffice(ctx: ServiceContext) {
  if (ctx.actor.orgPath.split('/').filter(Boolean).length !== 1) {
    throw new AppError('FORBIDDEN', 'roles are defined by the head office; ask a head-office administrator');
  }
}

export async function roles(ctx: ServiceContext): Promise<Role[]> {
  const rows = await listRoles(ctx.db);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    privileged: r.privileged,
    permissions: r.permissions,
    userCount: r.user_count,
  }));
}

async function roleView(ctx: ServiceContext, id: string): Promise<Role> {
  const role = (await roles(ctx)).find((r) => r.id === id);
  if (!role) throw new AppError('NOT_FOUND', 'role not found');
  return role;
}

export async function createRole(
  ctx: ServiceContext,
  input: { code: string; name: string; nameEn: string; privileged: boolean; permissions: string[] },
): Promise<Role> {
  assertHeadOffice(ctx);
  const permissions = checkPermissions(input.permissions);
  const id = await ctx.db.transaction().execute(async (tx) => {
    if (await findRoleByCode(tx, input.code))
      throw new AppError('CONFLICT', `role ${input.code} exists`, { code: 'already in use' });
    const row = await insertRole(tx, input);
    await replaceRolePermissions(tx, row.id, permissions);
    await recordAudit(tx, originOf(ctx), {
      action: 'role.create',
      objectType: 'role',
      objectId: row.id,
      after: { ...input, permissions },
    });
    return row.id;
  });
  return roleView(ctx, id);
}

export async function changeRole(
  ctx: ServiceContext,
  id: string,
  patch: {
    name?: string | undefined;
    nameEn?: string | undefined;
    privileged?: boolean | undefined;
    permissions?: string[] | undefined;
  },
): Promise<Role> {
  assertHeadOffice(ctx);
  const permissions = patch.permissions ? checkPermissions(patch.permissions) : undefined;
  await ctx.db.transaction().execute(async (tx) => {
    const before = await findRole(tx, id);
    if (!before) throw new AppError('NOT_FOUND', 'role not found');
    const beforePermissions = await rolePermissions(tx, id);
    await updateRole(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.nameEn !== undefined ? { name_en: patch.nameEn } : {}),
      ...(patch.privileged !== undefined ? { privileged: patch.privileged } : {}),
    });
    if (permissions) await replaceRolePermissions(tx, id, permissions);
    await recordAudit(tx, originOf(ctx), {
      action: 'role.update',
      objectType: 'role',
      objectId: id,
      before: {
        name: before.name,
        nameEn: before.name_en,
        privileged: before.privileged,
        permissions: beforePermissions,
      },
      after: { ...patch, permissions: permissions ?? beforePermissions },
    });
  });
  return roleView(ctx, id);
}
