import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, orgId, startTestApp, type TestApp, userId } from '../../../test/app';

interface Entry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  ip: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
}

let app: TestApp;
let admin: Client;
let admin2: Client;
let hq: string;
let sequence = 0;

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
  admin2 = await app.as('admin2');
  hq = await orgId(app, 'HQ');
});

afterAll(async () => {
  await app?.stop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function createUser(
  client: Client,
  orgCode: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; username: string; initialPassword: string }> {
  sequence += 1;
  const username = `audit.user${sequence}`;
  const response = await client.post('/api/users', {
    username,
    displayName: `Audit user ${sequence}`,
    orgId: await orgId(app, orgCode),
    ...extra,
  });
  expect(response.status).toBe(201);
  return { id: response.body.user.id, username, initialPassword: response.body.initialPassword };
}

async function search(client: Client, query: Record<string, string>) {
  const response = await client.get<{ items: Entry[]; nextCursor: string | null }>(
    `/api/audit?${new URLSearchParams({ limit: '200', ...query })}`,
  );
  expect(response.status).toBe(200);
  return response.body.items;
}

async function downloadXlsx(client: Client, query: Record<string, string>) {
  return fetch(`${app.baseUrl}/api/audit/export.xlsx?${new URLSearchParams(query)}`, {
    headers: { cookie: client.cookie ?? '' },
  });
}

describe('recording', () => {
  it("writes user.create with actor, the user's org, ip and the after image, the phone masked", async () => {
    const user = await createUser(admin, 'BJ', { phone: '13812345678', email: 'li.lei@example.cn' });
    const rows = await app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('object_id', '=', user.id)
      .execute();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      actor_id: await userId(app, 'admin'),
      actor_name: 'admin',
      // Filed under the changed user's org, so that branch's staff see the change to their user.
      org_id: await orgId(app, 'BJ'),
      ip: '127.0.0.1',
      object_type: 'user',
    });
    expect(row.request_id).toMatch(/^[\w-]{1,64}$/);
    expect(row.before).toBeNull();
    expect(row.after).toEqual({
      username: user.username,
      displayName: `Audit user ${sequence}`,
      orgId: await orgId(app, 'BJ'),
      email: 'li.lei@example.cn',
      phone: '138****5678',
    });
    const raw = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM audit_log WHERE after::text LIKE '%13812345678%' OR before::text LIKE '%13812345678%'`.execute(
      app.db,
    );
    expect(raw.rows[0]!.n).toBe(0);
  });

  it('never stores a password hash, through creation, reset and a password change', async () => {
    const user = await createUser(admin, 'HQ');
    const reset = await admin.post(`/api/users/${user.id}/reset-password`);
    expect(reset.status).toBe(200);
    const self = app.client();
    expect((await self.login(user.username, reset.body.initialPassword)).status).toBe(200);
    const changed = await self.post('/api/auth/change-password', {
      currentPassword: reset.body.initialPassword,
      newPassword: 'Another-secret-2026!',
    });
    expect(changed.status).toBe(200);
    const actions = await app.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', user.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'user.create',
      'user.password.reset',
      'user.password.change',
    ]);
    const leaks = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log
      WHERE coalesce(before::text, '') LIKE '%$argon2%' OR coalesce(after::text, '') LIKE '%$argon2%'`.execute(
      app.db,
    );
    expect(leaks.rows[0]!.n).toBe(0);
    const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(app.db);
    expect(total.rows[0]!.n).toBeGreaterThan(5);
  });

  it('leaves no audit row when the write fails', async () => {
    const user = await createUser(admin, 'HQ');
    const duplicate = await admin.post('/api/users', {
      username: user.username,
      displayName: 'Someone else',
      orgId: hq,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.fields).toEqual({ username: 'already in use' });

    // fails after the user row and its audit row were written: both roll back together
    const halfway = await admin.post('/api/users', {
      username: 'audit.rolledback',
      displayName: 'Rolled back',
      orgId: hq,
      roleIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(halfway.status).toBe(404);
    expect(halfway.body.fields).toEqual({ roleId: 'not found' });

    const creates = await app.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'user.create')
      .where(sql<boolean>`after ->> 'username' IN (${user.username}, 'audit.rolledback')`)
      .executeTakeFirstOrThrow();
    expect(Number(creates.n)).toBe(1);
    const ghost = await app.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'audit.rolledback')
      .executeTakeFirst();
    expect(ghost).toBeUndefined();
  });
});

describe('the log is append-only in the database', () => {
  const count = async () =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(app.db)).rows[0]!.n;

  it('refuses UPDATE, DELETE and TRUNCATE even on the unscoped connection', async () => {
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await expect(
      app.db
        .updateTable('audit_log')
        .set({ action: 'tampered' })
        .where('action', '=', 'user.create')
        .execute(),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(
      app.db.deleteFrom('audit_log').where('action', '=', 'user.create').execute(),
    ).rejects.toThrow(/append-only: DELETE refused/);
    await expect(sql`TRUNCATE audit_log`.execute(app.db)).rejects.toThrow(/append-only: TRUNCATE refused/);
    const partition = `audit_log_${new Date().toISOString().slice(0, 7).replace('-', '_')}`;
    await expect(sql`TRUNCATE ${sql.table(partition)}`.execute(app.db)).rejects.toThrow(
      /append-only: TRUNCATE refused/,
    );
    await expect(sql`DELETE FROM ${sql.table(partition)}`.execute(app.db)).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
    const tampered = await app.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'tampered')
      .executeTakeFirst();
    expect(tampered).toBeUndefined();
  });
});

describe('searching', () => {
  let first: { id: string; username: string };
  let second: { id: string; username: string };
  let middle: string;

  beforeAll(async () => {
    first = await createUser(admin, 'HQ');
    await pause(20);
    middle = new Date().toISOString();
    await pause(20);
    second = await createUser(admin2, 'SH');
    const updated = await admin2.patch(`/api/users/${second.id}`, { displayName: 'Renamed' });
    expect(updated.status).toBe(200);
  });

  it('filters by action (a prefix), actor, object type and object id', async () => {
    const created = await search(admin, { action: 'user.create', objectId: first.id });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actorName: 'admin', objectType: 'user', objectId: first.id });

    const byAdmin2 = await search(admin, { actor: 'admin2' });
    expect(byAdmin2.map((e) => [e.action, e.objectId])).toEqual([
      ['user.update', second.id],
      ['user.create', second.id],
    ]);

    const onSecond = await search(admin, { objectType: 'user', objectId: second.id });
    expect(onSecond.map((e) => e.action)).toEqual(['user.update', 'user.create']);
    expect(onSecond[0]!.before).toMatchObject({ displayName: expect.stringMatching(/^Audit user/) });
    expect(onSecond[0]!.after).toEqual({ displayName: 'Renamed' });

    const userActions = await search(admin, { action: 'user.' });
    expect(userActions.length).toBeGreaterThanOrEqual(3);
    expect(userActions.every((e) => e.action.startsWith('user.'))).toBe(true);
    expect(await search(admin, { action: '%' })).toEqual([]);
    expect(await search(admin, { objectType: 'approval_request', objectId: first.id })).toEqual([]);
  });

  it('filters by time: from is inclusive, to exclusive', async () => {
    const after = await search(admin, { action: 'user.create', from: middle });
    expect(after.map((e) => e.objectId)).toEqual([second.id]);
    const before = await search(admin, { action: 'user.create', to: middle });
    expect(before.map((e) => e.objectId)).toContain(first.id);
    expect(before.map((e) => e.objectId)).not.toContain(second.id);
    const window = await search(admin, {
      from: middle,
      to: new Date(Date.parse(middle) + 1).toISOString(),
    });
    expect(window).toEqual([]);
    const bad = await admin.get('/api/audit?from=yesterday');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(['from']);
  });

  it('pages by keyset: limit=2 via nextCursor visits every row once, newest first', async () => {
    const seen: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { limit: '2', actor: 'admin' };
      if (cursor) query.cursor = cursor;
      const response = await admin.get<{ items: Entry[]; nextCursor: string | null }>(
        `/api/audit?${new URLSearchParams(query)}`,
      );
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...response.body.items);
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    const expected = await app.db
      .selectFrom('audit_log')
      .select(['id'])
      .where('actor_name', '=', 'admin')
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(seen.map((e) => e.id)).toEqual(expected.map((r) => r.id.toString()));
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(expected.length / 2));
    const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const cursor of [
      'not-a-cursor',
      forged(['yesterday', '1']),
      forged(['2026-01-01T00:00:00.000Z', 'abc']),
      forged(['2026-01-01T00:00:00.000Z', '99999999999999999999999']),
    ]) {
      const bad = await admin.get(`/api/audit?cursor=${cursor}`);
      expect(bad.status).toBe(400);
      expect(bad.body.fields).toEqual({ cursor: 'invalid cursor' });
    }
  });

  it('shows a branch administrator only the rows of its own subtree', async () => {
    const own = await createUser(await app.as('bj.admin'), 'BJCY');
    const bjAdmin = await app.as('bj.admin');
    const visible = await search(bjAdmin, {});
    const subtree = await app.db
      .selectFrom('orgs')
      .select('id')
      .where('path', 'like', sql<string>`(SELECT path FROM orgs WHERE code = 'BJ') || '%'`)
      .execute();
    const subtreeIds = subtree.map((o) => o.id);
    expect(subtreeIds).toHaveLength(4);
    expect(visible.map((e) => e.objectId)).toContain(own.id);
    expect(visible.every((e) => e.orgId !== null && subtreeIds.includes(e.orgId))).toBe(true);
    expect(visible.map((e) => e.objectId)).not.toContain(first.id);
    expect(visible.map((e) => e.objectId)).not.toContain(second.id);
    expect(await search(bjAdmin, { objectId: first.id })).toEqual([]);
  });

  it('refuses the log to a user without audit.read (403)', async () => {
    const analyst = await app.as('analyst');
    const response = await analyst.get('/api/audit');
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
    expect((await downloadXlsx(analyst, {})).status).toBe(403);
  });
});

describe('export to Excel', () => {
  it('streams an xlsx with a header row and one row per matching entry', async () => {
    const user = await createUser(admin, 'HQ', { phone: '13987654321' });
    const expected = await search(admin, { action: 'user.create' });
    expect(expected.length).toBeGreaterThanOrEqual(3);

    const response = await downloadXlsx(admin, { action: 'user.create' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    const buffer = Buffer.from(await response.arrayBuffer());
    expect(buffer.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('审计日志');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '时间',
      '操作人',
      'IP',
      '操作',
      '对象类型',
      '对象',
      '变更前',
      '变更后',
    ]);
    expect(sheet.rowCount).toBe(expected.length + 1);
    const rows = [];
    for (let r = 2; r <= sheet.rowCount; r += 1) {
      rows.push((sheet.getRow(r).values as unknown[]).slice(1));
    }
    expect(rows.map((r) => r[3])).toEqual(expected.map(() => 'user.create'));
    expect(rows.map((r) => r[5])).toEqual(expected.map((e) => e.objectId));
    const newest = rows[0]!;
    expect(newest[0]).toBe(expected[0]!.at);
    expect(newest[1]).toBe('admin');
    expect(newest[2]).toBe('127.0.0.1');
    expect(newest[5]).toBe(user.id);
    expect(JSON.parse(String(newest[7]))).toMatchObject({ username: user.username, phone: '139****4321' });
  });

  it("exports only the branch's rows to a branch administrator, and refuses it without audit.export", async () => {
    const bjAdmin = await app.as('bj.admin');
    const expected = await search(bjAdmin, {});
    const response = await downloadXlsx(bjAdmin, {});
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(expected.length + 1);

    const ops = await app.as('ops');
    expect((await ops.get('/api/audit?limit=1')).status).toBe(200);
    const denied = await downloadXlsx(ops, {});
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('signing in', () => {
  it('needs a session for the log (401)', async () => {
    const stranger = app.client();
    const response = await stranger.get('/api/audit');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });
});
