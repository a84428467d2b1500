import { AppError, maskForAudit } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import { decodeCursor, pageFrom } from '../../platform/db/keyset';
import type { ServiceContext } from '../../platform/http/context';
import { type AuditFilter, auditNewestFirst, insertAudit } from './audit.repo';

export interface AuditEvent {
  action: string;
  objectType: string;
  objectId: string | null;
  before?: unknown;
  after?: unknown;
  /** The org the changed object belongs to, so that org's staff see the change; default: the actor's. */
  orgId?: string | null;
}

/** Who did it, for an audit row: a signed-in user, or the system (jobs, start-up). */
export interface AuditOrigin {
  actorId: string | null;
  actorName: string;
  orgId: string | null;
  ip: string | null;
  requestId: string | null;
}

export function originOf(ctx: ServiceContext): AuditOrigin {
  return {
    actorId: ctx.actor.userId,
    actorName: ctx.actor.username,
    orgId: ctx.actor.orgId,
    ip: ctx.ip,
    requestId: ctx.requestId,
  };
}

export const systemOrigin = (job: string): AuditOrigin => ({
  actorId: null,
  actorName: `system:${job}`,
  orgId: null,
  ip: null,
  requestId: null,
});

const image = (value: unknown) =>
  value === undefined || value === null ? null : JSON.stringify(maskForAudit(value));

/**
 * Records what changed, in the caller's transaction: the audit row commits or rolls back with the write.
 * Sensitive fields are masked here, for every module.
 */
export async function recordAudit(tx: Db, origin: AuditOrigin, ...events: AuditEvent[]): Promise<void> {
  await insertAudit(
    tx,
    events.map((e) => ({
      actor_id: origin.actorId,
      actor_name: origin.actorName,
      org_id: e.orgId ?? origin.orgId,
      ip: origin.ip,
      request_id: origin.requestId,
      action: e.action,
      object_type: e.objectType,
      object_id: e.objectId,
      before: image(e.before),
      after: image(e.after),
    })),
  );
}

export async function searchAudit(
  ctx: ServiceContext,
  filter: AuditFilter,
  cursor: string | undefined,
  limit: number,
) {
  const after = decodeCursor(cursor, ['timestamptz', 'text']);
  if (after && !/^\d{1,18}$/.test(String(after[1]))) {
    throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this list issued', {
      cursor: 'invalid cursor',
    });
  }
  const rows = await auditNewestFirst(
    ctx.db,
    filter,
    after ? { at: new Date(String(after[0])), id: BigInt(String(after[1])) } : null,
    limit + 1,
  );
  const page = pageFrom(rows, limit, (r) => [r.at.toISOString(), r.id.toString()]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      orgId: r.org_id,
      ip: r.ip,
      action: r.action,
      objectType: r.object_type,
      objectId: r.object_id,
      before: r.before ?? null,
      after: r.after ?? null,
    })),
  };
}

/**
 * The history of one business object and the objects that belong to it (a merchant, its change
 * requests, work orders, contract), newest first: what its page shows as the audit trail.
 */
export async function auditTrailOf(db: Db, objects: readonly { type: string; id: string }[], limit: number) {
  if (objects.length === 0) return [];
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_name', 'action', 'object_type', 'object_id', 'before', 'after'])
    .where((eb) =>
      eb.or(objects.map((o) => eb.and([eb('object_type', '=', o.type), eb('object_id', '=', o.id)]))),
    )
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at.toISOString(),
    actorName: r.actor_name,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    before: r.before ?? null,
    after: r.after ?? null,
  }));
}
