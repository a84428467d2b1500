import { type Insertable, sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import { containsPattern } from '../../platform/db/like';
import { inOrgSubtree } from '../../platform/db/org-subtree';
import { installationsDone } from '../workorders';
import type { MerchantStatus } from './merchant.lifecycle';
import type { MerchantsTable } from './merchants.schema';

/** The next MID of a region and MCC: acquirer code + region + MCC + a 4-digit sequence. */
export async function nextMid(db: Db, acquirerCode: string, region: string, mcc: string): Promise<string> {
  const row = await db
    .insertInto('mid_sequences')
    .values({ region, mcc, last: 1 })
    .onConflict((oc) => oc.columns(['region', 'mcc']).doUpdateSet({ last: sql`mid_sequences.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${acquirerCode}${region}${mcc}${String(row.last).padStart(4, '0')}`;
}

export function insertMerchant(db: Db, row: Omit<Insertable<MerchantsTable>, 'status'>) {
  return db
    .insertInto('merchants')
    .values({ ...row, status: 'onboarding' })
    .returning(['id', 'mid'])
    .executeTakeFirstOrThrow();
}

export async function deleteMerchant(db: Db, id: string) {
  await db
    .deleteFrom('merchant_rates')
    .where('merchant_id', '=', id)
    .where('source', '=', 'contract')
    .execute();
  return db.deleteFrom('merchants').where('id', '=', id).where('status', '=', 'onboarding').execute();
}

export function merchantOfApplication(db: Db, applicationId: string) {
  return db
    .selectFrom('merchants')
    .select(['id', 'mid', 'status'])
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
}

export function insertTraining(
  db: Db,
  row: {
    org_id: string;
    merchant_id: string;
    trainer_name: string;
    trained_at: Date;
    topics: string[];
    attendees: string;
    recorded_by: string;
  },
) {
  return db.insertInto('merchant_trainings').values(row).returning(['id']).executeTakeFirstOrThrow();
}

/** What activation waits for: an installed terminal and a recorded training. */
export async function activationReadiness(db: Db, merchantId: string) {
  const installed = await installationsDone(db, merchantId);
  const trained = await db
    .selectFrom('merchant_trainings')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .where('merchant_id', '=', merchantId)
    .executeTakeFirstOrThrow();
  return { installed, trainings: Number(trained.n) };
}

export function findMerchant(db: Db, id: string) {
  return db.selectFrom('merchants').selectAll().where('id', '=', id).executeTakeFirst();
}

export function trainingsOf(db: Db, merchantId: string) {
  return db
    .selectFrom('merchant_trainings')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .orderBy('trained_at')
    .execute();
}

export interface MerchantFilter {
  /** A name fragment (fuzzy, Chinese too), or an exact MID or credit code. */
  q?: string | undefined;
  status?: MerchantsTable['status'] | undefined;
  grade?: MerchantsTable['risk_grade'] | undefined;
  /** The org and its subtree. */
  orgId?: string | undefined;
  salesRepId?: string | undefined;
  agentOrgId?: string | undefined;
}

export function listMerchantRows(
  db: Db,
  filter: MerchantFilter,
  after: { at: string; id: string } | null,
  limit: number,
) {
  let q = db.selectFrom('merchants').selectAll('merchants');
  if (filter.q) {
    const like = containsPattern(filter.q);
    const exact = filter.q.trim();
    q = q.where((eb) =>
      eb.or([eb('name', 'ilike', like), eb('mid', '=', exact), eb('credit_code', '=', exact.toUpperCase())]),
    );
  }
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.grade) q = q.where('risk_grade', '=', filter.grade);
  if (filter.salesRepId) q = q.where('sales_rep_id', '=', filter.salesRepId);
  if (filter.agentOrgId) q = q.where('agent_org_id', '=', filter.agentOrgId);
  if (filter.orgId) q = q.where(inOrgSubtree('org_id', filter.orgId));
  if (after) q = q.where(sql<boolean>`(created_at, id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** Who brought the merchant (业务归属): the sales rep and the agent, by name. */
export async function attributionNames(
  db: Db,
  merchant: { sales_rep_id: string | null; agent_org_id: string | null; org_id: string },
) {
  const [rep, agent, org] = await Promise.all([
    merchant.sales_rep_id
      ? db
          .selectFrom('users')
          .select(['id', 'display_name as name'])
          .where('id', '=', merchant.sales_rep_id)
          .executeTakeFirst()
      : undefined,
    merchant.agent_org_id
      ? db
          .selectFrom('orgs')
          .select(['id', 'name'])
          .where('id', '=', merchant.agent_org_id)
          .executeTakeFirst()
      : undefined,
    db.selectFrom('orgs').select(['id', 'name']).where('id', '=', merchant.org_id).executeTakeFirst(),
  ]);
  return { salesRep: rep ?? null, agentOrg: agent ?? null, org: org ?? null };
}

/** Moves a merchant to a new status if it is still where the caller saw it. */
export function moveMerchant(
  db: Db,
  id: string,
  from: MerchantStatus,
  expectedVersion: number,
  to: MerchantStatus,
  activatedAt?: Date,
) {
  return db
    .updateTable('merchants')
    .set((eb) => ({
      status: to,
      version: eb('version', '+', 1),
      ...(activatedAt ? { activated_at: activatedAt } : {}),
    }))
    .where('id', '=', id)
    .where('status', '=', from)
    .where('version', '=', expectedVersion)
    .returning(['id'])
    .executeTakeFirst();
}

/** What the terminal host checks of a merchant on each transaction: its state and its limits. */
export function merchantForHost(db: Db, id: string) {
  return db
    .selectFrom('merchants')
    .select(['id', 'mid', 'status', 'single_limit_minor', 'daily_limit_minor', 'monthly_limit_minor'])
    .where('id', '=', id)
    .executeTakeFirst();
}
