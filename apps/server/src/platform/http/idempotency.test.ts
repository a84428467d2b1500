import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgId, roleId, startTestApp, type TestApp, userId } from '../../../test/app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('Idempotency-Key on writes', () => {
  it('answers a repeated grant with the first answer and grants once', async () => {
    const admin = await app.as('admin');
    const sales = await userId(app, 'sales');
    const role = await roleId(app, 'analyst');
    const send = () =>
      admin.request(
        'POST',
        `/api/users/${sales}/roles`,
        { roleId: role },
        { headers: { 'idempotency-key': 'grant-analyst-0001' } },
      );
    const first = await send();
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: 'granted', approvalId: null });
    const again = await send();
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replay')).toBe('true');
    const grants = await app.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'role.grant')
      .where('object_id', '=', sales)
      .execute();
    expect(grants).toHaveLength(1);
    // Without the key, the same call is a new request: the role is already held.
    const plain = await admin.post(`/api/users/${sales}/roles`, { roleId: role });
    expect(plain.status).toBe(409);
  });

  it('refuses the same key for another request, and an invalid key, changing nothing', async () => {
    const admin = await app.as('admin');
    const sales = await userId(app, 'sales');
    const other = await admin.request(
      'POST',
      `/api/users/${sales}/disable`,
      {},
      { headers: { 'idempotency-key': 'grant-analyst-0001' } },
    );
    expect(other.status).toBe(409);
    expect(other.body.message).toContain('another request');
    const bad = await admin.request(
      'POST',
      `/api/users/${sales}/disable`,
      {},
      { headers: { 'idempotency-key': 'x' } },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ 'idempotency-key': 'invalid key' });
    const row = await app.db
      .selectFrom('users')
      .select('status')
      .where('id', '=', sales)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
  });

  it('never keeps a first password for replay: a repeated create is refused, one user exists', async () => {
    const admin = await app.as('admin');
    const body = { username: 'wang.wu', displayName: '王五', orgId: await orgId(app, 'BJ') };
    const headers = { 'idempotency-key': 'create-wang-wu-1' };
    const first = await admin.request('POST', '/api/users', body, { headers });
    expect(first.status).toBe(201);
    const stored = await app.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', 'create-wang-wu-1')
      .executeTakeFirstOrThrow();
    expect(stored.body).toBeNull();
    expect(JSON.stringify(stored)).not.toContain(first.body.initialPassword);
    const again = await admin.request('POST', '/api/users', body, { headers });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('one-time secret');
    const users = await app.db.selectFrom('users').select('id').where('username', '=', 'wang.wu').execute();
    expect(users).toHaveLength(1);
  });

  it('keys belong to their user: the same key from another user is a separate request', async () => {
    const admin2 = await app.as('admin2');
    const response = await admin2.request(
      'PUT',
      '/api/auth/me/locale',
      { locale: 'en-US' },
      { headers: { 'idempotency-key': 'grant-analyst-0001' } },
    );
    expect(response.status).toBe(204);
  });
});
