import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import { prefixPattern } from '../../platform/db/like';

export interface AuditRow {
  actor_id: string | null;
  actor_name: string | null;
  org_id: string | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  before: string | null;
  after: string | null;
}

export async function insertAudit(db: Db, rows: AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('audit_log').values(rows).execute();
}

export interface AuditFilter {
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
}

function auditQuery(db: Db, filter: AuditFilter) {
  let q = db
    .selectFrom('audit_log')
    .select([
      'id',
      'at',
      'actor_id',
      'actor_name',
      'org_id',
      'ip',
      'action',
      'object_type',
      'object_id',
      'before',
      'after',
    ]);
  if (filter.from) q = q.where('at', '>=', new Date(filter.from));
  if (filter.to) q = q.where('at', '<', new Date(filter.to));
  if (filter.actor) q = q.where('actor_name', '=', filter.actor);
  if (filter.action) q = q.where('action', 'like', prefixPattern(filter.action));
  if (filter.objectType) q = q.where('object_type', '=', filter.objectType);
  if (filter.objectId) q = q.where('object_id', '=', filter.objectId);
  return q;
}

/** The filtered audit log, newest first, from just below the keyset position `before`: at most `rows` rows. */
export async function auditNewestFirst(
  db: Db,
  filter: AuditFilter,
  before: { at: Date; id: bigint } | null,
  rows: number,
) {
  let q = auditQuery(db, filter);
  if (before) {
    q = q.where(sql<boolean>`(at, id) < (${before.at}::timestamptz, ${before.id}::bigint)`);
  }
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(rows).execute();
}
