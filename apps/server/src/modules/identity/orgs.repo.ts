import type { Db } from '../../platform/db/database';

export function listOrgs(db: Db) {
  return db.selectFrom('orgs').selectAll().orderBy('path').execute();
}

export async function anyOrgExists(db: Db): Promise<boolean> {
  return (await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** The org's name. Throws when there is no such org. */
export function orgNameOf(db: Db, id: string) {
  return db.selectFrom('orgs').select('name').where('id', '=', id).executeTakeFirstOrThrow();
}

export function findOrg(db: Db, id: string) {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOrg(
  db: Db,
  org: {
    id: string;
    parentId: string | null;
    code: string;
    name: string;
    kind: 'head_office' | 'branch' | 'outlet' | 'agent';
    path: string;
    depth: number;
  },
) {
  return db
    .insertInto('orgs')
    .values({
      id: org.id,
      parent_id: org.parentId,
      code: org.code,
      name: org.name,
      kind: org.kind,
      path: org.path,
      depth: org.depth,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateOrg(db: Db, id: string, patch: { name?: string; status?: 'active' | 'closed' }) {
  return db.updateTable('orgs').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export function orgCodeTaken(db: Db, code: string) {
  return db.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirst();
}
