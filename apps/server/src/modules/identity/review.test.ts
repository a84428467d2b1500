import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, orgId, startTestApp, type TestApp, userId } from '../../../test/app';
import { disableDormantAccounts } from '.';

interface ReviewItem {
  userId: string;
  username: string;
  displayName: string;
  orgName: string;
  status: 'active' | 'disabled';
  roles: { code: string; name: string; privileged: boolean }[];
  lastLoginAt: string | null;
  dormant: boolean;
  lastReviewedAt: string | null;
  lastReviewedBy: string | null;
}

const DAY = 86_400_000;

let app: TestApp;
let admin: Client;
/** Non-demo users: one asleep for 100 days, one never signed in since its creation 100 days ago, one active. */
let sleeper: { id: string; client: Client };
let never: { id: string };
let recent: { id: string; client: Client };

async function createUser(username: string, orgCode: string, roleCodes: string[] = []) {
  const roles =
    roleCodes.length === 0
      ? []
      : await app.db.selectFrom('roles').select('id').where('code', 'in', roleCodes).execute();
  const response = await admin.post('/api/users', {
    username,
    displayName: username,
    orgId: await orgId(app, orgCode),
    roleIds: roles.map((r) => r.id),
  });
  expect(response.status).toBe(201);
  return { id: response.body.user.id as string, initialPassword: response.body.initialPassword as string };
}

async function signIn(username: string, password: string) {
  const client = app.client();
  expect((await client.login(username, password)).status).toBe(200);
  return client;
}

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
  const s = await createUser('rev.sleeper', 'HQ', ['analyst']);
  const n = await createUser('rev.never', 'BJ');
  const r = await createUser('rev.recent', 'HQ', ['analyst']);
  sleeper = { id: s.id, client: await signIn('rev.sleeper', s.initialPassword) };
  never = { id: n.id };
  recent = { id: r.id, client: await signIn('rev.recent', r.initialPassword) };
  const longAgo = new Date(app.clock.now().getTime() - 100 * DAY);
  await app.db.updateTable('users').set({ last_login_at: longAgo }).where('id', '=', sleeper.id).execute();
  await app.db.updateTable('users').set({ last_login_at: longAgo }).where('username', '=', 'cs').execute();
  await sql`UPDATE users SET created_at = ${longAgo} WHERE id = ${never.id}`.execute(app.db);
});

afterAll(async () => {
  await app?.stop();
});

async function review(client: Client, query: Record<string, string>) {
  const response = await client.get<{ items: ReviewItem[]; nextCursor: string | null }>(
    `/api/permission-review?${new URLSearchParams({ limit: '200', ...query })}`,
  );
  expect(response.status).toBe(200);
  return response.body.items;
}

const named = (items: ReviewItem[], username: string) => items.find((i) => i.username === username);

describe('the permission review list', () => {
  it('lists users with their roles, last login and dormancy', async () => {
    const items = await review(admin, {});
    expect(items.length).toBeGreaterThanOrEqual(24);
    expect(items.map((i) => i.username)).toEqual([...items.map((i) => i.username)].sort());
    expect(named(items, 'admin')).toEqual({
      userId: await userId(app, 'admin'),
      username: 'admin',
      displayName: '系统管理员',
      orgName: '示范银行总行',
      status: 'active',
      roles: [{ code: 'sysadmin', name: '系统管理员', privileged: true }],
      lastLoginAt: app.clock.now().toISOString(),
      dormant: false,
      lastReviewedAt: null,
      lastReviewedBy: null,
    });
    expect(named(items, 'rev.sleeper')).toMatchObject({
      roles: [{ code: 'analyst', privileged: false }],
      lastLoginAt: new Date(app.clock.now().getTime() - 100 * DAY).toISOString(),
      dormant: true,
    });
    expect(named(items, 'rev.never')).toMatchObject({ roles: [], lastLoginAt: null, dormant: true });
    expect(named(items, 'rev.recent')).toMatchObject({ dormant: false });
    expect(named(items, 'sales')).toMatchObject({ lastLoginAt: null, dormant: false });
  });

  it('filters dormant accounts, and by name', async () => {
    const dormant = await review(admin, { dormant: 'true' });
    expect(dormant.map((i) => i.username)).toEqual(['cs', 'rev.never', 'rev.sleeper']);
    expect(dormant.every((i) => i.dormant)).toBe(true);
    const awake = await review(admin, { dormant: 'false' });
    expect(awake.map((i) => i.username)).toContain('admin');
    expect(awake.map((i) => i.username)).not.toContain('rev.sleeper');
    expect(awake.every((i) => !i.dormant)).toBe(true);
    expect((await review(admin, { q: 'rev.' })).map((i) => i.username)).toEqual([
      'rev.never',
      'rev.recent',
      'rev.sleeper',
    ]);
  });

  it('pages by username', async () => {
    const first = await admin.get('/api/permission-review?q=rev.&limit=2');
    expect(first.body.items.map((i: ReviewItem) => i.username)).toEqual(['rev.never', 'rev.recent']);
    const second = await admin.get(`/api/permission-review?q=rev.&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: ReviewItem) => i.username)).toEqual(['rev.sleeper']);
    expect(second.body.nextCursor).toBeNull();
  });

  it("shows a branch administrator only its branch's users", async () => {
    const bjAdmin = await app.as('bj.admin');
    const items = await review(bjAdmin, {});
    expect(items.map((i) => i.username)).toContain('rev.never');
    expect(items.map((i) => i.username)).not.toContain('admin');
    expect(items.map((i) => i.username)).not.toContain('rev.sleeper');
    const bjSubtree = ['北京分行', '北京朝阳支行', '北京海淀支行', '京捷付代理'];
    expect(items.every((i) => bjSubtree.includes(i.orgName))).toBe(true);
  });

  it('is refused to users without permissionReview permissions (403)', async () => {
    const ops = await app.as('ops');
    expect((await ops.get('/api/permission-review')).status).toBe(403);
    const record = await ops.post(`/api/permission-review/${sleeper.id}`, { outcome: 'confirmed' });
    expect(record.status).toBe(403);
    expect(record.body.code).toBe('FORBIDDEN');
  });
});

describe('recording a review', () => {
  it('stores it, shows who reviewed and when, and audits permission.review', async () => {
    const response = await admin.post(`/api/permission-review/${sleeper.id}`, {
      outcome: 'changes_requested',
      comment: 'no longer on the desk',
    });
    expect(response.status).toBe(204);
    const item = named(await review(admin, { q: 'rev.sleeper' }), 'rev.sleeper')!;
    expect(item.lastReviewedBy).toBe('admin');
    expect(Math.abs(Date.parse(item.lastReviewedAt!) - Date.now())).toBeLessThan(60_000);

    const stored = await app.db
      .selectFrom('permission_reviews')
      .selectAll()
      .where('user_id', '=', sleeper.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      reviewer_id: await userId(app, 'admin'),
      org_id: await orgId(app, 'HQ'),
      outcome: 'changes_requested',
      comment: 'no longer on the desk',
      roles: ['analyst'],
    });
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['actor_name', 'object_type', 'after'])
      .where('action', '=', 'permission.review')
      .where('object_id', '=', sleeper.id)
      .execute();
    expect(audit).toEqual([
      {
        actor_name: 'admin',
        object_type: 'user',
        after: { outcome: 'changes_requested', comment: 'no longer on the desk', roles: ['analyst'] },
      },
    ]);
  });

  it('validates the outcome (400) and hides users outside the subtree (404)', async () => {
    const bad = await admin.post(`/api/permission-review/${sleeper.id}`, { outcome: 'maybe' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(['outcome']);
    const shAdmin = await app.as('sh.admin');
    const hidden = await shAdmin.post(`/api/permission-review/${never.id}`, { outcome: 'confirmed' });
    expect(hidden.status).toBe(404);
    const none = await app.db
      .selectFrom('permission_reviews')
      .select('id')
      .where('user_id', '=', never.id)
      .execute();
    expect(none).toEqual([]);
  });

  it('shows a branch administrator the date of a review made by the head office', async () => {
    const bjOps = await userId(app, 'bj.ops');
    expect((await admin.post(`/api/permission-review/${bjOps}`, { outcome: 'confirmed' })).status).toBe(204);
    const bjAdmin = await app.as('bj.admin');
    const item = named(await review(bjAdmin, { q: 'bj.ops' }), 'bj.ops')!;
    expect(item.lastReviewedAt).not.toBeNull();
    expect(item.lastReviewedBy).toBeNull(); // the head-office reviewer is outside the branch's subtree
    const byAdmin = named(await review(admin, { q: 'bj.ops' }), 'bj.ops')!;
    expect(item.lastReviewedAt).toBe(byAdmin.lastReviewedAt);
    expect(byAdmin.lastReviewedBy).toBe('admin');
  });
});

describe('the dormant-accounts job', () => {
  it('disables non-demo accounts idle for 90 days, ends their sessions, and audits it as the system', async () => {
    const sessionsOf = async (id: string) =>
      (await app.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()).length;
    expect(await sessionsOf(sleeper.id)).toBe(1);
    expect(await sessionsOf(recent.id)).toBe(1);

    const disabled = await disableDormantAccounts(app.db, app.clock.now());
    expect(disabled).toBe(2);

    const statuses = await app.db
      .selectFrom('users')
      .select(['username', 'status', 'disabled_reason'])
      .where('username', 'in', ['rev.sleeper', 'rev.never', 'rev.recent', 'cs', 'admin'])
      .orderBy('username')
      .execute();
    expect(statuses).toEqual([
      { username: 'admin', status: 'active', disabled_reason: null },
      { username: 'cs', status: 'active', disabled_reason: null },
      { username: 'rev.never', status: 'disabled', disabled_reason: 'dormant' },
      { username: 'rev.recent', status: 'active', disabled_reason: null },
      { username: 'rev.sleeper', status: 'disabled', disabled_reason: 'dormant' },
    ]);
    expect(await sessionsOf(sleeper.id)).toBe(0);
    expect(await sessionsOf(recent.id)).toBe(1);
    const gone = await sleeper.client.get('/api/auth/me');
    expect(gone.status).toBe(401);

    const audit = await app.db
      .selectFrom('audit_log')
      .select(['actor_id', 'actor_name', 'org_id', 'object_id', 'before', 'after'])
      .where('action', '=', 'user.disable')
      .orderBy('object_id')
      .execute();
    expect(audit).toHaveLength(2);
    const bySleeper = audit.find((a) => a.object_id === sleeper.id)!;
    expect(bySleeper).toMatchObject({
      actor_id: null,
      actor_name: 'system:dormant-accounts',
      org_id: await orgId(app, 'HQ'),
      before: {
        status: 'active',
        lastLoginAt: new Date(app.clock.now().getTime() - 100 * DAY).toISOString(),
      },
      after: { status: 'disabled', reason: 'dormant' },
    });
    expect(audit.find((a) => a.object_id === never.id)).toMatchObject({
      actor_name: 'system:dormant-accounts',
      org_id: await orgId(app, 'BJ'),
      before: { status: 'active', lastLoginAt: null },
    });

    // the job's rows are visible in the audit search of the users' branches
    const bjAdmin = await app.as('bj.admin');
    const seen = await bjAdmin.get(`/api/audit?objectId=${never.id}&action=user.disable`);
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((e: { actorName: string }) => e.actorName)).toEqual([
      'system:dormant-accounts',
    ]);

    const list = named(await review(admin, { q: 'rev.sleeper' }), 'rev.sleeper')!;
    expect(list.status).toBe('disabled');
    expect(await disableDormantAccounts(app.db, app.clock.now())).toBe(0);
  });
});
