import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, userId } from '../../../test/app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('login history (登录日志)', () => {
  it("lists a user's sign-in attempts newest first, paged, with the reason of each failure", async () => {
    await app.client().login('sales', 'wrong-password-1');
    await app.as('sales');
    await app.client().login('sales', 'wrong-password-2');
    const admin = await app.as('admin');
    const sales = await userId(app, 'sales');
    const first = await admin.get(`/api/users/${sales}/logins?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: { reason: string }) => e.reason)).toEqual(['wrong_password', 'ok']);
    expect(first.body.items[0]).toMatchObject({ username: 'sales', success: false, ip: '127.0.0.1' });
    const second = await admin.get(`/api/users/${sales}/logins?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e: { reason: string }) => e.reason)).toEqual(['wrong_password']);
    expect(second.body.nextCursor).toBeNull();
  });

  it("is another branch's secret: 404 for a Shanghai user seen from Beijing", async () => {
    const bjAdmin = await app.as('bj.admin');
    const shOps = await userId(app, 'sh.ops');
    const refused = await bjAdmin.get(`/api/users/${shOps}/logins`);
    expect(refused.status).toBe(404);
  });
});
