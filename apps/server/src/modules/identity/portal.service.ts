import { AppError } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import { type AuditOrigin, recordAudit } from '../audit';
import { generateInitialPassword, hashPassword } from './passwords';
import { findRoleByCode } from './roles.repo';
import { deletePortalUser, insertPortalUser } from './users.repo';

/**
 * The merchant portal login created at go-live (商户自助): username `m` + MID, the merchant role, a
 * first password returned once to be handed over and changed at first sign-in.
 */
export async function createPortalLogin(
  tx: Db,
  origin: AuditOrigin,
  merchant: { id: string; mid: string; name: string; orgId: string },
): Promise<{ userId: string; username: string; initialPassword: string }> {
  const role = await findRoleByCode(tx, 'merchant');
  if (!role) throw new AppError('CONFLICT', 'the merchant role does not exist; restore it under Roles');
  const initialPassword = generateInitialPassword();
  const username = `m${merchant.mid}`;
  const userId = await insertPortalUser(tx, {
    username,
    displayName: merchant.name.slice(0, 64),
    orgId: merchant.orgId,
    merchantId: merchant.id,
    passwordHash: await hashPassword(initialPassword),
    roleId: role.id,
  });
  await recordAudit(tx, origin, {
    action: 'user.create',
    objectType: 'user',
    objectId: userId,
    orgId: merchant.orgId,
    after: { username, merchantId: merchant.id, role: 'merchant' },
  });
  return { userId, username, initialPassword };
}

export async function removePortalLogin(
  tx: Db,
  origin: AuditOrigin,
  userId: string,
  orgId: string,
): Promise<void> {
  await deletePortalUser(tx, userId);
  await recordAudit(tx, origin, {
    action: 'user.remove',
    objectType: 'user',
    objectId: userId,
    orgId,
    after: { reason: 'go-live undone' },
  });
}
