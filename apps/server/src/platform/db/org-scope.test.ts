import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, userId } from '../../../test/app';
import type { Db } from './database';
import { orgOwnedTables, scopedDb } from './org-scope';

let app: TestApp;
let bj: Db;
let hq: Db;
let shOpsId: string;
let bjOpsId: string;

async function scopeOf(code: string) {
  const org = await app.db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return { orgId: org.id, orgPath: org.path };
}

beforeAll(async () => {
  app = await startTestApp();
  bj = scopedDb(app.db, await scopeOf('BJ'));
  hq = scopedDb(app.db, await scopeOf('HQ'));
  shOpsId = await userId(app, 'sh.ops');
  bjOpsId = await userId(app, 'bj.ops');
  // Sessions, login history and an approval request in both branches.
  await app.as('sh.ops');
  await app.as('bj.ops');
  await app.client().login('sh.ops', 'wrong-password-1');
  await app.client().login('nobody.at.all', 'wrong-password-1');
  const admin = await app.as('admin');
  const granted = await admin.post(`/api/users/${shOpsId}/roles`, {
    roleId: (
      await app.db
        .selectFrom('roles')
        .select('id')
        .where('code', '=', 'risk_officer')
        .executeTakeFirstOrThrow()
    ).id,
  });
  expect(granted.status).toBe(200);
  expect(granted.body.status).toBe('pending_approval');
});

afterAll(async () => {
  await app?.stop();
});

const usernames = (rows: { username: string }[]) => rows.map((r) => r.username).sort();

describe('every org-owned table is scoped', () => {
  it('lists every table of the public schema with an org_id column (partitions follow their parent)', async () => {
    const { rows } = await sql<{ table_name: string }>`
      SELECT DISTINCT c.table_name
        FROM information_schema.columns c
        JOIN pg_namespace n ON n.nspname = c.table_schema
        JOIN pg_class k ON k.relnamespace = n.oid AND k.relname = c.table_name
       WHERE c.table_schema = 'public' AND c.column_name = 'org_id' AND NOT k.relispartition
       ORDER BY c.table_name`.execute(app.db);
    const tables = rows.map((r) => r.table_name);
    expect(tables).toContain('users');
    expect(tables).toContain('approval_requests');
    const unlisted = tables.filter((t) => !(t in orgOwnedTables));
    expect(unlisted).toEqual([]);
    expect(orgOwnedTables.orgs).toBe('path');
  });
});

describe('a connection scoped to the Beijing branch', () => {
  it('sees only its subtree of the org tree', async () => {
    const orgs = await bj.selectFrom('orgs').select('code').orderBy('code').execute();
    expect(orgs.map((o) => o.code)).toEqual(['BJ', 'BJAG01', 'BJCY', 'BJHD']);
  });

  it('filters a select through a table alias', async () => {
    const users = await bj.selectFrom('users as u').select('u.username').execute();
    expect(usernames(users)).toEqual([
      'agent',
      'approver.bj',
      'backoffice',
      'bj.admin',
      'bj.ops',
      'engineer',
      'frontdesk',
      'sales',
      'sales.mgr',
    ]);
  });

  it('filters a select without an alias and a where of its own', async () => {
    const found = await bj.selectFrom('users').select('username').where('id', '=', shOpsId).execute();
    expect(found).toEqual([]);
    const own = await bj.selectFrom('users').select('username').where('id', '=', bjOpsId).execute();
    expect(own).toEqual([{ username: 'bj.ops' }]);
  });

  it('filters a joined org-owned table', async () => {
    const sessions = await bj
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select('u.username')
      .execute();
    expect(usernames(sessions)).toEqual(['bj.ops']);
    const unscoped = await app.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select('u.username')
      .execute();
    expect(usernames(unscoped)).toEqual(['admin', 'bj.ops', 'sh.ops']);
  });

  it('filters org-owned tables inside subqueries (select list, where … in, from, with)', async () => {
    const holders = await bj
      .selectFrom('roles as r')
      .select((eb) =>
        eb
          .selectFrom('user_roles as ur')
          .innerJoin('users as u', 'u.id', 'ur.user_id')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('ur.role_id', '=', 'r.id')
          .as('holders'),
      )
      .where('r.code', '=', 'ops_manager')
      .executeTakeFirstOrThrow();
    expect(holders.holders).toBe(1);

    const rolesHeld = await bj
      .selectFrom('user_roles')
      .select('user_id')
      .where('user_id', 'in', (eb) => eb.selectFrom('users').select('id').where('username', 'like', '%.ops'))
      .execute();
    expect(rolesHeld.map((r) => r.user_id)).toEqual([bjOpsId]);

    const derived = await bj
      .selectFrom((eb) => eb.selectFrom('users as inner_u').select('inner_u.username').as('x'))
      .select('x.username')
      .where('x.username', 'in', ['bj.ops', 'sh.ops', 'admin'])
      .execute();
    expect(usernames(derived)).toEqual(['bj.ops']);

    const cte = await bj
      .with('ops', (db) => db.selectFrom('users').select('username').where('username', 'like', '%ops'))
      .selectFrom('ops')
      .select('username')
      .execute();
    expect(usernames(cte)).toEqual(['bj.ops']);
  });

  it('filters login history and approval requests of the other branch', async () => {
    const history = await bj.selectFrom('login_history').select('username').execute();
    expect(usernames(history)).toEqual(['bj.ops']);
    const approvals = await bj.selectFrom('approval_requests').select('id').execute();
    expect(approvals).toEqual([]);
    expect((await app.db.selectFrom('approval_requests').select('id').execute()).length).toBe(1);
  });

  it('cannot update a user of the Shanghai branch', async () => {
    const result = await bj
      .updateTable('users')
      .set({ display_name: 'changed by BJ' })
      .where('id', '=', shOpsId)
      .executeTakeFirst();
    expect(result.numUpdatedRows).toBe(0n);
    const aliased = await bj
      .updateTable('users as u')
      .set({ display_name: 'changed by BJ' })
      .where('u.username', 'in', ['sh.ops', 'bj.ops'])
      .executeTakeFirst();
    expect(aliased.numUpdatedRows).toBe(1n);
    const names = await app.db
      .selectFrom('users')
      .select(['username', 'display_name'])
      .where('username', 'in', ['sh.ops', 'bj.ops'])
      .orderBy('username')
      .execute();
    expect(names).toEqual([
      { username: 'bj.ops', display_name: 'changed by BJ' },
      { username: 'sh.ops', display_name: '上海分行运营' },
    ]);
  });

  it('cannot update rows through an org-owned table of the other branch in UPDATE … FROM', async () => {
    const result = await bj
      .updateTable('sessions')
      .from('users as u')
      .set({ user_agent: 'changed by BJ' })
      .whereRef('sessions.user_id', '=', 'u.id')
      .where('u.username', '=', 'sh.ops')
      .executeTakeFirst();
    expect(result.numUpdatedRows).toBe(0n);
    const agents = await app.db
      .selectFrom('sessions')
      .select('user_agent')
      .where('user_id', '=', shOpsId)
      .execute();
    expect(agents.map((a) => a.user_agent)).not.toContain('changed by BJ');
  });

  it('cannot delete rows of the Shanghai branch, only its own', async () => {
    const users = await bj.deleteFrom('users').where('id', '=', shOpsId).executeTakeFirst();
    expect(users.numDeletedRows).toBe(0n);
    const history = await bj.deleteFrom('login_history').where('username', '=', 'sh.ops').executeTakeFirst();
    expect(history.numDeletedRows).toBe(0n);
    expect(
      await app.db.selectFrom('login_history').select('success').where('username', '=', 'sh.ops').execute(),
    ).toHaveLength(2);
    const own = await bj.deleteFrom('login_history').where('username', '=', 'bj.ops').executeTakeFirst();
    expect(own.numDeletedRows).toBe(1n);
    expect(await app.db.selectFrom('users').select('id').where('id', '=', shOpsId).execute()).toHaveLength(1);
  });

  it('cannot delete through an org-owned table of the other branch in DELETE … USING', async () => {
    const result = await bj
      .deleteFrom('sessions')
      .using('users as u')
      .whereRef('sessions.user_id', '=', 'u.id')
      .where('u.username', '=', 'sh.ops')
      .executeTakeFirst();
    expect(result.numDeletedRows).toBe(0n);
    expect(
      await app.db.selectFrom('sessions').select('id').where('user_id', '=', shOpsId).execute(),
    ).toHaveLength(1);
  });

  it('works inside a transaction of the scoped connection', async () => {
    const seen = await bj
      .transaction()
      .execute((tx) => tx.selectFrom('users').select('username').where('id', '=', shOpsId).execute());
    expect(seen).toEqual([]);
  });
});

describe('a connection scoped to the head office root', () => {
  it('sees every row of every org-owned table, including rows without an org', async () => {
    for (const table of Object.keys(orgOwnedTables)) {
      const count = (db: Db) =>
        db
          .selectFrom(table as 'users')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
          .then((r) => r.n);
      const all = await count(app.db);
      expect(await count(hq), table).toBe(all);
    }
    const unknownUser = await hq
      .selectFrom('login_history')
      .select('reason')
      .where('username', '=', 'nobody.at.all')
      .execute();
    expect(unknownUser).toEqual([{ reason: 'unknown_user' }]);
  });

  it('can update a user of any branch', async () => {
    const result = await hq
      .updateTable('users')
      .set({ locale: 'en-US' })
      .where('id', '=', shOpsId)
      .executeTakeFirst();
    expect(result.numUpdatedRows).toBe(1n);
    expect(
      (await app.db.selectFrom('users').select('locale').where('id', '=', shOpsId).executeTakeFirstOrThrow())
        .locale,
    ).toBe('en-US');
  });
});
