import { type Insertable as NewRow, sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import { containsPattern } from '../../platform/db/like';
import type { MerchantRiskAssessmentsTable } from './merchants.schema';

type Insertable = {
  no: string;
  org_id: string;
  status: string;
  form: string;
  created_by: string;
} & SearchKeys;

/** Columns kept in step with the form for search, duplicates and the sealed personal numbers. */
export interface SearchKeys {
  merchant_name: string | null;
  credit_code: string | null;
  mcc: string | null;
  id_number_sealed: string | null;
  account_no_sealed: string | null;
  id_number_hash: string | null;
  account_hash: string | null;
  mobile_hash: string | null;
  sales_rep_id: string | null;
  agent_org_id: string | null;
}

export async function nextApplicationNo(db: Db, businessDay: string): Promise<string> {
  const { rows } = await sql<{ n: bigint }>`SELECT nextval('merchant_application_no') AS n`.execute(db);
  return `AP${businessDay.replaceAll('-', '')}${String(rows[0]!.n).padStart(6, '0')}`;
}

export function insertApplication(db: Db, row: Insertable) {
  return db.insertInto('merchant_applications').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export function applicationRows(db: Db) {
  return db
    .selectFrom('merchant_applications as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .leftJoin('users as c', 'c.id', 'a.created_by')
    .select([
      'a.id',
      'a.no',
      'a.status',
      'a.org_id',
      'o.name as org_name',
      'a.form',
      'a.merchant_name',
      'a.credit_code',
      'a.mcc',
      'a.id_number_sealed',
      'a.account_no_sealed',
      'a.created_by',
      sql<string>`coalesce(c.display_name, '—')`.as('created_by_name'),
      'a.created_at',
      'a.updated_at',
      'a.submitted_at',
      'a.version',
    ]);
}

export function findApplication(db: Db, id: string) {
  return applicationRows(db).where('a.id', '=', id).executeTakeFirst();
}

export async function listApplications(
  db: Db,
  filter: { q?: string | undefined; status?: string | undefined; orgPath?: string | undefined },
  after: { at: string; id: string } | null,
  limit: number,
) {
  let q = applicationRows(db);
  if (filter.q) {
    const like = containsPattern(filter.q);
    q = q.where((eb) =>
      eb.or([
        eb('a.merchant_name', 'ilike', like),
        eb('a.no', 'ilike', like),
        eb('a.credit_code', '=', filter.q!.toUpperCase()),
      ]),
    );
  }
  if (filter.status) q = q.where('a.status', '=', filter.status);
  if (filter.orgPath) q = q.where('o.path', 'like', `${filter.orgPath}%`);
  if (after) q = q.where(sql<boolean>`(a.created_at, a.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  return q
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** Saves the form only if nobody saved it since `expectedVersion` was read. */
export function saveForm(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: { form: string; updated_at: Date } & SearchKeys,
) {
  return db
    .updateTable('merchant_applications')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning(['id'])
    .executeTakeFirst();
}

/** Moves the application to a new status if it is still where the caller saw it. */
export function moveApplication(
  db: Db,
  id: string,
  from: string,
  expectedVersion: number,
  changes: { status: string; updated_at: Date; submitted_at?: Date },
) {
  return db
    .updateTable('merchant_applications')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', from)
    .where('version', '=', expectedVersion)
    .returning(['id'])
    .executeTakeFirst();
}

export function appendApplicationEvent(
  db: Db,
  event: {
    application_id: string;
    actor_id: string | null;
    actor_name: string;
    event: string;
    from_status: string | null;
    to_status: string;
    comment: string | null;
  },
) {
  return db.insertInto('merchant_application_events').values(event).execute();
}

export function applicationEvents(db: Db, id: string) {
  return db
    .selectFrom('merchant_application_events')
    .select(['at', 'actor_name', 'event', 'comment'])
    .where('application_id', '=', id)
    .orderBy('id')
    .execute();
}

export async function currentRound(db: Db, id: string): Promise<number> {
  const row = await db
    .selectFrom('merchant_application_checks')
    .select((eb) => eb.fn.max('round').as('round'))
    .where('application_id', '=', id)
    .executeTakeFirst();
  return Number(row?.round ?? 0);
}

export function insertChecks(
  db: Db,
  rows: {
    application_id: string;
    round: number;
    item: string;
    field: string | null;
    result: 'passed' | 'failed' | 'warning' | 'overridden';
    detail: string;
    message: string | null;
    source: 'system' | 'reviewer';
    reviewer_id: string | null;
    comment: string | null;
  }[],
) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('merchant_application_checks').values(rows).execute();
}

/** The checks of one round, the latest decision per item first. */
export function checksOfRound(db: Db, id: string, round: number) {
  return db
    .selectFrom('merchant_application_checks as k')
    .leftJoin('users as r', 'r.id', 'k.reviewer_id')
    .select([
      'k.id',
      'k.item',
      'k.field',
      'k.result',
      'k.detail',
      'k.message',
      'k.source',
      'k.comment',
      'k.at',
      'r.display_name as reviewer_name',
    ])
    .where('k.application_id', '=', id)
    .where('k.round', '=', round)
    .orderBy('k.id')
    .execute();
}

/**
 * Other applications (not withdrawn or rejected) with the same credit code, ID number or account:
 * across the whole institution, since a duplicate in another branch is still a duplicate.
 */
export function duplicateApplications(
  system: Db,
  id: string,
  keys: { creditCode: string | null; idNumberHash: string | null; accountHash: string | null },
) {
  return system
    .selectFrom('merchant_applications')
    .select(['id', 'no', 'credit_code', 'id_number_hash', 'account_hash'])
    .where('id', '<>', id)
    .where('status', 'not in', ['withdrawn', 'rejected'])
    .where((eb) =>
      eb.or([
        ...(keys.creditCode ? [eb('credit_code', '=', keys.creditCode)] : []),
        ...(keys.idNumberHash ? [eb('id_number_hash', '=', keys.idNumberHash)] : []),
        ...(keys.accountHash ? [eb('account_hash', '=', keys.accountHash)] : []),
        eb.val(false),
      ]),
    )
    .limit(10)
    .execute();
}

/** An org of the caller's subtree (read model of identity's orgs). */
export function findOrgInScope(db: Db, orgId: string) {
  return db.selectFrom('orgs').select(['id', 'path', 'status']).where('id', '=', orgId).executeTakeFirst();
}

/** The status and org of an application, its row locked against a concurrent submit. */
export function lockApplicationStatus(db: Db, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(undefined);
  return db
    .selectFrom('merchant_applications')
    .select(['status', 'org_id'])
    .where('id', '=', id)
    .forShare()
    .executeTakeFirst();
}

export function insertAssessment(db: Db, row: NewRow<MerchantRiskAssessmentsTable>) {
  return db.insertInto('merchant_risk_assessments').values(row).execute();
}

export function latestAssessment(db: Db, applicationId: string) {
  return db
    .selectFrom('merchant_risk_assessments as r')
    .leftJoin('users as u', 'u.id', 'r.assessed_by')
    .selectAll('r')
    .select('u.display_name as assessed_by_name')
    .where('r.application_id', '=', applicationId)
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A user's display name (read model of identity's users), for the history of an application. */
export async function displayNameOf(db: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const row = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? null;
}
