import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';

export function findChain(db: Db, type: string) {
  return db.selectFrom('approval_chains').selectAll().where('type', '=', type).executeTakeFirst();
}

/**
 * Requests with their org and maker. The maker's name comes from the submit event, not from a join on
 * users: on a scoped connection that join would hide every request whose maker sits outside the
 * caller's subtree (a head-office maker asking about a branch user), even from its own deciders.
 */
export function requestRows(db: Db) {
  return db
    .selectFrom('approval_requests as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .select([
      'a.id',
      'a.type',
      'a.title',
      'a.status',
      'a.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'a.maker_id',
      sql<string>`(SELECT e.actor_name FROM approval_events e
                   WHERE e.request_id = a.id AND e.action = 'submit' ORDER BY e.id LIMIT 1)`.as('maker_name'),
      'a.current_step',
      'a.steps',
      'a.payload',
      'a.object_type',
      'a.object_id',
      'a.amount_minor',
      'a.grade',
      'a.created_at',
      'a.decided_at',
      'a.version',
    ]);
}

export function findRequest(db: Db, id: string) {
  return requestRows(db).where('a.id', '=', id).executeTakeFirst();
}

export function eventsOf(db: Db, requestId: string) {
  return db
    .selectFrom('approval_events')
    .select(['at', 'actor_id', 'actor_name', 'action', 'step', 'comment'])
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute();
}

/**
 * Users who may decide the given step of a request: active, holding the step's role and approval.decide,
 * placed at or above the request's org within the step's org level.
 */
export async function eligibleDeciders(db: Db, requestOrgPath: string, roleCode: string, maxDepth: number) {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('orgs as uo', 'uo.id', 'u.org_id')
    .innerJoin('user_roles as ur', 'ur.user_id', 'u.id')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select('u.id')
    .distinct()
    .where('u.status', '=', 'active')
    .where('r.code', '=', roleCode)
    .where('uo.depth', '<=', maxDepth)
    .where(sql<boolean>`${requestOrgPath} LIKE uo.path || '%'`)
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur2 JOIN role_permissions rp ON rp.role_id = ur2.role_id
                           WHERE ur2.user_id = u.id AND rp.permission = 'approval.decide')`,
    )
    .execute();
  return rows.map((r) => r.id);
}
