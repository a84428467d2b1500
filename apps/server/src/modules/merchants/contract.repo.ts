import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';

/** The contract number: HT, the business date, a six-digit sequence (HT20261125000001). */
export async function nextContractNo(db: Db, businessDay: string): Promise<string> {
  const { rows } = await sql<{ n: bigint }>`SELECT nextval('merchant_contract_no') AS n`.execute(db);
  return `HT${businessDay.replaceAll('-', '')}${String(rows[0]!.n).padStart(6, '0')}`;
}

function contractRows(db: Db) {
  return db
    .selectFrom('merchant_contracts as c')
    .leftJoin('users as r', 'r.id', 'c.recorded_by')
    .select([
      'c.id',
      'c.application_id',
      'c.org_id',
      'c.contract_no',
      'c.rate_plan_id',
      'c.rates',
      'c.terms',
      sql<string>`to_char(c.effective_date, 'YYYY-MM-DD')`.as('effective_date'),
      'c.status',
      'c.document_id',
      'c.generated_at',
      'c.signer_name',
      'c.signed_at',
      'c.recorded_by',
      'r.display_name as recorded_by_name',
      'c.recorded_at',
      'c.created_at',
      'c.updated_at',
      'c.version',
    ]);
}

export type ContractRow = NonNullable<Awaited<ReturnType<typeof findContractOfApplication>>>;

export function findContractOfApplication(db: Db, applicationId: string) {
  return contractRows(db).where('c.application_id', '=', applicationId).executeTakeFirst();
}

/** The same, its row locked for the rest of the transaction (generate, revise, sign). */
export function lockContractOfApplication(db: Db, applicationId: string) {
  return contractRows(db).where('c.application_id', '=', applicationId).forUpdate('c').executeTakeFirst();
}

/** Status and org of a contract, locked against a concurrent generate or sign (document owner). */
export function lockContractStatus(db: Db, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(undefined);
  return db
    .selectFrom('merchant_contracts')
    .select(['status', 'org_id'])
    .where('id', '=', id)
    .forShare()
    .executeTakeFirst();
}

/** A new draft; undefined when the application got its contract meanwhile (unique application_id). */
export function insertContractDraft(
  db: Db,
  row: {
    application_id: string;
    org_id: string;
    contract_no: string;
    rate_plan_id: string;
    rates: string;
    terms: string;
    effective_date: string;
    created_by: string;
  },
) {
  return db
    .insertInto('merchant_contracts')
    .values({ ...row, status: 'draft' })
    .onConflict((oc) => oc.column('application_id').doNothing())
    .returning(['id'])
    .executeTakeFirst();
}

/** Back to draft with another plan or terms; the PDF of the previous version stays a document. */
export function reviseContract(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: { rate_plan_id: string; rates: string; terms: string; effective_date: string; updated_at: Date },
) {
  return db
    .updateTable('merchant_contracts')
    .set((eb) => ({
      ...changes,
      status: 'draft' as const,
      document_id: null,
      generated_at: null,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '<>', 'signed')
    .returning(['id'])
    .executeTakeFirst();
}

/** draft → generated with its PDF, if nobody revised it since `expectedVersion`. */
export function markContractGenerated(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: { document_id: string; generated_at: Date; updated_at: Date },
) {
  return db
    .updateTable('merchant_contracts')
    .set((eb) => ({ ...changes, status: 'generated' as const, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'draft')
    .returning(['id'])
    .executeTakeFirst();
}

/** generated → signed: who signed, when, who recorded it. */
export function markContractSigned(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: { signer_name: string; signed_at: Date; recorded_by: string; recorded_at: Date; updated_at: Date },
) {
  return db
    .updateTable('merchant_contracts')
    .set((eb) => ({ ...changes, status: 'signed' as const, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'generated')
    .returning(['id'])
    .executeTakeFirst();
}

/**
 * The acquirer (甲方) of an org's merchants: the head office at the root of its path, read beyond the
 * caller's scope (a branch user's scope does not include the head office row). Read model of identity.
 */
export async function acquirerOf(system: Db, orgId: string) {
  const org = await system
    .selectFrom('orgs')
    .select(['name', 'path'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org) return undefined;
  const rootId = org.path.split('/')[1] ?? '';
  const root = await system.selectFrom('orgs').select('name').where('id', '=', rootId).executeTakeFirst();
  return { orgName: org.name, acquirerName: root?.name ?? org.name };
}
