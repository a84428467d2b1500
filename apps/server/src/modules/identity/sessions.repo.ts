import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';

export function insertSession(
  db: Db,
  s: {
    id: string;
    userId: string;
    csrfToken: string;
    ip: string | null;
    userAgent: string | null;
    now: Date;
    expiresAt: Date;
  },
) {
  return db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      ip: s.ip,
      user_agent: s.userAgent?.slice(0, 300) ?? null,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
    })
    .execute();
}

export function sessionWithUser(db: Db, id: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select([
      's.id',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.org_id',
      'o.path as org_path',
      'o.name as org_name',
      'u.status',
      'u.must_change_password',
      'u.totp_enabled',
      'u.is_demo',
      'u.locale',
      'u.merchant_id',
      // Permissions and privilege as of now, in the same round trip: a revoked role takes effect at once.
      sql<string[]>`coalesce((SELECT array_agg(DISTINCT rp.permission) FROM user_roles ur
        JOIN role_permissions rp ON rp.role_id = ur.role_id WHERE ur.user_id = u.id), '{}')`.as(
        'permissions',
      ),
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
        WHERE ur.user_id = u.id AND r.privileged)`.as('privileged'),
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export function touchSession(db: Db, id: string, at: Date) {
  return db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export function deleteSession(db: Db, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

export function deleteSessionsOfUser(db: Db, userId: string, exceptId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.execute();
}

export function deleteExpiredSessions(db: Db, now: Date, idleCutoff: Date) {
  return db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleCutoff)]))
    .executeTakeFirst();
}
