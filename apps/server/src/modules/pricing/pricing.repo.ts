import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { CataloguePlan } from './pricing.catalogue';

const columns = (db: Db) =>
  db
    .selectFrom('rate_plans')
    .select([
      'id',
      'code',
      'name',
      'name_en',
      'status',
      'currency',
      'debit_rate_ppm',
      'debit_cap_minor',
      'credit_rate_ppm',
      'qr_rate_ppm',
      'mcc_category',
      sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as('effective_from'),
      'note',
      'created_at',
    ]);

export type RatePlanRow = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

/** Adds a plan of the catalogue unless its code exists (an administrator's edits are kept). */
export function insertRatePlanIfMissing(db: Db, plan: CataloguePlan) {
  return db
    .insertInto('rate_plans')
    .values({
      code: plan.code,
      name: plan.name,
      name_en: plan.nameEn,
      status: plan.status,
      debit_rate_ppm: plan.debitRatePpm,
      debit_cap_minor: plan.debitCapMinor,
      credit_rate_ppm: plan.creditRatePpm,
      qr_rate_ppm: plan.qrRatePpm,
      mcc_category: plan.mccCategory,
      effective_from: plan.effectiveFrom,
      note: plan.note,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

/** Plans by status, those for one pricing class (and for any class) when a class is given. */
export function ratePlans(
  db: Db,
  filter: { category?: string | undefined; status?: 'active' | 'retired' | undefined },
) {
  let q = columns(db);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.category) {
    const category = filter.category;
    q = q.where((eb) => eb.or([eb('mcc_category', 'is', null), eb('mcc_category', '=', category)]));
  }
  return q.orderBy(sql`mcc_category IS NULL`).orderBy('mcc_category').orderBy('code').execute();
}

export function findRatePlan(db: Db, id: string) {
  return columns(db).where('id', '=', id).executeTakeFirst();
}
