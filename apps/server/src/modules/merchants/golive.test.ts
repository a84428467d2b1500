import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app';
import { contractedApplication, finishAgain, signOff } from '../../../test/merchant-fixtures';
import { stockTerminals } from '../../../test/terminal-fixtures';
import { loadConfig } from '../../platform/config';
import { contextOf } from '../../platform/http/app';
import { goLiveSteps, startGoLive } from './golive.service';

let app: TestApp;
let frontdesk: Client;
let backoffice: Client;

beforeAll(async () => {
  app = await startTestApp();
  frontdesk = await app.as('frontdesk');
  backoffice = await app.as('backoffice');
});
afterAll(async () => {
  await app?.stop();
});

const contracted = (creditCode: string, name: string, terminals = 2) =>
  contractedApplication(app, creditCode, name, terminals);

describe('go-live (开通)', () => {
  it('assigns a MID, opens the installation work orders and creates the portal login, shown once', async () => {
    const id = await contracted('9144030071526726XG', '北京朝阳开通测试餐厅');
    const live = await backoffice.post(`/api/merchant-applications/${id}/go-live`);
    expect(live.status, JSON.stringify(live.body)).toBe(200);
    // 898 (acquirer) + 1101 (Beijing) + 5812 (MCC) + 0001 (first of its region and MCC)
    expect(live.body.mid).toBe('898110158120001');
    expect(live.body.workOrders).toHaveLength(2);
    expect(live.body.portalLogin.username).toBe('m898110158120001');
    const merchant = (await backoffice.get(`/api/merchants/${live.body.merchantId}`)).body;
    expect(merchant).toMatchObject({ status: 'onboarding', mid: '898110158120001' });
    expect(merchant.workOrders.map((w: { status: string }) => w.status)).toEqual(['open', 'open']);
    expect((await backoffice.get(`/api/merchant-applications/${id}`)).body.status).toBe('contracted');
    const twice = await backoffice.post(`/api/merchant-applications/${id}/go-live`);
    expect(twice.status).toBe(409);
  });

  it('becomes active only once a terminal is installed and the training is recorded', async () => {
    const id = await contracted('91330100799655058B', '北京海淀开通测试超市', 1);
    const live = (await backoffice.post(`/api/merchant-applications/${id}/go-live`)).body;
    const training = await backoffice.post(`/api/merchants/${live.merchantId}/trainings`, {
      trainerName: '李培训',
      trainedAt: '2026-11-25T10:00:00+08:00',
      topics: ['刷卡与扫码收款', '撤销与退货', '结算与对账单'],
      attendees: '店长 王芳, 收银员 2 名',
    });
    expect(training.status).toBe(200);
    expect(training.body.status).toBe('onboarding');
    const engineer = await app.as('engineer');
    const order = training.body.workOrders[0];
    // Only a unit in the ledger's stock can be installed.
    const unknown = await engineer.post(`/api/work-orders/${order.id}/install`, {
      serialNo: 'PAXA920-00012345',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields.serialNo).toMatch(/no terminal PAXA920-00012345 in the ledger/);
    await stockTerminals(app, ['PAXA920-00012345']);
    const installed = await engineer.post(`/api/work-orders/${order.id}/install`, {
      serialNo: 'PAXA920-00012345',
    });
    expect(installed.status, JSON.stringify(installed.body)).toBe(200);
    expect(installed.body.keyInjection).toMatchObject({
      serialNo: 'PAXA920-00012345',
      tid: expect.stringMatching(/^\d{8}$/),
    });
    // Bound and keyed, but the merchant goes live only at the sign-off after the test transaction.
    expect(installed.body.merchant.status).toBe('onboarding');
    expect(
      (await engineer.post(`/api/work-orders/${order.id}/install`, { serialNo: 'PAXA920-00012345' })).status,
    ).toBe(409);
    const signed = await signOff(app, engineer, order.id);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.status).toBe('active');
    const unit = (await engineer.get('/api/terminals/by-serial/PAXA920-00012345')).body;
    expect(unit.status).toBe('active');
    const application = (await backoffice.get(`/api/merchant-applications/${id}`)).body;
    expect(application.status).toBe('active');
    expect(application.history.at(-1)).toMatchObject({ event: 'activate', comment: `MID ${live.mid}` });
    expect((await engineer.post(`/api/work-orders/${order.id}/finish`, finishAgain)).status).toBe(409);
  });

  it('gives the merchant a portal login that must change its first password and opens no staff page', async () => {
    const id = await contracted('91110108558521630L', '北京门户测试商店', 1);
    const live = (await backoffice.post(`/api/merchant-applications/${id}/go-live`)).body;
    const portal = app.client();
    const signedIn = await portal.login(live.portalLogin.username, live.portalLogin.initialPassword);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ mustChangePassword: true, permissions: ['portal.read'] });
    const changed = await portal.post('/api/auth/change-password', {
      currentPassword: live.portalLogin.initialPassword,
      newPassword: 'Merchant-portal-2026',
    });
    expect(changed.status).toBe(200);
    expect((await portal.get('/api/merchants')).status).toBe(403);
    expect((await portal.get('/api/users')).status).toBe(403);
    // Staff lists show staff; the portal logins have their own filter.
    const admin = await app.as('admin');
    const usernames = async (kind?: string) =>
      (
        (await admin.get(`/api/users?limit=200${kind ? `&kind=${kind}` : ''}`)).body.items as {
          username: string;
        }[]
      ).map((u) => u.username);
    expect(await usernames()).not.toContain(live.portalLogin.username);
    expect(await usernames()).toContain('backoffice');
    const portalLogins = await usernames('portal');
    expect(portalLogins).toContain(live.portalLogin.username);
    expect(portalLogins.every((u) => /^m\d{15}$/.test(u))).toBe(true);
    expect(await usernames('all')).toEqual(expect.arrayContaining([live.portalLogin.username, 'backoffice']));
    // 商户自助: its own merchant, terminals and contract — and nothing of anyone else.
    const mine = await portal.get('/api/portal/merchant');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      mid: live.mid,
      name: '北京门户测试商店',
      status: 'onboarding',
      terminals: [],
    });
    expect(mine.body.contract).toMatchObject({ status: 'signed' });
    const pdf = await fetch(`${app.baseUrl}/api/portal/contract.pdf`, {
      headers: { cookie: portal.cookie! },
    });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const others = await app.db.selectFrom('merchants').select('id').where('mid', '<>', live.mid).execute();
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) expect((await portal.get(`/api/merchants/${other.id}`)).status).toBe(403);
    // Staff have no portal: it answers for merchant logins only.
    expect((await backoffice.get('/api/portal/merchant')).status).toBe(403);
  });

  it('undoes every step done when a later step fails, leaving the application as it was', async () => {
    const id = await contracted('91110108551385082Q', '北京补偿测试公司');
    // The service as the back office calls it, with one more step that fails after the others.
    const me = (await backoffice.get('/api/auth/me')).body.user;
    const ctx = contextOf(
      {
        actor: {
          userId: me.id,
          username: me.username,
          displayName: me.displayName,
          orgId: me.orgId,
          orgPath: (
            await app.db
              .selectFrom('orgs')
              .select('path')
              .where('id', '=', me.orgId)
              .executeTakeFirstOrThrow()
          ).path,
          permissions: new Set(me.permissions),
          sessionId: 'test',
          csrfToken: 'test',
          mustChangePassword: false,
          totpSetupRequired: false,
          locale: 'zh-CN',
          merchantId: null,
        },
        ip: '127.0.0.1',
        id: 'test',
      } as never,
      {
        db: app.db,
        clock: app.clock,
        config: loadConfig({ DEMO: 'on' }),
      },
    );
    const failing = {
      name: 'notify_channel',
      run: async () => Promise.reject(new Error('channel unreachable')),
      compensate: async () => {},
    };
    await expect(startGoLive(ctx, id, [...goLiveSteps, failing])).rejects.toThrow(
      /notify_channel failed.*undone.*channel unreachable/,
    );
    expect(
      await app.db.selectFrom('merchants').select('id').where('application_id', '=', id).execute(),
    ).toEqual([]);
    expect(
      await app.db.selectFrom('users').select('id').where('display_name', '=', '北京补偿测试公司').execute(),
    ).toEqual([]);
    const run = await app.db
      .selectFrom('workflow_runs')
      .selectAll()
      .where('object_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(run.status).toBe('compensated');
    expect((run.steps as { step: string; status: string }[]).map((s) => `${s.step}:${s.status}`)).toEqual([
      'merchant:done',
      'install_work_orders:done',
      'portal_login:done',
      'notify_channel:failed',
      'portal_login:compensated',
      'install_work_orders:compensated',
      'merchant:compensated',
    ]);
    expect((await backoffice.get(`/api/merchant-applications/${id}`)).body.status).toBe('contracted');
    const live = await backoffice.post(`/api/merchant-applications/${id}/go-live`);
    expect(live.status).toBe(200);
  });

  it('is suspended, resumed, frozen, unfrozen and closed only along its state machine, each with a reason', async () => {
    const id = await contracted('91110000802100433B', '北京状态测试商店', 1);
    const live = (await backoffice.post(`/api/merchant-applications/${id}/go-live`)).body;
    await backoffice.post(`/api/merchants/${live.merchantId}/trainings`, {
      trainerName: '李培训',
      trainedAt: '2026-11-25T10:00:00+08:00',
      topics: ['收款'],
      attendees: '店长',
    });
    const engineer = await app.as('engineer');
    const orders = (await backoffice.get(`/api/merchants/${live.merchantId}`)).body.workOrders;
    await stockTerminals(app, ['PAXA920-00077777']);
    await engineer.post(`/api/work-orders/${orders[0].id}/install`, { serialNo: 'PAXA920-00077777' });
    expect((await signOff(app, engineer, orders[0].id)).status).toBe(200);
    const ops = await app.as('bj.ops');
    const move = (event: string, reason = '风险排查') =>
      ops.post(`/api/merchants/${live.merchantId}/status`, { event, reason });
    const active = (await ops.get(`/api/merchants/${live.merchantId}`)).body;
    expect(active.status).toBe('active');
    expect(active.allowedEvents).toEqual(['suspend', 'freeze_settlement', 'close']);
    expect((await move('suspend')).body.status).toBe('suspended');
    const again = await move('suspend');
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('merchant: cannot suspend when suspended');
    expect((await move('resume')).body.status).toBe('active');
    expect((await move('freeze_settlement', '疑似套现，延迟结算')).body.status).toBe('frozen');
    expect((await move('unfreeze_settlement', '核查无异常')).body.status).toBe('active');
    const noReason = await ops.post(`/api/merchants/${live.merchantId}/status`, { event: 'close' });
    expect(noReason.status).toBe(400);
    expect(
      (
        await frontdesk.post(`/api/merchants/${live.merchantId}/status`, {
          event: 'close',
          reason: '商户申请注销',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await (
          await app.as('sh.ops')
        ).post(`/api/merchants/${live.merchantId}/status`, { event: 'close', reason: '越权注销' })
      ).status,
    ).toBe(404);
    expect((await move('close', '商户申请注销')).body.status).toBe('closed');
    expect((await move('resume')).status).toBe(409);
    const audit = await app.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', live.merchantId)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'merchant.suspend',
        'merchant.resume',
        'merchant.freeze_settlement',
        'merchant.unfreeze_settlement',
        'merchant.close',
      ]),
    );
  });

  it("keeps a branch's merchants from another branch", async () => {
    const shOps = await app.as('sh.ops');
    const list = await backoffice.get('/api/merchants?limit=50');
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const m of list.body.items) expect((await shOps.get(`/api/merchants/${m.id}`)).status).toBe(404);
    expect((await shOps.get('/api/merchants?limit=50')).body.items).toEqual([]);
  });
});
