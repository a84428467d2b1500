import { randomUUID } from 'node:crypto';
import { defaultRoles } from '@posops/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, orgId, roleId, startTestApp, type TestApp, userId } from '../../../test/app';
import { demoUsers } from '../../modules/identity';
import type { RegisteredRoute } from './auth-guard';

let app: TestApp;
let ids: { target: string; org: string; role: string; grantable: string };
let nobody: Client;
let analyst: Client;

const NOBODY = 'matrix.nobody';
const NOBODY_PASSWORD = 'Matrix-nobody-2026';

const analystPermissions = new Set(defaultRoles.find((r) => r.code === 'analyst')?.permissions);

beforeAll(async () => {
  app = await startTestApp();
  const admin = await app.as('admin');
  // A user to act on, a role to edit, and a user without any role for the org.read routes.
  const target = await admin.post('/api/users', {
    username: 'matrix.target',
    displayName: 'Matrix target',
    orgId: await orgId(app, 'BJCY'),
    roleIds: [await roleId(app, 'analyst')],
  });
  expect(target.status).toBe(201);
  const role = await admin.post('/api/roles', {
    code: 'matrix_role',
    name: '矩阵角色',
    nameEn: 'Matrix role',
    permissions: [],
  });
  expect(role.status).toBe(201);
  const created = await admin.post('/api/users', {
    username: NOBODY,
    displayName: 'Nobody',
    orgId: await orgId(app, 'BJ'),
    roleIds: [role.body.id],
  });
  expect(created.status).toBe(201);
  nobody = app.client();
  expect((await nobody.login(NOBODY, created.body.initialPassword)).status).toBe(200);
  const changed = await nobody.post('/api/auth/change-password', {
    currentPassword: created.body.initialPassword,
    newPassword: NOBODY_PASSWORD,
  });
  expect(changed.status).toBe(200);
  expect(changed.body.user.permissions).toEqual([]);
  analyst = await app.as('analyst');
  ids = {
    target: target.body.user.id,
    org: await orgId(app, 'BJAG01'),
    role: role.body.id,
    grantable: await roleId(app, 'analyst'),
  };
});

afterAll(async () => {
  await app?.stop();
});

/** The URL of a route with its parameters filled: real objects where easy, else random ids. */
function urlOf(route: RegisteredRoute): string {
  const id = route.url.startsWith('/api/users/')
    ? ids.target
    : route.url.startsWith('/api/permission-review/')
      ? ids.target
      : route.url.startsWith('/api/orgs/')
        ? ids.org
        : route.url.startsWith('/api/roles/')
          ? ids.role
          : randomUUID();
  return route.url.replace(':id', id).replace(':roleId', ids.grantable);
}

function call(client: Client, route: RegisteredRoute) {
  const url = urlOf(route);
  return route.method === 'GET' ? client.get(url) : client.request(route.method, url, {});
}

const permissionRoutes = () =>
  app.routes.filter((r) => r.access !== 'public' && r.access !== 'authenticated');
const label = (r: RegisteredRoute) => `${r.method} ${r.url} (${r.access})`;

/** A demo user holding the permission: admin when it can, else the head office's holder, else any. */
function holderOf(access: string): string {
  if (access === 'authenticated') return 'admin';
  const roles = new Set(
    defaultRoles.filter((r) => (r.permissions as readonly string[]).includes(access)).map((r) => r.code),
  );
  const holder =
    demoUsers.find((u) => u.username === 'admin' && roles.has(u.role)) ??
    demoUsers.find((u) => u.org === 'hq' && roles.has(u.role)) ??
    demoUsers.find((u) => roles.has(u.role));
  if (!holder) throw new Error(`no demo user holds ${access}`);
  return holder.username;
}

describe('the access matrix of every route', () => {
  it('knows the routes', () => {
    expect(app.routes.length).toBeGreaterThan(20);
    expect(app.routes).toContainEqual({
      method: 'GET',
      url: '/api/users',
      access: 'user.read',
      allowPending: false,
    });
    expect(app.routes).toContainEqual({
      method: 'POST',
      url: '/api/auth/login',
      access: 'public',
      allowPending: false,
    });
    const keys = app.routes.map((r) => `${r.method} ${r.url}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('answers 401 to every non-public route without a session', async () => {
    const refused: string[] = [];
    for (const route of app.routes.filter((r) => r.access !== 'public')) {
      const response = await call(app.client(), route);
      if (response.status !== 401 || response.body.code !== 'UNAUTHENTICATED') {
        refused.push(`${label(route)} → ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('lets anyone reach the public routes', async () => {
    const publicRoutes = app.routes.filter((r) => r.access === 'public');
    expect(publicRoutes.map(label)).toEqual(
      expect.arrayContaining(['GET /api/health (public)', 'POST /api/auth/login (public)']),
    );
    for (const route of publicRoutes) {
      const response = await call(app.client(), route);
      expect([401, 403, 500], label(route)).not.toContain(response.status);
    }
  });

  it('answers 403 FORBIDDEN to a signed-in user whose roles lack the permission', async () => {
    const routes = permissionRoutes();
    expect(routes.length).toBeGreaterThan(15);
    const wrong: string[] = [];
    for (const route of routes) {
      const client = analystPermissions.has(route.access as never) ? nobody : analyst;
      const response = await call(client, route);
      if (response.status !== 403 || response.body.code !== 'FORBIDDEN') {
        wrong.push(`${label(route)} → ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    expect(wrong).toEqual([]);
    const untouched = await app.db
      .selectFrom('users')
      .select(['status', 'display_name', 'must_change_password'])
      .where('id', '=', ids.target)
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({
      status: 'active',
      display_name: 'Matrix target',
      must_change_password: true,
    });
  });

  it('lets a holder of the permission through (neither 401 nor 403, never 500)', async () => {
    const wrong: string[] = [];
    // Portal routes belong to merchant logins, made at go-live: merchants/golive.test.ts walks them.
    for (const route of app.routes.filter((r) => r.access !== 'public' && r.access !== 'portal.read')) {
      // A fresh session per route: the logout route ends the one it is called with.
      const response = await call(await app.as(holderOf(route.access)), route);
      if ([401, 403].includes(response.status) || response.status >= 500) {
        wrong.push(`${label(route)} → ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('a branch administrator and the objects of another branch', () => {
  let bjAdmin: Client;
  let shOps: string;
  let sh: string;
  let opsManager: string;

  beforeAll(async () => {
    bjAdmin = await app.as('bj.admin');
    shOps = await userId(app, 'sh.ops');
    sh = await orgId(app, 'SH');
    opsManager = await roleId(app, 'ops_manager');
  });

  const snapshot = async () => ({
    user: await app.db.selectFrom('users').selectAll().where('id', '=', shOps).executeTakeFirstOrThrow(),
    roles: await app.db.selectFrom('user_roles').selectAll().where('user_id', '=', shOps).execute(),
    org: await app.db.selectFrom('orgs').selectAll().where('id', '=', sh).executeTakeFirstOrThrow(),
    reviews: await app.db.selectFrom('permission_reviews').selectAll().where('user_id', '=', shOps).execute(),
    approvals: await app.db.selectFrom('approval_requests').select('id').execute(),
    sessions: await app.db.selectFrom('sessions').select('id').where('user_id', '=', shOps).execute(),
  });

  it('gets 404 NOT_FOUND for every action on a Shanghai user or org, which stays unchanged', async () => {
    await app.as('sh.ops');
    const before = await snapshot();
    expect(before.roles).toHaveLength(1);
    expect(before.sessions).toHaveLength(1);
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/users/${shOps}`],
      ['PATCH', `/api/users/${shOps}`, { displayName: 'Taken over' }],
      ['POST', `/api/users/${shOps}/disable`, { reason: 'taken over' }],
      ['POST', `/api/users/${shOps}/enable`, {}],
      ['POST', `/api/users/${shOps}/reset-password`, {}],
      ['POST', `/api/users/${shOps}/roles`, { roleId: await roleId(app, 'analyst') }],
      ['POST', `/api/users/${shOps}/roles`, { roleId: await roleId(app, 'sysadmin') }],
      ['DELETE', `/api/users/${shOps}/roles/${opsManager}`],
      ['PATCH', `/api/orgs/${sh}`, { name: 'Taken over' }],
      ['PATCH', `/api/orgs/${sh}`, { status: 'closed' }],
      ['POST', `/api/permission-review/${shOps}`, { outcome: 'confirmed' }],
    ];
    for (const [method, url, body] of attempts) {
      const response = await bjAdmin.request(method, url, body);
      expect(response.status, `${method} ${url}`).toBe(404);
      expect(response.body.code, `${method} ${url}`).toBe('NOT_FOUND');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lists no Shanghai user', async () => {
    const response = await bjAdmin.get('/api/users?limit=200');
    expect(response.status).toBe(200);
    const names = response.body.items.map((u: { username: string }) => u.username);
    expect(names).toContain('bj.ops');
    expect(names).toContain('matrix.target');
    expect(names).not.toContain('sh.ops');
    expect(names).not.toContain('sh.admin');
    expect(names).not.toContain('admin');
    const byOrg = await bjAdmin.get(`/api/users?orgId=${sh}`);
    expect(byOrg.body.items).toEqual([]);
    const review = await bjAdmin.get('/api/permission-review?limit=200');
    expect(review.status).toBe(200);
    const reviewed = review.body.items.map((u: { username: string }) => u.username);
    expect(reviewed).toContain('bj.ops');
    expect(reviewed).not.toContain('sh.ops');
  });

  it('sees only the Beijing subtree of the org tree', async () => {
    const response = await bjAdmin.get('/api/orgs');
    expect(response.status).toBe(200);
    expect(response.body.map((o: { code: string }) => o.code).sort()).toEqual([
      'BJ',
      'BJAG01',
      'BJCY',
      'BJHD',
    ]);
  });

  it('cannot create a user or an org in Shanghai, nor move a user there', async () => {
    const user = await bjAdmin.post('/api/users', {
      username: 'sneaky.user',
      displayName: 'Sneaky',
      orgId: sh,
      roleIds: [],
    });
    expect(user.status).toBe(404);
    expect(user.body.code).toBe('NOT_FOUND');
    const org = await bjAdmin.post('/api/orgs', {
      parentId: sh,
      code: 'SHXX',
      name: '偷建支行',
      kind: 'outlet',
    });
    expect(org.status).toBe(404);
    expect(org.body.code).toBe('NOT_FOUND');
    const move = await bjAdmin.patch(`/api/users/${await userId(app, 'bj.ops')}`, { orgId: sh });
    expect(move.status).toBe(404);
    expect(
      await app.db.selectFrom('users').select('id').where('username', '=', 'sneaky.user').execute(),
    ).toEqual([]);
    expect(await app.db.selectFrom('orgs').select('id').where('code', '=', 'SHXX').execute()).toEqual([]);
    const bjOps = await app.db
      .selectFrom('users')
      .select('org_id')
      .where('username', '=', 'bj.ops')
      .executeTakeFirstOrThrow();
    expect(bjOps.org_id).toBe(await orgId(app, 'BJ'));
  });

  it('cannot create or edit the institution-wide roles, which only the head office defines', async () => {
    const before = await app.db
      .selectFrom('role_permissions')
      .selectAll()
      .where('role_id', '=', opsManager)
      .execute();
    const edit = await bjAdmin.patch(`/api/roles/${opsManager}`, { permissions: ['org.read'] });
    expect(edit.status).toBe(403);
    expect(edit.body.code).toBe('FORBIDDEN');
    const create = await bjAdmin.post('/api/roles', {
      code: 'bj_custom',
      name: '北京自定义',
      nameEn: 'BJ custom',
      permissions: [],
    });
    expect(create.status).toBe(403);
    expect(
      await app.db.selectFrom('role_permissions').selectAll().where('role_id', '=', opsManager).execute(),
    ).toEqual(before);
    expect(
      await app.db.selectFrom('roles').select('id').where('code', '=', 'bj_custom').executeTakeFirst(),
    ).toBeUndefined();
  });

  it('can still act on the objects of its own branch', async () => {
    const response = await bjAdmin.patch(`/api/users/${await userId(app, 'bj.ops')}`, {
      displayName: '北京运营',
    });
    expect(response.status).toBe(200);
    expect(response.body.displayName).toBe('北京运营');
    const org = await bjAdmin.post('/api/orgs', {
      parentId: await orgId(app, 'BJ'),
      code: 'BJXC',
      name: '北京西城支行',
      kind: 'outlet',
    });
    expect(org.status).toBe(201);
    const unchanged = await bjAdmin.patch(`/api/orgs/${org.body.id}`, {});
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toEqual(org.body);
  });
});
