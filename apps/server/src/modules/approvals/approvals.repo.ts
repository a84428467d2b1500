import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { ApprovalStatus } from './approval.lifecycle';

export function findChain(db: Db, type: string) {
  return db.selectFrom('approval_chains').selectAll().where('type', '=', type).executeTakeFirst();
}

/**
 * Requests with their org and maker. The maker's name comes from the submit event, not from a join on
 * users: on a scoped connection that join would hide every request whose maker sits outside the
 * caller's subtree (a head-office maker asking about a branch user), even from its own deciders.
 */
function requestRows(db: Db) {
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

export function listChainRows(db: Db) {
  return db.selectFrom('approval_chains').selectAll().orderBy('type').execute();
}

/** The chain of a request type, locked until the transaction ends. */
export function lockChain(tx: Db, type: string) {
  return tx.selectFrom('approval_chains').selectAll().where('type', '=', type).forUpdate().executeTakeFirst();
}

export function setChainSteps(tx: Db, type: string, steps: unknown, at: Date) {
  return tx
    .updateTable('approval_chains')
    .set({ steps: JSON.stringify(steps), updated_at: at })
    .where('type', '=', type)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every role code there is (identity's roles, read only). */
export async function knownRoleCodes(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('roles').select('code').execute()).map((r) => r.code));
}

/** The org a request is opened for (identity's orgs, read only). */
export function findRequestOrg(db: Db, orgId: string) {
  return db.selectFrom('orgs').select(['id', 'path']).where('id', '=', orgId).executeTakeFirst();
}

/** Where a user stands to decide: the depth of their org and the codes of their roles (identity's tables, read only). */
export async function deciderStanding(db: Db, orgId: string, userId: string) {
  const org = await db.selectFrom('orgs').select('depth').where('id', '=', orgId).executeTakeFirstOrThrow();
  const roles = await db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select('r.code')
    .where('ur.user_id', '=', userId)
    .execute();
  return { depth: org.depth, roles: roles.map((r) => r.code) };
}

/** The request still open (pending or returned) for this object under this type, if any. */
export function findOpenRequest(db: Db, type: string, objectType: string, objectId: string) {
  return db
    .selectFrom('approval_requests')
    .select(['id', 'status', 'version', 'title'])
    .where('type', '=', type)
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .where('status', 'in', ['pending', 'returned'])
    .executeTakeFirst();
}

export interface NewRequest {
  type: string;
  title: string;
  orgId: string;
  makerId: string;
  objectType: string;
  objectId: string;
  steps: unknown;
  payload: unknown;
  amountMinor: bigint | null;
  grade: string | null;
}

/** Opens a request, pending at its first step; returns its id. */
export async function insertPendingRequest(tx: Db, r: NewRequest): Promise<string> {
  const row = await tx
    .insertInto('approval_requests')
    .values({
      type: r.type,
      title: r.title,
      org_id: r.orgId,
      maker_id: r.makerId,
      object_type: r.objectType,
      object_id: r.objectId,
      status: 'pending',
      steps: JSON.stringify(r.steps),
      payload: JSON.stringify(r.payload),
      amount_minor: r.amountMinor,
      grade: r.grade,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Moves a request to its next status and step, only if nobody moved it since it was read at
 * `expectedVersion`. Sets decided_at only when given. False when the version no longer matches.
 */
export async function moveRequest(
  tx: Db,
  id: string,
  expectedVersion: number,
  changes: { status: ApprovalStatus; currentStep: number; decidedAt?: Date },
): Promise<boolean> {
  const updated = await tx
    .updateTable('approval_requests')
    .set({
      status: changes.status,
      current_step: changes.currentStep,
      version: expectedVersion + 1,
      ...(changes.decidedAt === undefined ? {} : { decided_at: changes.decidedAt }),
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

export interface ApprovalEvent {
  requestId: string;
  actorId: string;
  actorName: string;
  action: 'submit' | 'approve' | 'reject' | 'return' | 'resubmit' | 'cancel';
  step: number | null;
  comment: string | null;
}

/** One line of a request's history. */
export async function appendApprovalEvent(tx: Db, e: ApprovalEvent): Promise<void> {
  await tx
    .insertInto('approval_events')
    .values({
      request_id: e.requestId,
      actor_id: e.actorId,
      actor_name: e.actorName,
      action: e.action,
      step: e.step,
      comment: e.comment,
    })
    .execute();
}

export interface RequestListFilter {
  status?: ApprovalStatus | undefined;
  makerId?: string | undefined;
  /**
   * A decider's inbox: others' pending requests whose current step the decider's roles and org depth
   * may decide, not yet approved by them in this round.
   */
  inboxOf?: { userId: string; roles: string[]; depth: number } | undefined;
}

/** Requests newest first, after the keyset position: at most `rows` rows. */
export function listRequests(
  db: Db,
  filter: RequestListFilter,
  after: { createdAt: string; id: string } | null,
  rows: number,
) {
  let q = requestRows(db);
  if (filter.status) q = q.where('a.status', '=', filter.status);
  if (filter.makerId !== undefined) q = q.where('a.maker_id', '=', filter.makerId);
  const inbox = filter.inboxOf;
  if (inbox) {
    q = q
      .where('a.status', '=', 'pending')
      .where('a.maker_id', '<>', inbox.userId)
      .where(sql<boolean>`a.steps -> a.current_step ->> 'roleCode' = ANY(${inbox.roles}::text[])`)
      .where(
        sql<boolean>`(CASE a.steps -> a.current_step ->> 'orgLevel' WHEN 'head_office' THEN 0 WHEN 'branch' THEN 1 ELSE 99 END) >= ${inbox.depth}`,
      )
      .where(
        sql<boolean>`NOT EXISTS (SELECT 1 FROM approval_events e WHERE e.request_id = a.id AND e.actor_id = ${inbox.userId} AND e.action = 'approve'
                     AND e.id > (SELECT max(s.id) FROM approval_events s WHERE s.request_id = a.id AND s.action IN ('submit', 'resubmit')))`,
      );
  }
  if (after)
    q = q.where(sql<boolean>`(a.created_at, a.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  return q.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(rows).execute();
}

/** Which of these requests the user approved in their current round (since the last submit or resubmit). */
export async function requestsApprovedThisRoundBy(
  db: Db,
  userId: string,
  requestIds: readonly string[],
): Promise<string[]> {
  if (requestIds.length === 0) return [];
  const rows = await db
    .selectFrom('approval_events as e')
    .select('e.request_id')
    .where('e.request_id', 'in', requestIds)
    .where('e.actor_id', '=', userId)
    .where('e.action', '=', 'approve')
    .where(
      sql<boolean>`e.id > (SELECT max(s.id) FROM approval_events s WHERE s.request_id = e.request_id AND s.action IN ('submit', 'resubmit'))`,
    )
    .execute();
  return rows.map((e) => e.request_id);
}

/** Inserts a chain unless one of that type exists (reference data on every start). */
export async function insertChainIfMissing(
  db: Db,
  chain: { type: string; name: string; nameEn: string; steps: unknown },
) {
  await db
    .insertInto('approval_chains')
    .values({ type: chain.type, name: chain.name, name_en: chain.nameEn, steps: JSON.stringify(chain.steps) })
    .onConflict((oc) => oc.column('type').doNothing())
    .execute();
}

/** A returned request starts over: pending at its first step, with the steps worked out anew. */
export async function restartRequest(
  tx: Db,
  id: string,
  expectedVersion: number,
  changes: { steps: unknown; payload: unknown; amountMinor: bigint | null; grade: string | null },
): Promise<boolean> {
  const updated = await tx
    .updateTable('approval_requests')
    .set({
      status: 'pending',
      current_step: 0,
      steps: JSON.stringify(changes.steps),
      payload: JSON.stringify(changes.payload),
      amount_minor: changes.amountMinor,
      grade: changes.grade,
      version: expectedVersion + 1,
    })
    .where('id', '=', id)
    .where('status', '=', 'returned')
    .where('version', '=', expectedVersion)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** The newest request of a type for an object, whatever its status. */
export function latestRequestFor(db: Db, type: string, objectType: string, objectId: string) {
  return db
    .selectFrom('approval_requests')
    .select(['id', 'status'])
    .where('type', '=', type)
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
