import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { SuppliersTable, TerminalModelsTable } from './terminals.schema';

/** The catalogue with each model's units in the ledger; one model when `id` is given. */
export function listModels(db: Db, id?: string) {
  let q = db
    .selectFrom('terminal_models as tm')
    .selectAll('tm')
    .select((eb) =>
      eb
        .selectFrom('terminals as t')
        .select(eb.fn.countAll<bigint>().as('n'))
        .whereRef('t.model_id', '=', 'tm.id')
        .as('units'),
    );
  if (id) q = q.where('tm.id', '=', id);
  return q.orderBy('tm.brand').orderBy('tm.model').execute();
}

export function findModel(db: Db, id: string) {
  return db.selectFrom('terminal_models').selectAll().where('id', '=', id).executeTakeFirst();
}

export function modelsByName(db: Db) {
  return db.selectFrom('terminal_models').select(['id', 'brand', 'model', 'status']).execute();
}

export function insertModel(db: Db, row: Insertable<TerminalModelsTable>) {
  return db.insertInto('terminal_models').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateModel(db: Db, id: string, version: number, changes: Updateable<TerminalModelsTable>) {
  return db
    .updateTable('terminal_models')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export function listSuppliers(db: Db) {
  return db.selectFrom('suppliers').selectAll().orderBy('name').execute();
}

export function findSupplier(db: Db, id: string) {
  return db.selectFrom('suppliers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function suppliersByName(db: Db) {
  return db.selectFrom('suppliers').select(['id', 'name', 'status']).execute();
}

export function insertSupplier(db: Db, row: Insertable<SuppliersTable>) {
  return db.insertInto('suppliers').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateSupplier(db: Db, id: string, version: number, changes: Updateable<SuppliersTable>) {
  return db
    .updateTable('suppliers')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}
